import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { KeeperConfig } from './keeper-messages.js';
import { startKeeper, type KeptProgram } from './start-keeper.js';

/** A kept program whose generated files live in `dir`. */
export interface KeptInDir extends KeptProgram {
  /** The temporary folder of the program's config, logs and sockets. */
  readonly dir: string;
}

/**
 * The one way a real program starts: a fresh temporary folder (`prefix`
 * names it), `configure` writes what the program needs into it and returns
 * the keeper's config, then the keeper starts the program. `stop()` is
 * idempotent and removes the folder once the program is gone; a start that
 * fails removes it before rethrowing.
 */
export async function keepInTempDir(prefix: string, configure: (dir: string) => Promise<KeeperConfig> | KeeperConfig): Promise<KeptInDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const kept = await startKeeper(await configure(dir));
    let stopping: Promise<void> | undefined;
    return Object.freeze({
      pid: kept.pid,
      keeperPid: kept.keeperPid,
      exited: kept.exited,
      dir,
      stop: () => (stopping ??= kept.stop().then(remove)),
    });
  } catch (err) {
    await remove();
    throw err;
  }
}
