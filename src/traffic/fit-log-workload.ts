import { analyseLog } from './analyse-log.js';
import type { FittedWorkload, LogWindowOptions } from './log-types.js';

/**
 * Streams access logs (several files, `.gz` too) and fits the workload of
 * the chosen window: pool-bound arrival rate and Ca², the pool-wide service
 * fit and its Cs², and the summary the terminal prints. Errors are
 * E_LOG_INVALID with one line naming the file and line.
 */
export async function fitLogWorkload(files: readonly string[], options: LogWindowOptions): Promise<FittedWorkload> {
  return (await analyseLog(files, options)).workload;
}
