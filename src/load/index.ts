/**
 * load/: the only client-side network code. Replays a RunPlan against a
 * loopback target: bursts, open and ramp arrivals with caplab's own
 * coordinated-omission-free scheduler, closed loops on caplab's own undici
 * loop (with or without think time), and returns one RequestRecord per
 * request in scenario milliseconds. Requests still in flight at a phase's
 * deadline are recorded as `timeout` whatever the phase's kind.
 */
export { runLoad, groupPhases, type LoadTarget, type LoadOptions, type LoadOutcome } from './run-load.js';
export { assertLoopback } from './assert-loopback.js';
export { parseTimingHeaders, parseUpstreamSeconds, type TimingHeaders } from './timing-headers.js';
export { drainWallMs, phaseBudgetWallMs } from './phase-context.js';
export { sleepUntil, now, SPIN_MS } from './wall-clock.js';
export { scheduleReloads, type ReloadReport, type ScheduledReloads } from './run-reloads.js';
