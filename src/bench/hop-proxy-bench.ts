import { startPool } from '../pool/index.js';
import { startStack } from '../stack/index.js';
import { startUwsgiPool } from '../stack/index.js';
import type { Bench, BenchContext } from './bench-types.js';
import { describeDifference, hopDifference, p50AtOneConnection } from './hop-figures.js';
import { makeResult } from './make-result.js';
import { runSides, side } from './run-sides.js';
import { benchStackConfig, REAL_STACK } from './stack-config.js';
import { TARGETS } from './targets.js';

const poolUrl = (p: { host: string; port: number }): string => `http://${p.host}:${p.port}/hello`;

/**
 * `hop-proxy-p50`: what the proxy adds to one request at low load, ms.
 * Defined as p50(one connection, /hello through proxy → pool, 2 workers)
 * − p50(one connection, /hello on the same kind of pool alone over its HTTP
 * socket); each p50 is the median of `reps` wrk runs, interleaved. The peer
 * is the same difference for nginx: p50(nginx → uWSGI → Django) −
 * p50(uWSGI + Django on http-socket).
 */
export const hopProxyBench: Bench = {
  names: ['hop-proxy-p50'],
  async run(ctx: BenchContext) {
    const [stack, pool, realStack, uwsgi] = await runSides(
      ctx,
      [
        side('embedded proxy → pool', () => startStack(benchStackConfig()), (s) => `${s.url}/hello`),
        side('embedded pool alone (http)', () => startPool({ protocol: 'http', workers: 2, app: 'sample' }), poolUrl),
        side(REAL_STACK, () => startStack(benchStackConfig({ proxy: 'nginx', pool: 'uwsgi' })), (s) => `${s.url}/hello`),
        side('uWSGI alone (http-socket)', () => startUwsgiPool({ protocol: 'http', workers: 2 }), poolUrl),
      ],
      p50AtOneConnection(ctx),
    );
    const embedded = hopDifference(stack!, pool!);
    const real = hopDifference(realStack!, uwsgi!);
    return [
      makeResult({
        name: 'hop-proxy-p50',
        unit: 'ms',
        ...embedded,
        peer: 'nginx',
        peerValue: real.value,
        peerError: real.error,
        target: TARGETS.hopProxy,
        how:
          `p50(c1, proxy → pool) − p50(c1, pool alone), ${ctx.load.name} -c1 ${ctx.latencyDurationS} s, median of ${ctx.reps}: ` +
          `${describeDifference(['proxy → pool', 'pool'], [stack!, pool!])}; nginx: ${describeDifference(['nginx → uWSGI', 'uWSGI'], [realStack!, uwsgi!])}`,
      }),
    ];
  },
};
