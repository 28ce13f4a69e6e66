import { caplabError } from '../errors.js';
import type { ServiceDist } from '../scenario/index.js';
import { fitLogWorkload, LOG_FORMATS, type LogFormatName } from '../traffic/index.js';

/** What `plan --from-log` plans with, and what it says about where the figures came from. */
export interface LogPlanContext {
  /** The fitted window's pool-bound rate × growth. */
  readonly ratePerSec: number;
  readonly arrivalScv: number;
  readonly service: ServiceDist;
  /** Lines printed above the plan: the files, the window, the growth. */
  readonly lines: readonly string[];
  /** The same for `--json`. */
  readonly json: {
    readonly files: readonly string[];
    readonly format: LogFormatName;
    readonly window: { readonly startMs: number; readonly endMs: number; readonly how: string };
    readonly fittedRatePerSec: number;
    readonly growth: number;
    readonly ratePerSec: number;
    readonly ca2: number;
    readonly serviceCs2: number;
    readonly service: ServiceDist;
    readonly warnings: readonly string[];
  };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const round = (x: number): number => Number(x.toPrecision(4));

/**
 * Fits the workload of access logs for `caplab plan --from-log` (the busiest
 * `peakMs` window, or the whole log) and grows its rate by `growth`.
 * E_FLAG for an unknown `--format`; traffic/'s E_LOG_INVALID for a bad log.
 */
export async function planFromLog(files: readonly string[], options: { format: string; growth: number; peakMs?: number }): Promise<LogPlanContext> {
  const format = options.format;
  if (format !== 'auto' && !(LOG_FORMATS as readonly string[]).includes(format)) {
    throw caplabError('E_FLAG', `--format must be auto, ${LOG_FORMATS.join(', ')}, got "${format}"`);
  }
  const fit = await fitLogWorkload(files, { format: format as LogFormatName | 'auto', ...(options.peakMs !== undefined ? { peakMs: options.peakMs } : {}) });
  const ratePerSec = fit.ratePerSec * options.growth;
  const how = fit.summary.window.how;
  const growth = options.growth === 1 ? 'no growth' : `× growth ${options.growth} = ${round(ratePerSec)} req/s`;
  const lines = [
    `from log: ${files.length} file${files.length === 1 ? '' : 's'} (${fit.format}), window ${iso(fit.window.startMs)} – ${iso(fit.window.endMs)} (${how})`,
    `fitted: ${round(fit.ratePerSec)} req/s to the pool, ${growth}; Ca² ${round(fit.ca2)}; service ${fit.service.dist} (the plan's service line gives its mean and Cs²)`,
    ...fit.summary.warnings.map((w) => `warning: ${w}`),
    '',
  ];
  return Object.freeze({
    ratePerSec,
    arrivalScv: fit.ca2,
    service: fit.service,
    lines,
    json: {
      files: fit.files,
      format: fit.format,
      window: { startMs: fit.window.startMs, endMs: fit.window.endMs, how },
      fittedRatePerSec: fit.ratePerSec,
      growth: options.growth,
      ratePerSec,
      ca2: fit.ca2,
      serviceCs2: fit.serviceCs2,
      service: fit.service,
      warnings: fit.summary.warnings,
    },
  });
}
