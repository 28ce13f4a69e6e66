import os from 'node:os';
import type { RoleDeath } from '../stack/index.js';
import type { ServedStack } from './serve-stack.js';

/** Why a served stack stopped being served. */
export type ServeEnding = { readonly signal: NodeJS.Signals } | { readonly death: RoleDeath };

/**
 * Keeps `served` up until SIGINT or SIGTERM arrives (then resolves with it)
 * or a role dies (then resolves with the death). While it waits, SIGHUP
 * reloads the pool's workers gracefully (ServedStack.reload: what the pool
 * master does on its own SIGHUP, or uWSGI's chain reload); `log` gets a
 * line when it starts and one when it ends. A second SIGINT/SIGTERM while the caller is stopping exits at
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
    log(`SIGHUP received: reloading the pool's workers one by one`);
    void served.reload().then(log);
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
