/**
 * traffic/: access logs as a source of load. Streams nginx, uWSGI and
 * gunicorn logs into compact columns, fits the arrival process and the
 * service times of a window (the busiest one with a peak length), and
 * hands out the window's requests as a trace for `caplab import`.
 */
export { LOG_FORMATS, type LogFormatName, type LogWindowOptions, type FittedWorkload, type ImportSummary, type EndpointFit, type ServiceFit, type LineCounts } from './log-types.js';
export { fitLogWorkload } from './fit-log-workload.js';
export { analyseLog, type LogAnalysis } from './analyse-log.js';
export type { WindowTrace } from './window-trace.js';
export { formatImportSummary, describeFit } from './format-import-summary.js';
export { fitService } from './fit-service.js';
export { importScenario, traceFileFor, type ImportOptions, type ImportedScenario } from './import-scenario.js';
