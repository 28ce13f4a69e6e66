import { readStats, startPool, type PoolStats } from '../pool/index.js';
import { DEFAULTS } from '../config/index.js';
import { childrenRssBytes, type ProcessExit } from '../process/index.js';
import type { StackDescription } from '../results/index.js';
import { startGunicornPool, startRunserverPool, startUwsgiPool, type UpstreamProtocol } from './real/index.js';
import { poolObserved } from './pool-observed.js';
import { checkPoolKnobs, poolOptionError } from './check-pool-knobs.js';
import { statsWorkerRss, workerRss } from './worker-rss.js';
import type { PoolKind, PoolSample, StackConfig, StackReload } from './types.js';

/** A started pool, whatever program plays it, as `startStack` wires it behind the proxy. */
export interface PoolRole {
  readonly host: string;
  /** 0 when it listens on `socketPath`. */
  readonly port: number;
  /** The unix socket it listens on, when it does. */
  readonly socketPath?: string | undefined;
  /** How the proxy must talk to it (runserver speaks HTTP only). */
  readonly protocol: UpstreamProtocol;
  readonly pid: number;
  /** The stats server's port on `host`, when the program has one (embedded, uWSGI). */
  readonly statsPort?: number | undefined;
  readonly exited: Promise<ProcessExit>;
  /** The pool's part of the stack description. */
  readonly describe: Pick<StackDescription, 'pool' | 'app' | 'workers' | 'listen' | 'queue' | 'queueFallback' | 'observed'>;
  /** One sample of the listen queue and busy workers, and the workers' RSS where the program lets caplab read them. */
  sample(): Promise<PoolSample>;
  /** Reloads the workers gracefully (see RunningStack.reload). */
  reload(): Promise<StackReload>;
  stop(): Promise<void>;
}

/**
 * Starts the pool of `kind` on a free loopback port: caplab's embedded pool
 * (uwsgi protocol, its stats server), Debian's uWSGI running the Django
 * project (the same), gunicorn's sync workers (HTTP; no stats server: the
 * accept queue is read exactly from /proc/net/tcp or /proc/net/unix, busy workers estimated
 * from accepted open connections), or Django's runserver (HTTP; no stats: the accept
 * queue and open connections are read from /proc/net/tcp, and `listen` is
 * runserver's fixed backlog of 10, not the config's). `describe.observed`
 * says how exactly each could be seen (poolObserved).
 */
export async function startPoolRole(config: StackConfig, kind: PoolKind, socketPath?: string): Promise<PoolRole> {
  checkPoolKnobs(config, kind);
  if (kind === 'runserver') {
    const rs = await startRunserverPool({ host: DEFAULTS.host, port: 0, timeScale: config.timeScale, threading: config.threading ?? true, wsgi: config.wsgi });
    return {
      host: rs.host,
      port: rs.port,
      protocol: rs.protocol,
      pid: rs.pid,
      exited: rs.exited,
      // one process, whatever `workers` says: threads (unbounded) or one request at a time
      describe: { pool: rs.threading ? 'runserver' : 'runserver --nothreading', app: config.wsgi?.app ?? 'django', workers: 1, listen: rs.backlog, observed: poolObserved('runserver', 'tcp') },
      sample: () => rs.sample(),
      reload: () => Promise.reject(poolOptionError('runserver', 'a reload', 'it has no workers to replace')),
      stop: () => rs.stop(),
    };
  }
  if (kind === 'gunicorn') {
    const g = await startGunicornPool({
      host: DEFAULTS.host,
      port: 0,
      socketPath,
      workers: config.workers,
      listen: config.listen,
      timeScale: config.timeScale,
      harakiriMs: config.harakiriMs,
      maxRequests: config.maxRequests,
      threads: config.threads,
      wsgi: config.wsgi,
    });
    return {
      host: g.host,
      port: g.port,
      socketPath: g.socketPath,
      protocol: g.protocol,
      pid: g.pid,
      exited: g.exited,
      // sync workers accept from the shared socket themselves: the queue is the kernel's
      describe: { pool: 'gunicorn', app: config.wsgi?.app ?? 'django', workers: g.workers, listen: config.listen, queue: 'kernel', observed: poolObserved('gunicorn', socketPath !== undefined ? 'unix' : 'tcp') },
      sample: async () => {
        const s = await g.sample();
        // gunicorn has no stats server: its workers are its master's children
        const rss = workerRss(childrenRssBytes(g.pid), '/proc');
        return { queue: s.queue, busy: s.busy, ...(rss ? { workerRss: rss } : {}) };
      },
      reload: () => g.reload(),
      stop: () => g.stop(),
    };
  }
  const options = {
    host: DEFAULTS.host,
    port: 0,
    protocol: 'uwsgi' as const,
    workers: config.workers,
    listen: config.listen,
    timeScale: config.timeScale,
    ...(config.harakiriMs !== undefined ? { harakiriMs: config.harakiriMs } : {}),
    threads: config.threads ?? 1,
    maxRequests: config.maxRequests ?? 0,
    ...(config.reloadOnRssMb !== undefined ? { reloadOnRssMb: config.reloadOnRssMb } : {}),
    ...(socketPath !== undefined ? { socketPath } : {}),
  };
  const pool =
    kind === 'uwsgi'
      ? await startUwsgiPool({ ...options, app: 'django', wsgi: config.wsgi })
      : await startPool({ ...options, app: config.app, queue: config.queue ?? DEFAULTS.queue });
  return {
    host: pool.host,
    port: pool.port,
    socketPath: pool.socketPath,
    protocol: pool.protocol,
    pid: pool.pid,
    statsPort: pool.statsPort,
    exited: pool.exited,
    describe: {
      pool: kind,
      app: kind === 'uwsgi' ? (config.wsgi?.app ?? 'django') : config.app,
      workers: config.workers,
      listen: config.listen,
      queue: pool.queue,
      ...(pool.queueFallback !== undefined ? { queueFallback: pool.queueFallback } : {}),
      observed: poolObserved(kind, socketPath !== undefined ? 'unix' : 'tcp'),
    },
    async sample() {
      const stats = await readStats(pool.host, pool.statsPort);
      const rss = statsWorkerRss(stats);
      return { queue: stats.listen_queue, busy: busyCores(stats.workers), ...(rss ? { workerRss: rss } : {}) };
    },
    reload: () => pool.reload(),
    stop: () => pool.stop(),
  };
}

/** Requests being served: busy workers, or with threads busy cores (uWSGI's `cores[].in_request`). */
function busyCores(workers: PoolStats['workers']): number {
  return workers.reduce((n, w) => n + (w.cores && w.cores.length > 1 ? w.cores.filter((c) => c.in_request === 1).length : w.status === 'busy' ? 1 : 0), 0);
}
