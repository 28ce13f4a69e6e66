export type * from './types.js';
export { summarizeStats, EMPTY_STATS, round3 } from './summarize-stats.js';
export { summarizeRequests, isOk } from './summarize-requests.js';
export { summarizePhases } from './summarize-phases.js';
export { sampleRecords } from './sample-records.js';
export { checkLittlesLaw, type LittlesLawCheck } from './littles-law.js';
export { readResultFile } from './read-result-file.js';
export { overflowBetween } from './overflow-between.js';
export { summarizeSynRetries, SYN_RETRY_WALL_MS } from './summarize-syn-retries.js';
