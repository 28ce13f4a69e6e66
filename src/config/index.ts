export { DEFAULTS, type Defaults } from './defaults.js';
export { isLoopbackHost, NOT_LOOPBACK } from './loopback.js';
export { describeValue } from './describe-value.js';
export { wallClockMs, nowMicros } from './wall-clock.js';
export { nativeAddonDisabled } from './environment.js';
