import { caplabError } from '../errors.js';
import { startStack, type PoolAddress, type PoolKind, type RoleDeath, type RunningStack, type StackConfig } from '../stack/index.js';
import { readGunicornStats } from './read-gunicorn-stats.js';
import { startMetricsServer, type MetricsServer } from './start-metrics-server.js';
import { startStatsBridge, type StatsBridge } from './start-stats-bridge.js';

/** Where `/metrics` comes from: caplab's pool's own stats port, or caplab translating real uWSGI's stats JSON. */
export const METRICS_SOURCES = ['caplab', 'uwsgi'] as const;
export type MetricsSource = (typeof METRICS_SOURCES)[number];

/** A stack kept up for people to poke at. */
export interface ServedStack {
  /** The proxy's base URL. */
  readonly proxyUrl: string;
  readonly poolKind: PoolKind;
  /** What runs: programs, workers, queue mode. */
  readonly describe: RunningStack['describe'];
  /** Requests each worker serves at once (uWSGI's threads). */
  readonly threads: number;
  readonly pool: PoolAddress;
  /** host:port of the pool's stats server (uWSGI's JSON; for gunicorn, caplab's reading of /proc), or null when there is none. */
  readonly statsAddress: string | null;
  /** The Prometheus URL, or null when the pool has no stats to translate. */
  readonly metricsUrl: string | null;
  /** Resolves when a role dies before stop(). */
  readonly died: Promise<RoleDeath>;
  /**
   * Reloads the pool's workers gracefully, one by one (RunningStack.reload:
   * caplab's pool and uWSGI a chain reload, gunicorn its SIGHUP); resolves
   * with one line saying what changed, or why it could not.
   */
  reload(): Promise<string>;
  /** Stops every process; idempotent. */
  stop(): Promise<void>;
}

/**
 * The metrics source for `pool`: the one asked for, or the pool's own
 * default (caplab's pool: its stats port; uWSGI: the translation), null
 * for pools without a stats server. E_USAGE when the choice does not fit
 * the pool, before anything starts.
 */
export function metricsSourceFor(pool: PoolKind, asked: MetricsSource | undefined): MetricsSource | null {
  const own: MetricsSource | null = pool === 'embedded' ? 'caplab' : pool === 'uwsgi' ? 'uwsgi' : null;
  if (asked === undefined || asked === own) return own;
  if (own === null) {
    const why = pool === 'gunicorn' ? 'caplab reads gunicorn\'s workers from /proc and serves them on the stats address it prints' : 'it has no stats to read';
    throw caplabError('E_USAGE', `--metrics-from ${asked} is for caplab's pool and uWSGI, not the ${pool} pool: ${why}`);
  }
  if (asked === 'uwsgi') throw caplabError('E_USAGE', '--metrics-from uwsgi translates real uWSGI\'s stats; it needs --pool uwsgi');
  throw caplabError('E_USAGE', '--metrics-from caplab is caplab\'s pool\'s own /metrics; uWSGI\'s stats server has none, so --pool uwsgi takes --metrics-from uwsgi');
}

/**
 * Starts a stack (startStack) and what serves its metrics: caplab's pool
 * answers /metrics on its stats port itself; for real uWSGI a small HTTP
 * server of caplab's translates its stats JSON at each scrape
 * (startMetricsServer); gunicorn, which has no stats server, gets one of
 * caplab's reading its workers from /proc (readGunicornStats,
 * startStatsBridge; TCP only), whose /metrics has no counters. If either
 * cannot start, the stack is stopped and the error rethrown.
 */
export async function serveStack(config: StackConfig, metricsFrom?: MetricsSource): Promise<ServedStack> {
  const poolKind = config.pool ?? 'embedded';
  const source = metricsSourceFor(poolKind, metricsFrom);
  const stack = await startStack(config);
  const { pool } = stack;
  let translator: MetricsServer | null = null;
  let bridge: StatsBridge | null = null;
  try {
    if (source === 'uwsgi' && pool.statsPort !== undefined) translator = await startMetricsServer({ host: pool.host, port: pool.statsPort });
    // gunicorn has no stats server: caplab reads its workers and listen queue from /proc (TCP only) and serves them itself
    if (poolKind === 'gunicorn' && pool.socketPath === undefined) bridge = await startStatsBridge(() => readGunicornStats(pool.pid, pool.port, config.listen), { counts: false });
  } catch (err) {
    await stack.stop();
    throw err;
  }
  const statsAddress = bridge !== null ? `${bridge.host}:${bridge.port}` : pool.statsPort !== undefined ? `${pool.host}:${pool.statsPort}` : null;
  let stopping: Promise<void> | undefined;
  return {
    proxyUrl: stack.url,
    poolKind,
    describe: stack.describe,
    threads: config.threads ?? 1,
    pool,
    statsAddress,
    metricsUrl: translator?.url ?? ((source === 'caplab' || bridge !== null) && statsAddress !== null ? `http://${statsAddress}/metrics` : null),
    died: stack.died,
    async reload() {
      try {
        const r = await stack.reload();
        return `workers reloaded in ${Math.round(r.endedAtMs - r.startedAtMs)} ms: pids ${r.pidsBefore.join(' ')} -> ${r.pidsAfter.join(' ')}`;
      } catch (err) {
        return `no reload: ${err instanceof Error ? err.message : String(err)}`;
      }
    },
    stop: () => (stopping ??= Promise.all([translator?.stop(), bridge?.stop(), stack.stop()]).then(() => undefined)),
  };
}
