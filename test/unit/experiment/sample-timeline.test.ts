import { describe, expect, it } from 'vitest';
import { sampleTimeline } from '../../../src/experiment/sample-timeline.js';
import type { RunningStack } from '../../../src/stack/index.js';
import { waitFor } from '../../helpers/processes.js';

/** Issue 9, item 9: a failing stats sample is counted and reported, not swallowed. */
function fakeStack(outcomes: ReadonlyArray<'ok' | 'fail'>): RunningStack & { calls: number } {
  const stack = {
    calls: 0,
    url: 'http://127.0.0.1:1',
    describe: {} as RunningStack['describe'],
    pool: { host: '127.0.0.1', port: 1, protocol: 'uwsgi' as const, pid: 1 },
    pids: [],
    died: new Promise<never>(() => undefined),
    sample() {
      const outcome = outcomes[stack.calls % outcomes.length];
      stack.calls += 1;
      return outcome === 'ok'
        ? Promise.resolve({ queue: stack.calls, busy: 1 })
        : Promise.reject(new Error(`pool stats at 127.0.0.1:1: connect ECONNREFUSED (call ${stack.calls})`));
    },
    reload: () => Promise.reject(new Error('not used here')),
    stop: () => Promise.resolve(),
  };
  return stack;
}

describe('sampleTimeline', () => {
  it('counts failed samples, keeps the first message, and keeps the points that succeeded', async () => {
    const stack = fakeStack(['ok', 'fail', 'fail']);
    const sampler = sampleTimeline(stack, Date.now(), 1, 5);
    expect(await waitFor(() => stack.calls >= 6, 5_000)).toBe(true);
    const points = await sampler.stop();
    const { count, first } = sampler.failures();
    expect(count + points.length).toBe(stack.calls);
    expect(count).toBe(stack.calls - Math.ceil(stack.calls / 3));
    expect(first).toBe('pool stats at 127.0.0.1:1: connect ECONNREFUSED (call 2)');
    expect(points.map((p) => p.queue)).toEqual(Array.from({ length: points.length }, (_, i) => 3 * i + 1));
  });

  it('reports no failure when every sample succeeds', async () => {
    const stack = fakeStack(['ok']);
    const sampler = sampleTimeline(stack, Date.now(), 1, 5);
    expect(await waitFor(() => stack.calls >= 3, 5_000)).toBe(true);
    expect((await sampler.stop()).length).toBe(stack.calls);
    expect(sampler.failures()).toEqual({ count: 0, first: undefined });
  });

  it('keeps the peak of one worker\'s RSS and of the workers\' sum over the samples that carry them', async () => {
    const MiB = 1024 * 1024;
    // the sum peaks in the second sample, one worker in the third; the fourth carries none
    const rss = [
      { maxBytes: 40 * MiB, totalBytes: 70 * MiB },
      { maxBytes: 45 * MiB, totalBytes: 90 * MiB },
      { maxBytes: 60 * MiB, totalBytes: 80 * MiB },
      undefined,
    ];
    let calls = 0;
    const stack = {
      ...fakeStack(['ok']),
      sample() {
        const r = rss[Math.min(calls, rss.length - 1)];
        calls += 1;
        return Promise.resolve({ queue: 0, busy: 1, ...(r ? { workerRss: { ...r, source: 'pool stats' as const } } : {}) });
      },
    };
    const sampler = sampleTimeline(stack, Date.now(), 1, 5);
    expect(sampler.memory()).toBeUndefined();
    expect(await waitFor(() => calls >= 6, 5_000)).toBe(true);
    await sampler.stop();
    expect(sampler.memory()).toEqual({ peakWorkerRssBytes: 60 * MiB, peakTotalWorkersRssBytes: 90 * MiB, samples: 3, source: 'pool stats' });
  });
});
