/**
 * fuzz/: the fuzz and soak harness behind `npm run fuzz`. Deterministic
 * seeded cases (valid, mutated and random uwsgi packets and HTTP
 * requests) sent to the pool and the proxy, judged for crashes, hangs and
 * wrong answers; and a soak of /hello through proxy → pool sampling RSS
 * and fds.
 */
export { makeCase, CASE_MIX } from './make-case.js';
export type { FuzzCase, CaseOrigin, CaseProtocol } from './fuzz-case.js';
export { mutate } from './mutate.js';
export { checkResponse, type ResponseVerdict } from './check-response.js';
export { sendCase, type CaseOutcome } from './send-case.js';
export { runFuzz, streamSeed, type FuzzOptions, type FuzzResult } from './run-fuzz.js';
export { runSoak, type SoakOptions } from './run-soak.js';
export { TARGETS, startTarget, type TargetSpec, type RunningTarget } from './targets.js';
export { readProcessUsage, type ProcessUsage } from './read-process-usage.js';
export { ProcessTracker } from './process-tracker.js';
export { summarizeRun, formatSummary } from './summarize-run.js';
export { FuzzSummarySchema, type FuzzSummary, type SoakReport, type TargetReport, type Crash, type Finding } from './fuzz-summary.js';
export { parseFuzzFlags } from './fuzz-options.js';
