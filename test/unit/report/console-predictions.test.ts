import { describe, expect, it } from 'vitest';
import { formatLittlesLaw, formatPredictions, formatRunSummary } from '../../../src/report/index.js';
import type { RunResult } from '../../../src/results/index.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

const simulated = {
  source: 'simulation',
  workers: 2,
  utilization: 0.5,
  pWait: 1 / 3,
  meanWaitMs: 3333.333,
  p99WaitMs: 10000,
  p50LatencyMs: 10000,
  p99LatencyMs: 20000,
  refusedShare: 0.25,
  throughputRps: 0.15,
} as const;

const withPredictions = (): RunResult => ({
  ...seedRun(),
  predictions: { analytic: null, simulated, notes: ['a note from the simulator'] },
});

describe('formatPredictions', () => {
  it('puts the simulator beside what was measured, in the same units as the HTML report', () => {
    const text = formatPredictions(withPredictions());
    expect(text).toMatch(/^predicted vs measured:$/m);
    expect(text).toMatch(/^\s+simulated\s+measured$/m);
    expect(text).toMatch(/^p99 latency\s+20\.0 s\s+20\.0 s$/m);
    expect(text).toMatch(/^mean queue wait\s+3\.33 s\s+3\.33 s$/m);
    expect(text).toMatch(/^refused \(503\)\s+25%\s+0%$/m);
    expect(text).toContain('note: a note from the simulator');
    expect(formatRunSummary(withPredictions())).toContain('predicted vs measured:');
  });

  it('is empty without predictions, or with only the reason the models made none', () => {
    expect(formatPredictions(seedRun())).toBe('');
    expect(formatPredictions({ ...seedRun(), predictions: { error: 'closed clients could never all be queued' } })).toBe('');
  });
});

describe('formatLittlesLaw', () => {
  it('states the check in one sentence, shared by the console and the HTML report', () => {
    const run = {
      ...seedRun(),
      littlesLaw: { meanQueueLength: 0.493, arrivalRatePerSec: 0.15, meanWaitMs: 3333.333, predictedQueueLength: 0.5, ratio: 0.986 },
    };
    expect(formatLittlesLaw(run)).toBe(
      'Mean listen-queue length sampled over the run: 0.493. Little’s law (arrival rate × mean wait = 0.15 req/s × 3.33 s) gives 0.5, a ratio of 0.986.',
    );
    expect(formatRunSummary(run)).toContain(formatLittlesLaw(run));
    expect(formatLittlesLaw({ ...seedRun(), littlesLaw: null })).toBe('');
  });
});
