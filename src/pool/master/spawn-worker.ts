import { ChildStartError, forkChild, resolveEntry, type Supervised } from '../../process/index.js';
import type { WorkerConfig, WorkerReadyMessage } from '../messages.js';
import type { PoolConfig } from '../pool-options.js';

/** How long a worker gets to load its app. */
export const WORKER_START_TIMEOUT_MS = 30_000;

/**
 * Forks one worker process and resolves once it has loaded the app
 * (`ready`). Rejects with ChildStartError (code E_APP_LOAD when the app
 * cannot be loaded, or when a user's app exits or hangs while loading,
 * naming the app) if it fails or dies first. Once ready, the worker's
 * stderr (app exceptions, crashes) is forwarded to the master's.
 * `shareFds` are handed to the worker at fds 4, 5, … (KERNEL_FDS).
 */
export async function spawnWorker(config: WorkerConfig, shareFds: readonly number[] = []): Promise<Supervised<WorkerReadyMessage>> {
  const entry = resolveEntry(import.meta.url, '../worker/worker-main.js');
  const name = config.app === 'sample' ? `worker ${config.id}` : `worker ${config.id} loading the app ${config.app}`;
  let supervised: Supervised<WorkerReadyMessage>;
  try {
    supervised = await forkChild<WorkerReadyMessage>(entry, config, { startTimeoutMs: WORKER_START_TIMEOUT_MS, shareFds, name });
  } catch (err) {
    // A user's app that exits or hangs while loading is the app's fault (exit 2), named by its path.
    if (err instanceof ChildStartError && err.code === 'E_STACK_START' && config.app !== 'sample') throw new ChildStartError(err.message, 'E_APP_LOAD');
    throw err;
  }
  supervised.child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return supervised;
}

/** What every worker of the pool is told, whatever the queue mode: its id and the app it serves. */
export function commonWorkerConfig(config: PoolConfig, id: number): Pick<WorkerConfig, 'id' | 'app' | 'protocol' | 'timeScale' | 'socketTimeoutMs'> {
  return { id, app: config.app, protocol: config.protocol, timeScale: config.timeScale, socketTimeoutMs: config.socketTimeoutMs };
}
