import { runLoad } from '../load/index.js';
import { buildPlan, parseScenario } from '../scenario/index.js';
import { startStack } from '../stack/index.js';
import { percentile, type Bench, type BenchContext } from './bench-types.js';
import { makeResult } from './make-result.js';
import { runSides } from './run-sides.js';
import { benchStackConfig, REAL_STACK } from './stack-config.js';
import { TARGETS } from './targets.js';

const BURSTS = 200;
const WARM_UP_BURSTS = 20;
const BURST = buildPlan(parseScenario('name: burst-bias\nload:\n  - burst: { count: 3, path: /hello }\n'), { timeScale: 1, seed: 1 });

/**
 * p99 of X-Caplab-Queue-Ms over `bursts` bursts of 3 simultaneous /hello
 * (each on its own connection, sent by caplab's own burst phase), one
 * burst after the other finished. With 2 idle workers the third request
 * waits for one of them, so this is the hand-off bias the lab adds to
 * every measured queue wait. A request without the header fails the run.
 */
async function queueP99(baseUrl: string, bursts: number): Promise<number> {
  const queue: number[] = [];
  for (let i = 0; i < bursts; i++) {
    const { records } = await runLoad(BURST, { baseUrl });
    for (const r of records) {
      if (r.status !== 200 || r.queueMs === null) throw new Error(`a /hello in burst ${i + 1} came back ${r.status}${r.error ? ` (${r.error})` : ''} without X-Caplab-Queue-Ms`);
      queue.push(r.queueMs);
    }
  }
  return percentile(queue, 99);
}

/**
 * `burst-bias-p99`: X-Caplab-Queue-Ms p99 over 200 bursts of 3 simultaneous
 * /hello through the embedded stack (2 workers), ms, against nginx → uWSGI →
 * Django (whose figure comes from nginx's `$msec`, millisecond resolution).
 * Median of `reps` rounds, interleaved.
 */
export const burstBiasBench: Bench = {
  names: ['burst-bias-p99'],
  async run(ctx: BenchContext) {
    const [embedded, real] = await runSides(
      ctx,
      [
        { label: 'embedded stack', start: () => startStack(benchStackConfig()), url: (s) => s.url },
        { label: REAL_STACK, start: () => startStack(benchStackConfig({ proxy: 'nginx', pool: 'uwsgi' })), url: (s) => s.url },
      ],
      (url, warmUp) => queueP99(url, warmUp ? WARM_UP_BURSTS : BURSTS),
    );
    return [
      makeResult({
        name: 'burst-bias-p99',
        unit: 'ms',
        ...embedded!,
        peer: REAL_STACK,
        peerValue: real!.value,
        peerError: real!.error,
        target: TARGETS.burstBias,
        how: `X-Caplab-Queue-Ms p99 over ${BURSTS} bursts of 3 simultaneous /hello (caplab's burst phase, one connection each, one burst after another), median of ${ctx.reps}; nginx's X-Request-Start has ms resolution`,
      }),
    ];
  },
};
