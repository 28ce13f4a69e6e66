import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunPlanSchema } from '../../../src/results/index.js';
import { buildPlan, formatTraceFile, parseScenario, recordPlan, traceDigest, type RunPlan, type TraceData } from '../../../src/scenario/index.js';

/** A trace of `n` requests, 10 ms apart, over two endpoints, with varied service times. */
function makeTrace(n: number): TraceData {
  return {
    endpoints: [
      { method: 'GET', path: '/api/orders/12' },
      { method: 'POST', path: '/api/orders' },
    ],
    atMs: Array.from({ length: n }, (_, i) => i * 10),
    endpoint: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
    serviceMs: Array.from({ length: n }, (_, i) => 5 + ((i * 7) % 40) + 0.25),
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'caplab-record-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The plan of a scenario replaying `trace` (written to `name`, with `comments`) at 2x, plus an open phase. */
async function tracePlan(trace: TraceData, name: string, comments: string[] = []): Promise<RunPlan> {
  await writeFile(path.join(dir, name), formatTraceFile(trace, comments));
  const yaml = `name: t\nload:\n  - trace: { file: ${name}, speed: 2x }\n  - open: { rate: 5, duration: 1s, path: /hello }\n`;
  const file = path.join(dir, 's.yaml');
  return buildPlan(parseScenario(yaml, file), { timeScale: 1, seed: 1, file });
}

/** The length of the longest array anywhere in `value`. */
function longestArray(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestArray));
  if (value !== null && typeof value === 'object') return Math.max(0, ...Object.values(value).map(longestArray));
  return 0;
}

describe('recordPlan: a plan as results record it', () => {
  it('records a trace phase by reference (count, span, SHA-256) and keeps the rest of the phase', async () => {
    const plan = await tracePlan(makeTrace(9), 'nine.trace.tsv');
    const recorded = recordPlan(plan);
    const [trace, open] = recorded.phases;
    expect(trace).toEqual({ ...plan.phases[0], trace: { requests: 9, spanMs: 80, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown } });
    expect(trace).toMatchObject({ kind: 'trace', file: path.join(dir, 'nine.trace.tsv'), speed: 2, send: 'sample', durationMs: 40, expectedRequests: 9 });
    expect(open).toBe(plan.phases[1]);
    // The plan that runs and predicts keeps its data.
    const kept = plan.phases[0];
    if (kept?.kind !== 'trace') throw new Error('expected a trace phase');
    expect(kept.trace.atMs).toHaveLength(9);
    expect(RunPlanSchema.parse(JSON.parse(JSON.stringify(recorded)))).toEqual(recorded);
  });

  it('gives a plan without a trace phase back unchanged', () => {
    const plan = buildPlan(parseScenario('name: t\nload:\n  - open: { rate: 5, duration: 1s, path: /hello }\n', path.join(dir, 'o.yaml')), { timeScale: 1, seed: 1 });
    expect(recordPlan(plan)).toBe(plan);
  });

  it("does not grow with the trace: 40 and 20,000 requests record the same size, with no per-request array", async () => {
    const small = JSON.stringify(recordPlan(await tracePlan(makeTrace(40), 'small.trace.tsv')));
    const big = JSON.stringify(recordPlan(await tracePlan(makeTrace(20_000), 'large.trace.tsv')));
    // Only digits differ (the count, the span, the duration and the mix's weights): 3 more per number at most, 6 numbers.
    expect(Math.abs(big.length - small.length)).toBeLessThan(30);
    expect(longestArray(JSON.parse(big))).toBeLessThan(40);
    expect(big).not.toMatch(/atMs|serviceMs/);
  });
});

describe('traceDigest', () => {
  it("is the SHA-256 of the trace's data as older results carried it inline, whatever the file's comments", async () => {
    const trace = makeTrace(25_001);
    expect(traceDigest(trace).sha256).toBe(createHash('sha256').update(JSON.stringify(trace)).digest('hex'));
    const a = recordPlan(await tracePlan(trace, 'a.trace.tsv', ['imported on Monday'])).phases[0];
    const b = recordPlan(await tracePlan(trace, 'b.trace.tsv', ['imported again, other words'])).phases[0];
    if (a?.kind !== 'trace' || b?.kind !== 'trace') throw new Error('expected trace phases');
    expect(a.trace).toEqual(b.trace);
    expect(a.trace).toMatchObject({ requests: 25_001, spanMs: 250_000 });
  });

  it('tells traces apart by any request: its time, its endpoint or its service time', () => {
    const base = makeTrace(100);
    const digest = traceDigest(base).sha256;
    const moved = { ...base, atMs: base.atMs.map((t, i) => (i === 99 ? t + 1 : t)) };
    const other = { ...base, endpoint: base.endpoint.map((e, i) => (i === 50 ? 1 - e : e)) };
    const slower = { ...base, serviceMs: base.serviceMs.map((s, i) => (i === 0 ? s + 0.001 : s)) };
    const shorter = { ...base, atMs: base.atMs.slice(0, 99), endpoint: base.endpoint.slice(0, 99), serviceMs: base.serviceMs.slice(0, 99) };
    const digests = [moved, other, slower, shorter].map((t) => traceDigest(t).sha256);
    expect(new Set([digest, ...digests]).size).toBe(5);
    expect(traceDigest(shorter)).toMatchObject({ requests: 99, spanMs: 980 });
  });
});
