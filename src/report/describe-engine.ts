import type { EngineDescription } from '../results/index.js';
import { plural } from './describe.js';
import { formatCount } from './format-values.js';

/**
 * Which engine sent the load, in a few words: "caplab's own" (also for
 * results older than the engine field), or for Locust its version and
 * worker count, e.g. "Locust 2.32.4, 4 worker processes".
 */
export function describeEngine(engine: EngineDescription | undefined): string {
  if (engine === undefined || engine.name === 'caplab') return "caplab's own";
  const version = engine.version !== undefined && engine.version !== 'unknown' ? ` ${engine.version}` : ' (version unknown)';
  const workers = engine.workers !== undefined ? `, ${plural(engine.workers, 'worker process', 'worker processes')}` : '';
  return `Locust${version}${workers}`;
}

/** The records each Locust worker sent back, e.g. "120, 118, 121 (359 in all)"; null for caplab's own engine or when not recorded. */
export function describeWorkerRecords(engine: EngineDescription | undefined): string | null {
  const counts = engine?.workerRecords;
  if (engine?.name !== 'locust' || counts === undefined || counts.length === 0) return null;
  const total = counts.reduce((a, b) => a + b, 0);
  return `${counts.map(formatCount).join(', ')} (${formatCount(total)} in all)`;
}

/** "degraded: <why>" when the engine did not deliver every record (a Locust worker died or never finished); null otherwise. */
export function describeDegraded(engine: EngineDescription | undefined): string | null {
  return engine?.degraded !== undefined ? `degraded: ${engine.degraded}` : null;
}

/** The facts a report header shows about the engine: the engine, and with Locust the records per worker. */
export function engineFacts(engine: EngineDescription | undefined): [string, string][] {
  const records = describeWorkerRecords(engine);
  return [['load engine', describeEngine(engine)], ...(records !== null ? [['records per worker', records] as [string, string]] : [])];
}
