import { PLAN_DEFAULTS } from '../config/index.js';
import type { LimitCap, ResourceLimits } from './capacity-types.js';

/** Every problem with a `ResourceLimits`, each naming its field (`{memoryBytes}` …) and quoting the value; empty when it is valid. */
export function limitProblems(limits: ResourceLimits): string[] {
  const problems: string[] = [];
  const positive = (v: number | undefined, field: string, rule: string, ok: (x: number) => boolean): void => {
    if (v !== undefined && !(Number.isFinite(v) && ok(v))) problems.push(`{${field}} must be ${rule}, got ${v}`);
  };
  positive(limits.memoryBytes, 'memoryBytes', 'a size > 0', (x) => x > 0);
  positive(limits.rssBytes, 'rssBytes', 'a size > 0', (x) => x > 0);
  positive(limits.cores, 'cores', 'a whole number ≥ 1', (x) => Number.isInteger(x) && x >= 1);
  positive(limits.cpuShare, 'cpuShare', 'a share in (0, 1]', (x) => x > 0 && x <= 1);
  positive(limits.dbConnections, 'dbConnections', 'a whole number ≥ 1', (x) => Number.isInteger(x) && x >= 1);
  if ((limits.memoryBytes === undefined) !== (limits.rssBytes === undefined)) {
    problems.push(limits.memoryBytes === undefined ? '{rssBytes} needs {memoryBytes} (the memory the workers share)' : '{memoryBytes} needs {rssBytes} (one worker\'s resident set)');
  }
  if (limits.cpuShare !== undefined && limits.cores === undefined) problems.push('{cpuShare} needs {cores}');
  return problems;
}

/** A byte count the way people write it: 4 GiB, 120 MiB, 1.5 GiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number(v.toPrecision(3))} ${units[u]}`;
}

/**
 * The most workers each given limit allows (caplab's resource model):
 * - memory: ⌊memory / RSS⌋ (each worker's resident set counted whole; the
 *   master and shared pages are not subtracted, so copy-on-write sharing
 *   makes this conservative); its detail names `rssSource` when given;
 * - cores: ⌊cores / cpuShare⌋, so that with every worker busy their CPU
 *   demand still fits the cores and the service times planned for hold
 *   (cpuShare defaults to 1, a CPU-bound service: one worker per core);
 * - database connections: one per worker (a sync worker holds one
 *   persistent connection).
 * With T threads per worker, the cores and the database connections are
 * shared by T times as many servers (each thread may be busy on a CPU and
 * holds its own connection), so those caps divide by T; memory does not
 * (the threads share one resident set).
 * In the order memory, cores, database connections; empty with no limits.
 */
export function limitCaps(limits: ResourceLimits, threads = 1): readonly LimitCap[] {
  const caps: LimitCap[] = [];
  if (limits.memoryBytes !== undefined && limits.rssBytes !== undefined) {
    const n = Math.floor(limits.memoryBytes / limits.rssBytes);
    const source = limits.rssSource !== undefined ? ` (${limits.rssSource})` : '';
    caps.push({ limit: 'memory', maxWorkers: n, detail: `${formatBytes(limits.memoryBytes)} holds ${n} at ${formatBytes(limits.rssBytes)} each${source}` });
  }
  if (limits.cores !== undefined) {
    const share = limits.cpuShare ?? PLAN_DEFAULTS.cpuShare;
    const n = Math.floor(limits.cores / (share * threads) + 1e-9);
    const shareText = share === 1 ? 'CPU-bound (CPU share 1)' : `at a CPU share of ${share}`;
    caps.push({ limit: 'cores', maxWorkers: n, detail: `${limits.cores} core${limits.cores === 1 ? '' : 's'} keep${limits.cores === 1 ? 's' : ''} ${n} busy worker${n === 1 ? '' : 's'}${threads > 1 ? ` of ${threads} threads` : ''} going, ${shareText}` });
  }
  if (limits.dbConnections !== undefined) {
    const n = Math.floor(limits.dbConnections / threads);
    const each = threads === 1 ? 'one each' : `${threads} each, one per thread`;
    caps.push({ limit: 'dbConnections', maxWorkers: n, detail: `${limits.dbConnections} database connection${limits.dbConnections === 1 ? '' : 's'} serve${limits.dbConnections === 1 ? 's' : ''} ${n} at ${each}` });
  }
  return Object.freeze(caps.map((c) => Object.freeze(c)));
}

/** The smallest cap (the first in order on a tie), or null. */
export function bindingCap(caps: readonly LimitCap[]): LimitCap | null {
  let best: LimitCap | null = null;
  for (const c of caps) if (best === null || c.maxWorkers < best.maxWorkers) best = c;
  return best;
}
