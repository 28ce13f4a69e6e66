import type { Bench } from './bench-types.js';
import { burstBiasBench } from './burst-bias-bench.js';
import { helloPoolBench } from './hello-pool-bench.js';
import { helloStackBench } from './hello-stack-bench.js';
import { hopPoolBench } from './hop-pool-bench.js';
import { hopProxyBench } from './hop-proxy-bench.js';
import { openLagBench } from './open-lag-bench.js';
import { modelsBench } from './models-bench.js';
import { seedSweepBench } from './seed-sweep-bench.js';
import { simulatorBench } from './simulator-bench.js';
import { staticBench } from './static-bench.js';

/** Every bench, in the order they run (throughput first, while the machine is freshest). */
export const BENCHES: readonly Bench[] = [helloStackBench, helloPoolBench, staticBench, hopPoolBench, hopProxyBench, burstBiasBench, openLagBench, seedSweepBench, simulatorBench, modelsBench];
