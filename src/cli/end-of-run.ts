import { CaplabError } from '../errors.js';
import type { SampleFailures } from '../experiment/index.js';

/** How a run that produced results ended, as the CLI saw it. */
export interface RunEnding {
  /** One line from `describeRoleDeath`, or null. */
  readonly death: string | null;
  /** One line from `writeRunOutputs`, or null. */
  readonly writeProblem: string | null;
  readonly interrupted: { readonly signal: NodeJS.Signals; readonly exitCode: number } | null;
  /** One line on the thresholds that failed, or null. */
  readonly thresholdsFailed: string | null;
}

/**
 * The error a finished run exits with, after its summary is printed and its
 * files written, or null for exit 0. One error, the gravest first: a role
 * died (E_ROLE_DIED, 1), a file could not be written (E_WRITE_FAILED, 1),
 * interrupted (E_INTERRUPTED, 128 + the signal), a threshold failed
 * (E_THRESHOLD, 99).
 */
export function endOfRunError(ending: RunEnding): CaplabError | null {
  if (ending.death !== null) {
    return new CaplabError('E_ROLE_DIED', `${ending.death}; the run stopped there`, ending.writeProblem !== null ? { hint: ending.writeProblem } : {});
  }
  if (ending.writeProblem !== null) return new CaplabError('E_WRITE_FAILED', ending.writeProblem);
  if (ending.interrupted !== null) {
    return new CaplabError('E_INTERRUPTED', `interrupted by ${ending.interrupted.signal}; the results cover the part that ran`, {
      exitCode: ending.interrupted.exitCode,
    });
  }
  if (ending.thresholdsFailed !== null) return new CaplabError('E_THRESHOLD', ending.thresholdsFailed);
  return null;
}

/** "2 thresholds failed: a, b", or null when none failed. */
export function describeFailedThresholds(exprs: readonly string[]): string | null {
  const n = exprs.length;
  return n === 0 ? null : `${n} threshold${n === 1 ? '' : 's'} failed: ${exprs.join(', ')}`;
}

/** One line for pool stats samples that failed during a run. */
export function describeSampleFailures(failures: SampleFailures): string {
  const n = failures.count;
  return `warning: ${n} pool stats sample${n === 1 ? '' : 's'} failed, so the queue timeline has gaps${failures.first ? ` (first: ${failures.first})` : ''}`;
}
