export { DEFAULTS, PLAN_DEFAULTS, type Defaults } from './defaults.js';
export { isLoopbackHost, loopbackHostField, NOT_LOOPBACK } from './loopback.js';
export { wallClockMs, nowMicros } from './wall-clock.js';
export { nativeAddonDisabled } from './environment.js';
export { formatIssues, formatPath, formatValue, issueLines, countIssueLines, type FormatIssuesOptions, type PathNamer } from './format-issues.js';
export { keyPaths } from './key-paths.js';
export { parseConfig, problemLines, issueCode, PROBLEMS_LISTED, type ParseConfigOptions } from './parse-config.js';
export { flagName, intFlag, positiveFlag } from './flag-fields.js';
