import os from 'node:os';

/** The exit code for a process ended by `signal`: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + os.constants.signals[signal];
}

/**
 * Turns the first SIGINT/SIGTERM into an abort (the run stops sending, stops
 * its processes and still writes what it measured) and a second one into an
 * immediate exit with 128 + the signal number.
 */
export function onInterrupt(): { signal: AbortSignal; received(): NodeJS.Signals | null; dispose(): void } {
  const controller = new AbortController();
  let got: NodeJS.Signals | null = null;
  const handler = (sig: NodeJS.Signals): void => {
    if (got) process.exit(signalExitCode(sig));
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
