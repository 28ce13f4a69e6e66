import { alternate } from './alternate.js';
import type { Bench, BenchContext } from './bench-types.js';
import { makeResult } from './make-result.js';
import { measureOpenLoopLag, startLagServer } from './open-loop-lag.js';
import { createServerSet } from './server-set.js';
import { TARGETS } from './targets.js';

const RATES = [2000, 5000] as const;

/**
 * `open-lag-p99@2000` and `open-lag-p99@5000`: p99 of how late caplab's
 * open-loop scheduler sent each request behind its schedule, ms, at a
 * constant 2,000 and 5,000 arrivals/s against a tiny Node `/hello` server
 * (3 s runs, 2 s with --quick; the rates interleaved, median of `reps`,
 * after a 1 s warm-up at each rate, as the first second pays for JIT and
 * new connections). A run with failed requests fails the figure.
 */
export const openLagBench: Bench = {
  names: RATES.map((rate) => `open-lag-p99@${rate}`),
  async run(ctx: BenchContext) {
    const durationS = ctx.quick ? 2 : 3;
    const details = new Map<number, string>();
    const set = createServerSet();
    try {
      ctx.log('starting a tiny Node /hello server');
      const started = await set.start(startLagServer);
      if (started.server === null) throw new Error(started.error);
      const { baseUrl } = started.server;
      for (const rate of RATES) await measureOpenLoopLag(baseUrl, rate, 1);
      const outcomes = await alternate(
        ctx.reps,
        RATES.map((rate) => async () => {
          const lag = await measureOpenLoopLag(baseUrl, rate, durationS);
          if (lag.errors > 0) throw new Error(`${lag.errors} of ${lag.requests} requests at ${rate}/s failed`);
          ctx.log(`  ${rate}/s: lag p99 ${lag.lagP99Ms.toFixed(3)} ms`);
          details.set(rate, `last run: p50 ${lag.lagP50Ms.toFixed(3)} ms, max ${lag.lagMaxMs.toFixed(1)} ms, ${lag.achievedRps.toFixed(0)} req/s achieved, generator ${lag.generatorCpuPct.toFixed(0)} % of a core`);
          return lag.lagP99Ms;
        }),
      );
      return RATES.map((rate, i) =>
        makeResult({
          name: `open-lag-p99@${rate}`,
          unit: 'ms',
          ...outcomes[i]!,
          target: rate === 2000 ? TARGETS.openLagAt2000 : null,
          how: `caplab's open-loop scheduler, constant ${rate}/s for ${durationS} s against a tiny Node /hello server, p99 of sent − scheduled, median of ${ctx.reps}; ${details.get(rate) ?? 'no run succeeded'}`,
        }),
      );
    } finally {
      await set.stopAll();
    }
  },
};
