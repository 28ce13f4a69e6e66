import { describe, expect, it } from 'vitest';
import { renderRunReport } from '../../../src/report/index.js';
import { readResultFile, RunPlanSchema, RunResultSchema } from '../../../src/results/index.js';
import { recordPlan, traceDigest, type TraceData } from '../../../src/scenario/index.js';

/**
 * inline-trace-results.json: a results.json of an imported trace replay written before traces were
 * recorded by reference, with the whole trace inline in its plan; cut to the first 12 requests of
 * the trace and of the request records, its summaries recomputed from those.
 */
const INLINE = new URL('../../fixtures/results/inline-trace-results.json', import.meta.url).pathname;

describe('a trace phase in result files', () => {
  it('an older results.json with the whole trace inline still validates, and its report renders', async () => {
    const data = await readResultFile(INLINE);
    if (data.schema !== 'caplab.run/1') throw new Error('expected a caplab.run/1 fixture');
    const phase = data.plan.phases[0];
    if (phase?.kind !== 'trace' || !('atMs' in phase.trace)) throw new Error('expected the trace inline');
    expect(phase.trace.atMs).toHaveLength(12);
    expect(renderRunReport(data)).toContain('trace#0');
  });

  it("the inline trace's reference is the one the same trace gets when recorded now", async () => {
    const data = await readResultFile(INLINE);
    if (data.schema !== 'caplab.run/1') throw new Error('expected a caplab.run/1 fixture');
    const phase = data.plan.phases[0];
    if (phase?.kind !== 'trace' || !('atMs' in phase.trace)) throw new Error('expected the trace inline');
    const inline: TraceData = phase.trace;
    const ref = traceDigest(inline);
    expect(ref).toMatchObject({ requests: 12, spanMs: inline.atMs[11] });
    // A plan with that trace, recorded: the reference in place of the arrays, and it validates.
    const plan = { ...data.plan, phases: [{ ...phase, trace: inline }] };
    const recorded = recordPlan(plan);
    expect(recorded.phases[0]).toEqual({ ...phase, trace: ref });
    const result = RunResultSchema.parse({ ...data, plan: JSON.parse(JSON.stringify(recorded)) as unknown });
    expect(result.plan.phases[0]).toMatchObject({ kind: 'trace', trace: ref });
    expect(renderRunReport(result)).toContain('trace#0');
  });

  it('a reference is refused when it is not one: a bad digest, a negative count', () => {
    const phase = { index: 0, name: 'trace#0', parallel: false, startMs: 0, durationMs: 10, expectedRequests: 1, requests: [], kind: 'trace', file: '/t.tsv', speed: 1, send: 'sample' };
    const plan = (trace: unknown) => ({
      scenario: { name: 't', description: '', file: null },
      stack: { workers: 1, listen: 10, upstreamTimeoutMs: 1000, app: 'sample', staticDir: null, harakiriMs: null, queue: 'master', proxyProcesses: 1 },
      timeScale: 1,
      seed: 1,
      phases: [{ ...phase, trace }],
      expect: [],
      totalDurationMs: 10,
      totalRequests: 1,
    });
    const sha256 = 'ab'.repeat(32);
    expect(RunPlanSchema.safeParse(plan({ requests: 1, spanMs: 10, sha256 })).success).toBe(true);
    expect(RunPlanSchema.safeParse(plan({ requests: 1, spanMs: 10, sha256: 'xyz' })).success).toBe(false);
    expect(RunPlanSchema.safeParse(plan({ requests: -1, spanMs: 10, sha256 })).success).toBe(false);
    expect(RunPlanSchema.safeParse(plan({ requests: 1, spanMs: 10 })).success).toBe(false);
  });
});
