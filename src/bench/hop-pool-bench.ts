import { startPool, type PoolOptions } from '../pool/index.js';
import { startUwsgiPool } from '../stack/index.js';
import type { Bench, BenchContext } from './bench-types.js';
import { describeDifference, hopDifference, p50AtOneConnection } from './hop-figures.js';
import { makeResult } from './make-result.js';
import { runSides, side } from './run-sides.js';
import { startBareApp } from './start-bare-app.js';
import { startUwsgiNoMaster } from '../stack/index.js';
import { TARGETS } from './targets.js';

const poolUrl = (p: { host: string; port: number }): string => `http://${p.host}:${p.port}/hello`;

/** The pool with its master-held queue (issue 8's `queue` option; a variable, so tsc accepts it before PoolOptions names it). */
const MASTER_QUEUE: PoolOptions & { queue: 'master' } = { protocol: 'http', workers: 1, app: 'sample', queue: 'master' };

/**
 * `hop-pool-p50`: what the pool's master adds to one request at low load,
 * ms. Defined as p50(one connection, /hello on the pool with its master and
 * 1 worker, HTTP socket, default queue mode) − p50(one connection, the same
 * sample app served by one plain Node process with no master; see
 * bare-app-main.ts). The baseline also differs in its HTTP server (Node's
 * own, not the worker's), so the figure holds that difference too. The
 * peer is uWSGI's: p50(uWSGI --master, 1 process) − p50(uWSGI without
 * --master, 1 process), both running Django on http-socket.
 * `hop-pool-p50@master-queue` is the same with the pool's `queue: 'master'`.
 */
export const hopPoolBench: Bench = {
  names: ['hop-pool-p50', 'hop-pool-p50@master-queue'],
  async run(ctx: BenchContext) {
    const [pool, masterQueue, bare, uwsgi, uwsgiAlone] = await runSides(
      ctx,
      [
        side('embedded pool, 1 worker', () => startPool({ protocol: 'http', workers: 1, app: 'sample' }), poolUrl),
        side("embedded pool, 1 worker, queue 'master'", () => startPool(MASTER_QUEUE), poolUrl),
        side('sample app in one Node process', startBareApp, (b) => `${b.url}/hello`),
        side('uWSGI --master, 1 process', () => startUwsgiPool({ protocol: 'http', workers: 1 }), poolUrl),
        side('uWSGI without master', startUwsgiNoMaster, (u) => `${u.url}/hello`),
      ],
      p50AtOneConnection(ctx),
    );
    const real = hopDifference(uwsgi!, uwsgiAlone!);
    const peer = { peer: "uWSGI's master", peerValue: real.value, peerError: real.error };
    const base = `${ctx.load.name} -c1 ${ctx.latencyDurationS} s, median of ${ctx.reps}`;
    const uwsgiHow = describeDifference(['uWSGI --master', 'without'], [uwsgi!, uwsgiAlone!]);
    return [
      makeResult({
        name: 'hop-pool-p50',
        unit: 'ms',
        ...hopDifference(pool!, bare!),
        ...peer,
        target: TARGETS.hopPool,
        how: `p50(c1, pool with master, 1 worker) − p50(c1, the sample app in one plain Node process), ${base}: ${describeDifference(['pool', 'bare app'], [pool!, bare!])}; uWSGI: ${uwsgiHow}`,
      }),
      makeResult({
        name: 'hop-pool-p50@master-queue',
        unit: 'ms',
        ...hopDifference(masterQueue!, bare!),
        ...peer,
        how: `as hop-pool-p50 with the pool's queue: 'master': ${describeDifference(['pool', 'bare app'], [masterQueue!, bare!])}`,
      }),
    ];
  },
};
