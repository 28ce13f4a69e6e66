import os from 'node:os';
import type { RoleDeath } from '../stack/index.js';
import type { ServedStack } from './serve-stack.js';

/** Why a served stack stopped being served. */
export type ServeEnding = { readonly signal: NodeJS.Signals } | { readonly death: RoleDeath };

/**
 * Keeps `served` up until SIGINT or SIGTERM arrives (then resolves with it)
 * or a role dies (then resolves with the death). While it waits, SIGHUP is
 * forwarded to the pool's master (a graceful reload); `log` gets one line
 * for each. A second SIGINT/SIGTERM while the caller is stopping exits at
 * once with 128 + its number. The handlers stay installed after the
 * promise resolves until `dispose()`.
 */
export function holdUntilSignal(served: ServedStack, log: (line: string) => void): { ended: Promise<ServeEnding>; dispose(): void } {
  let got: NodeJS.Signals | null = null;
  let resolveEnd: (e: ServeEnding) => void = () => undefined;
  const ended = new Promise<ServeEnding>((resolve) => (resolveEnd = resolve));
  const onStop = (sig: NodeJS.Signals): void => {
    if (got !== null) process.exit(128 + os.constants.signals[sig]);
    got = sig;
    log(`${sig} received: stopping the stack (again to force)`);
    resolveEnd({ signal: sig });
  };
  const onHangup = (): void => {
    const refused = served.hangup();
    log(refused === null ? `SIGHUP forwarded to the pool master (pid ${served.pool.pid}): its workers reload` : `SIGHUP not forwarded: ${refused}`);
  };
  process.on('SIGINT', onStop);
  process.on('SIGTERM', onStop);
  process.on('SIGHUP', onHangup);
  void served.died.then((death) => resolveEnd({ death }));
  return {
    ended,
    dispose() {
      process.off('SIGINT', onStop);
      process.off('SIGTERM', onStop);
      process.off('SIGHUP', onHangup);
    },
  };
}
