import { CaplabError, type ErrorCode } from '../errors.js';

/**
 * The planner's inputs as its messages name them: the fields of
 * `CapacityInput` and `PlanSources`. A front end names them its own way
 * (the CLI maps `ratePerSec` to `--rate`) with `PlanInputError.renamed`.
 */
export type PlanField =
  | 'ratePerSec'
  | 'service'
  | 'slo'
  | 'maxWorkers'
  | 'minWorkers'
  | 'listen'
  | 'upstreamTimeoutMs'
  | 'harakiriMs'
  | 'fromResult'
  | 'method'
  | 'seed'
  | 'requests'
  | 'replications'
  | 'memoryBytes'
  | 'rssBytes'
  | 'cores'
  | 'cpuShare'
  | 'dbConnections'
  | 'arrivalScv'
  | 'threads';

const FIELD = /\{(\w+)\}/g;

/**
 * A planner error about its input. Its message is written from a template
 * in which each field appears as `{field}`; by default a field is named as
 * the library's API names it. The code, exit code and hint are those of the
 * catalogue, and they stay the same whatever the fields are called.
 */
export class PlanInputError extends CaplabError {
  /** The template, e.g. `{ratePerSec} must be a number > 0, got "x"`. */
  readonly template: string;
  /** The fields the message names, in order. */
  readonly fields: readonly PlanField[];

  constructor(code: ErrorCode, template: string, options: { hint?: string; cause?: unknown } = {}) {
    super(code, template.replace(FIELD, '$1'), options);
    this.name = 'PlanInputError';
    this.template = template;
    this.fields = [...template.matchAll(FIELD)].map((m) => m[1] as PlanField);
  }

  /** The same error (code, exit code, hint) with each field written as `name(field)`, e.g. a CLI flag. */
  renamed(name: (field: PlanField) => string): CaplabError {
    const message = this.template.replace(FIELD, (_, field: string) => name(field as PlanField));
    return new CaplabError(this.code, message, { ...(this.hint !== undefined ? { hint: this.hint } : {}), cause: this });
  }
}

/** Whether `err` is a planner input error whose fields a front end may rename. */
export function isPlanInputError(err: unknown): err is PlanInputError {
  return err instanceof PlanInputError;
}
