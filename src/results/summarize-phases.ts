import { summarizeRequests } from './summarize-requests.js';
import type { PhaseResult, RequestRecord } from './types.js';

/** One summary per phase, in the order the phases are given. */
export function summarizePhases(
  records: readonly RequestRecord[],
  phases: ReadonlyArray<{ readonly name: string; readonly kind: string }>,
): PhaseResult[] {
  const byPhase = new Map<string, RequestRecord[]>();
  for (const r of records) {
    const list = byPhase.get(r.phase) ?? [];
    list.push(r);
    byPhase.set(r.phase, list);
  }
  return phases.map((p) => ({ name: p.name, kind: p.kind, summary: summarizeRequests(byPhase.get(p.name) ?? []) }));
}
