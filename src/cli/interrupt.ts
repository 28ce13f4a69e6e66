/**
 * Turns the first SIGINT/SIGTERM into an abort (the run stops sending, stops
 * its processes and still writes what it measured) and a second one into an
 * immediate exit with 128 + the signal number.
 */
export function onInterrupt(): { signal: AbortSignal; received(): NodeJS.Signals | null; dispose(): void } {
  const controller = new AbortController();
  let got: NodeJS.Signals | null = null;
  const handler = (sig: NodeJS.Signals): void => {
    if (got) process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
    got = sig;
    process.stderr.write(`\ncaplab: ${sig} received, stopping the run and writing what was measured (again to force)\n`);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    received: () => got,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
