import { createHash } from 'node:crypto';
import type { PhasePlan, RecordedPhasePlan, RecordedRunPlan, RunPlan, TraceRef } from './plan-types.js';
import type { TraceData } from './trace-file.js';

/** Numbers per `update` call, so a million-request trace is hashed without one 20 MB string. */
const CHUNK = 10_000;

/** A column as JSON, `[a,b,…]`, fed to the hash in chunks; the bytes are exactly `JSON.stringify(column)`. */
function updateColumn(hash: ReturnType<typeof createHash>, column: readonly number[]): void {
  hash.update('[');
  for (let i = 0; i < column.length; i += CHUNK) {
    const chunk = JSON.stringify(column.slice(i, i + CHUNK));
    hash.update(i === 0 ? chunk.slice(1, -1) : `,${chunk.slice(1, -1)}`);
  }
  hash.update(']');
}

const digests = new WeakMap<TraceData, TraceRef>();

/**
 * A trace's reference: its length, the logged time of its last arrival and
 * the SHA-256 (hex) of `JSON.stringify({ endpoints, atMs, endpoint,
 * serviceMs })`, which is also the inline form older result files carry,
 * so an old file's trace has the same digest as a new file's. The digest
 * is of the data, not of the file's bytes: a trace file's comments (the
 * import summary) do not change it. Computed once per trace object.
 */
export function traceDigest(trace: TraceData): TraceRef {
  const known = digests.get(trace);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  hash.update(`{"endpoints":${JSON.stringify(trace.endpoints.map((e) => ({ method: e.method, path: e.path })))},"atMs":`);
  updateColumn(hash, trace.atMs);
  hash.update(',"endpoint":');
  updateColumn(hash, trace.endpoint);
  hash.update(',"serviceMs":');
  updateColumn(hash, trace.serviceMs);
  hash.update('}');
  const ref: TraceRef = Object.freeze({ requests: trace.atMs.length, spanMs: trace.atMs[trace.atMs.length - 1] ?? 0, sha256: hash.digest('hex') });
  digests.set(trace, ref);
  return ref;
}

function recordPhase(phase: PhasePlan): RecordedPhasePlan {
  return phase.kind === 'trace' ? { ...phase, trace: traceDigest(phase.trace) } : phase;
}

/**
 * The plan as results record it: the same plan, with each trace phase's
 * requests replaced by their reference (`traceDigest`); the file, speed,
 * send mode and weighted mix stay. The one function that turns a plan into
 * what results.json, sweep.json and multi.json hold. Pure.
 */
export function recordPlan(plan: RunPlan): RecordedRunPlan {
  if (!plan.phases.some((p) => p.kind === 'trace')) return plan;
  return { ...plan, phases: plan.phases.map(recordPhase) };
}
