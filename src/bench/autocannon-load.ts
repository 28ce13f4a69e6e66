import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { checkFigures, type HttpLoad } from './http-load.js';

/**
 * autocannon, for machines without wrk. Its ceiling on loopback is about
 * half of wrk's (see REFERENCE.md), so its figures against fast servers
 * are lower than wrk's and bench.json says which generator was used.
 */
export function createAutocannonLoad(): HttpLoad {
  const version = (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;
  return {
    name: 'autocannon',
    version,
    note: 'autocannon, 1 process, <connections> connections, <seconds> s (wrk is not installed; its latencies have 1 ms resolution, too coarse for the hop figures)',
    async run(url, shape) {
      const result = await autocannon({ url, connections: shape.connections, duration: shape.durationS, pipelining: 1 });
      return checkFigures(url, {
        rps: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests: result.requests.total,
        errors: result.non2xx + result.errors + result.timeouts,
      });
    },
  };
}
