import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/experiment/index.js';
import { analyzeMmc, mmcWaitSurvival } from '../../../src/plan/index.js';
import { buildPlan, parseScenario } from '../../../src/scenario/index.js';

/**
 * A measured open-loop M/M/3 run at utilisation 0.7 against the Erlang C
 * model. The model is evaluated at the run's own measured arrival rate and
 * mean service time, so the check is about queueing, not about how exactly
 * the app sleeps.
 *
 * Tolerance from the sample size: waits of successive requests are
 * correlated, so the standard error of the mean wait is estimated by batch
 * means (10 batches of consecutive requests, whose means are nearly
 * independent at this utilisation). With ~600 requests it comes out around
 * 10–20 % of the mean; the model must lie within 4 standard errors, plus
 * 10 ms of scenario time for the stack's own per-request overhead. P(wait)
 * gets the same treatment.
 */
const SCENARIO = `
name: measured-mmc
stack: { workers: 3 }
load:
  - open:
      rate: 21
      arrival: poisson
      duration: 30s
      requests:
        - path: /sleep
          service: { dist: exponential, mean: 100ms }
`;

function batchStats(values: readonly number[], batches = 10): { mean: number; se: number } {
  const size = Math.floor(values.length / batches);
  const means = Array.from({ length: batches }, (_, b) => values.slice(b * size, (b + 1) * size).reduce((a, v) => a + v, 0) / size);
  const mean = means.reduce((a, v) => a + v, 0) / batches;
  const variance = means.reduce((a, v) => a + (v - mean) ** 2, 0) / (batches - 1);
  return { mean, se: Math.sqrt(variance / batches) };
}

describe('measured M/M/c run against Erlang C', () => {
  it('agrees on mean queue wait and P(wait) within the run’s own sampling error', async () => {
    const plan = buildPlan(parseScenario(SCENARIO), { timeScale: 0.5, seed: 11 });
    const result = await runExperiment(plan);
    const served = [...result.requests].filter((r) => r.status === 200 && r.queueMs !== null).sort((a, b) => a.scheduledMs - b.scheduledMs);
    expect(served.length).toBe(result.requests.length);
    expect(served.length).toBeGreaterThan(500);

    const spanMs = served[served.length - 1]!.scheduledMs - served[0]!.scheduledMs;
    const ratePerSec = ((served.length - 1) * 1000) / spanMs;
    const serviceMs = result.summary.serviceMs.mean;
    const model = analyzeMmc({ ratePerSec, serviceMs, workers: 3 });
    if (!('pWait' in model)) throw new Error(`the measured run was unstable: ${model.reason}`);
    expect(model.utilization).toBeGreaterThan(0.6);
    expect(model.utilization).toBeLessThan(0.85);

    const waits = batchStats(served.map((r) => r.queueMs!));
    const slack = 4 * waits.se + 10;
    expect(Math.abs(waits.mean - model.meanWaitMs), `measured ${waits.mean.toFixed(1)} ms ± ${waits.se.toFixed(1)}, model ${model.meanWaitMs.toFixed(1)} ms`).toBeLessThan(slack);

    // Every request spends a few ms between proxy and worker (the hand-off), so "waited" is judged
    // above a threshold t, and compared with the model's P(Wq > t) = C·e^{-(cμ-λ)t}.
    const t = 20; // scenario ms: 10 ms of wall time at this scale, above the hand-off seen here (1.5–5 ms)
    const waited = batchStats(served.map((r) => (r.queueMs! > t ? 1 : 0)));
    const expected = mmcWaitSurvival(model, t);
    expect(Math.abs(waited.mean - expected), `measured P(wait > ${t} ms) ${waited.mean.toFixed(3)} ± ${waited.se.toFixed(3)}, model ${expected.toFixed(3)}`).toBeLessThan(4 * waited.se + 0.05);
  }, 120_000);
});
