/**
 * locust/: caplab's scenarios on Locust's master and workers. Turns a plan
 * into a self-contained locustfile (caplab's own schedule as data), runs a
 * master and its workers under keepers, and reads every worker's records
 * back into caplab's request records.
 */
export { locustPlan, locustFidelity, type LocustPlan, type LocustPhase, type LocustFidelity } from './locust-plan.js';
export { renderLocustfile, describeFidelity } from './render-locustfile.js';
export { exportLocust, exportReadme, type ExportedLocust } from './export-locust.js';
export { checkLocustTarget, checkMasterBind } from './check-target.js';
export { degradedReason, type ProcessEnd } from './degraded-reason.js';
export { runLocustLoad, requireLocust, type LocustEngineOptions, type LocustHooks, type LocustOutcome } from './run-locust-load.js';
export { inspectLocust, versionAtLeast, LOCUST, MIN_LOCUST_VERSION, type LocustCheck } from './inspect-locust.js';
export { parseRecordsText, readRecordsDir, mergeRecords, type WorkerRecords } from './read-records.js';
export { RecordLineSchema, RecordsHeaderSchema, RecordsTrailerSchema, RECORDS_FORMAT, type RecordLine, type RecordsHeader } from './record-lines.js';
