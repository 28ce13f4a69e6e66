/**
 * The Django role: the app contract the pool's workers call, the built-in
 * sample app, and the timing wrapper that stamps every response with
 * X-Caplab-Worker / -Queue-Ms / -Service-Ms. The rest of caplab imports the
 * app only through this module.
 */
export type { AppRequest, AppResponse, Handler } from './types.js';
export { loadApp, SAMPLE_APP } from './load-app.js';
export { createSampleHandler, handler as sampleHandler, type SampleAppHooks } from './sample-app.js';
export { withTiming, type TimedHandler, type TimedResult, type TimedResponse, type TimingOptions } from './with-timing.js';
export { parseRequestStart } from './parse-request-start.js';
export { sleepBlocking, BLOCK_SLICE_MS } from './sleep-blocking.js';
export { burnCpu } from './burn-cpu.js';
export { MAX_MS, MAX_BYTES } from './query-values.js';
export { TIMED_ROUTE, heldMs, warmUpPath } from './sample-routes.js';
