import { startPool } from '../pool/index.js';
import { startUwsgiPool } from '../stack/index.js';
import type { Bench, BenchContext } from './bench-types.js';
import { makeResult } from './make-result.js';
import { runSides } from './run-sides.js';
import { TARGETS } from './targets.js';

const PEER = 'uWSGI (2 processes) + Django, http-socket';

/**
 * `hello-pool`: /hello on the embedded pool alone (2 workers, its HTTP
 * socket, default queue mode), req/s, against uWSGI with 2 processes
 * running the Django project on `--http-socket`.
 */
export const helloPoolBench: Bench = {
  names: ['hello-pool'],
  async run(ctx: BenchContext) {
    const [embedded, real] = await runSides(
      ctx,
      [
        { label: 'embedded pool', start: () => startPool({ protocol: 'http', workers: 2, app: 'sample' }), url: (p) => `http://${p.host}:${p.port}/hello` },
        { label: PEER, start: () => startUwsgiPool({ protocol: 'http', workers: 2 }), url: (p) => `http://${p.host}:${p.port}/hello` },
      ],
      async (url, warmUp) => (await ctx.load.run(url, { connections: 16, durationS: warmUp ? 1 : ctx.durationS })).rps,
    );
    return [
      makeResult({
        name: 'hello-pool',
        unit: 'req/s',
        ...embedded!,
        peer: PEER,
        peerValue: real!.value,
        peerError: real!.error,
        ratio: true,
        target: TARGETS.helloPool,
        how: `${ctx.load.name}, 16 connections, ${ctx.durationS} s, median of ${ctx.reps}, straight to the pool's HTTP socket`,
      }),
    ];
  },
};
