import { checkTarget, type TargetHealth } from './check-target.js';
import type { Crash, Finding, TargetReport } from './fuzz-summary.js';
import type { FuzzCase } from './fuzz-case.js';
import { makeCase } from './make-case.js';
import { sendCase, type CaseOutcome } from './send-case.js';
import type { RunningTarget } from './targets.js';

/** How one target is fuzzed. */
export interface FuzzTargetOptions {
  readonly seed: number;
  /** Most cases to send. */
  readonly cases: number;
  /** Stop starting cases at this `performance.now()`. */
  readonly deadline: number;
  /** Cases in flight at once. */
  readonly concurrency: number;
  /** A case neither answered nor closed within this many ms is a hang. */
  readonly hangMs: number;
  /** Health checks (process liveness, respawns) at most this often, ms. */
  readonly checkEveryMs: number;
  readonly signal?: AbortSignal;
}

/** What fuzzing one target found; crashes carry their window, not yet a culprit. */
export interface FuzzTargetResult {
  readonly report: TargetReport;
  readonly crashes: Crash[];
  readonly hangs: Finding[];
  readonly wrong: Finding[];
  readonly unanswered: Finding[];
  /** True when a role process died and the target stopped early. */
  readonly died: boolean;
}

/**
 * Sends up to `cases` cases (ids 0, 1, …) to `target`, `concurrency` at a
 * time, until the deadline, the abort signal, or a role process dying.
 * Between cases, at most every `checkEveryMs`, checks the target's health:
 * a rise in worker respawns or a dead process is a crash, blamed on the
 * window of cases sent since the previous check.
 */
export async function fuzzTarget(target: RunningTarget, options: FuzzTargetOptions): Promise<FuzzTargetResult> {
  const name = target.spec.name;
  const byOrigin: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  const crashes: Crash[] = [];
  const hangs: Finding[] = [];
  const wrong: Finding[] = [];
  const unanswered: Finding[] = [];
  let unansweredCount = 0;
  let next = 0;
  let windowStart = 0;
  let died = false;
  let checking: Promise<void> | undefined;
  let lastCheck = performance.now();
  const first = await checkTarget(target);
  let last: TargetHealth = first;

  const check = async (): Promise<void> => {
    const upTo = next - 1;
    const health = await checkTarget(target);
    const what: string[] = [];
    if (health.dead.length > 0) what.push(`${health.dead.join(', ')} died`);
    if (health.respawns > last.respawns) what.push(`${health.respawns - last.respawns} worker respawn(s)`);
    if (what.length > 0) crashes.push({ target: name, what: what.join('; '), firstId: windowStart, lastId: upTo, culprit: null });
    if (health.dead.length > 0) died = true;
    if (health.statsError === undefined) last = health;
    windowStart = upTo + 1;
    lastCheck = performance.now();
  };

  const more = (): boolean => !died && next < options.cases && performance.now() < options.deadline && !options.signal?.aborted;
  const lane = async (): Promise<void> => {
    while (more()) {
      const c = makeCase(options.seed, target.protocol, next);
      next += 1;
      byOrigin[c.origin] = (byOrigin[c.origin] ?? 0) + 1;
      const out = await sendCase(target.host, target.port, c, options.hangMs);
      outcomes[out.kind] = (outcomes[out.kind] ?? 0) + 1;
      if (out.kind === 'answered') statuses[out.status] = (statuses[out.status] ?? 0) + 1;
      if (out.kind === 'hang') keep(hangs, finding(name, c, out));
      if (out.kind === 'wrong') keep(wrong, finding(name, c, out));
      if (c.origin === 'valid' && (out.kind === 'closed' || out.kind === 'reset')) {
        unansweredCount += 1;
        keep(unanswered, finding(name, c, out));
      }
      if (performance.now() - lastCheck >= options.checkEveryMs) await (checking ??= check().finally(() => (checking = undefined)));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  await checking;
  await check();

  return {
    report: {
      target: name,
      seed: options.seed,
      queue: target.spec.queue,
      queueFallback: target.queueFallback ?? null,
      cases: next,
      byOrigin,
      outcomes,
      statuses,
      respawns: last.respawns - first.respawns,
      appExceptions: last.exceptions - first.exceptions,
      unanswered: unansweredCount,
    },
    crashes,
    hangs,
    wrong,
    unanswered,
    died,
  };
}

/** Samples kept per kind of finding. */
export const MAX_SAMPLES = 20;

function keep(list: Finding[], f: Finding): void {
  if (list.length < MAX_SAMPLES) list.push(f);
}

/** A case and how it ended, in the summary's shape. */
export function finding(target: string, c: FuzzCase, out: CaseOutcome | { kind: string }): Finding {
  return {
    target,
    id: c.id,
    origin: c.origin,
    finish: c.finish,
    outcome: describeOutcome(out),
    bytesBase64: c.bytes.toString('base64'),
    preview: JSON.stringify(c.bytes.subarray(0, 160).toString('latin1')),
  };
}

function describeOutcome(out: CaseOutcome | { kind: string }): string {
  if ('reason' in out) return `${out.kind}: ${out.reason} (got ${out.head})`;
  if ('received' in out) return `${out.kind} after ${Math.round(out.ms)} ms, ${out.received} bytes received`;
  if ('status' in out) return `${out.kind} ${out.status}`;
  return out.kind;
}
