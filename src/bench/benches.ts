import type { Bench } from './bench-types.js';
import { helloStackBench } from './hello-stack-bench.js';

/** Every bench, in the order they run (throughput first, while the machine is freshest). */
export const BENCHES: readonly Bench[] = [helloStackBench];
