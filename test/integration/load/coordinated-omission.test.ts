import { describe, expect, it } from 'vitest';
import { runLoad } from '../../../src/load/index.js';
import { buildPlan, parseScenario } from '../../../src/scenario/index.js';
import type { RequestRecord } from '../../../src/results/types.js';
import { startStallingServer } from './stalling-server.js';

// A low rate keeps the server's catch-up after the stall (one new connection per queued request)
// short next to the stall even on a busy machine, so the latency line stays close to slope -1.
const RATE = 20;
const STALL_MS = 1000;
const STALL_AT = 20;

async function measure(load: string): Promise<RequestRecord[]> {
  const server = await startStallingServer(STALL_AT, STALL_MS);
  try {
    const plan = buildPlan(parseScenario(`name: co\nload:\n${load}`), { timeScale: 1, seed: 1 });
    return (await runLoad(plan, { baseUrl: server.baseUrl })).records;
  } finally {
    await server.close();
  }
}

/** Least-squares slope of y against x. */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxy / sxx;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

// The server (its own thread) blocks for 1 s while handling its 20th request. The assertions
// rest on what the stall forces physically, with tolerances for a busy machine, not on speed.
describe('coordinated omission', () => {
  it('open load measures a server stall in every request scheduled during it; a closed loop shows it once', async () => {
    const open = await measure(`  - open: { rate: ${RATE}, duration: 3s, path: /hello }\n`);
    expect(open).toHaveLength(60);
    expect(open.every((r) => r.status === 200)).toBe(true);

    // The stalled request (the server reports its stall as service time) took about the stall: the max latency.
    const stalled = open.filter((r) => (r.serviceMs ?? 0) > 0);
    expect(stalled).toHaveLength(1);
    const t0 = stalled[0]!.scheduledMs;
    const stallEnd = t0 + stalled[0]!.latencyMs;
    expect(stalled[0]!.latencyMs).toBeGreaterThanOrEqual(STALL_MS - 5);
    expect(Math.max(...open.map((r) => r.latencyMs)) / stalled[0]!.latencyMs).toBeLessThan(1.5);

    // Requests scheduled during the stall: an open generator sends them anyway (a closed loop
    // would have sent none), and as latency counts from the scheduled time, each one's latency
    // is the stall still left when it was due, falling linearly with the scheduled time.
    const during = open.filter((r) => r.scheduledMs > t0 && r.scheduledMs < t0 + STALL_MS - 50);
    expect(during.length).toBeGreaterThanOrEqual(Math.floor(((STALL_MS - 50) * RATE) / 1000) - 2);
    expect(during.filter((r) => r.sentMs < stallEnd).length / during.length).toBeGreaterThanOrEqual(0.5);
    const residuals = during.map((r) => r.latencyMs - (stallEnd - r.scheduledMs));
    expect(residuals.filter((x) => x >= -5).length / residuals.length).toBeGreaterThanOrEqual(0.9);
    expect(median(residuals)).toBeLessThan(STALL_MS / 2);
    const s = slope(during.map((r) => [r.scheduledMs, r.latencyMs]));
    expect(s).toBeGreaterThan(-1.5);
    expect(s).toBeLessThan(-0.5);
    const slow = STALL_MS / 2;
    const openSlow = open.filter((r) => r.latencyMs > slow).length;
    expect(openSlow).toBeGreaterThanOrEqual(Math.floor(0.8 * RATE * ((STALL_MS - slow) / 1000)));

    // A closed loop waits for each answer before sending again: the stall delays one request and
    // the loop sends nothing meanwhile, so the stall almost vanishes from its numbers.
    const closed = await measure('  - closed: { clients: 1, duration: 3s, path: /hello }\n');
    expect(closed.length).toBeGreaterThan(STALL_AT);
    const closedStalled = closed.filter((r) => (r.serviceMs ?? 0) > 0);
    expect(closedStalled).toHaveLength(1);
    expect(closedStalled[0]!.latencyMs).toBeGreaterThanOrEqual(STALL_MS - 5);
    const closedSlow = closed.filter((r) => r.latencyMs > slow).length;
    expect(closedSlow).toBeGreaterThanOrEqual(1);
    expect(openSlow / open.length).toBeGreaterThan((5 * closedSlow) / closed.length);
  });
});
