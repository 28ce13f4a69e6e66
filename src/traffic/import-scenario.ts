import path from 'node:path';
import { stringify } from 'yaml';
import { CaplabError } from '../errors.js';
import { formatTraceFile, LIMITS, METHODS, type TraceData } from '../scenario/index.js';
import { analyseLog } from './analyse-log.js';
import type { WindowTrace } from './window-trace.js';
import { formatImportSummary } from './format-import-summary.js';
import type { FittedWorkload, LogWindowOptions } from './log-types.js';

/** What `caplab import` asks for beyond the window: the replay speed and the scenario's file. */
export interface ImportOptions extends LogWindowOptions {
  readonly speed: number;
  /** The scenario file to be written; the trace file goes beside it. */
  readonly scenarioFile: string;
}

/** The two files an import writes, and the summary it prints. */
export interface ImportedScenario {
  readonly workload: FittedWorkload;
  readonly scenarioFile: string;
  readonly scenarioText: string;
  readonly traceFile: string;
  readonly traceText: string;
  readonly summaryText: string;
  readonly requests: number;
}

type Method = (typeof METHODS)[number];

/** The trace file's name for a scenario file: `peak.yaml` → `peak.trace.tsv`. */
export function traceFileFor(scenarioFile: string): string {
  const base = path.basename(scenarioFile).replace(/\.ya?ml$/i, '');
  return path.join(path.dirname(scenarioFile), `${base}.trace.tsv`);
}

/** A scenario name (a slug of at most LIMITS.nameChars) from the file name. */
function scenarioName(scenarioFile: string): string {
  const slug = path
    .basename(scenarioFile)
    .replace(/\.ya?ml$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (slug === '' ? 'imported' : slug).slice(0, LIMITS.nameChars).replace(/-+$/, '');
}

/**
 * The window's trace as the scenario's trace file wants it: endpoints with
 * a method a scenario may send (others become GET) and a path that starts
 * with `/`; a request without a logged service time gets its endpoint's
 * mean (or the pool-wide mean), so its arrival is still replayed.
 */
function toTraceData(t: WindowTrace, poolMeanMs: number): { data: TraceData; filled: number; renamed: number } {
  const sums = new Float64Array(t.endpoints.length);
  const counts = new Uint32Array(t.endpoints.length);
  for (let i = 0; i < t.atMs.length; i += 1) {
    const s = t.serviceMs[i] as number;
    if (Number.isNaN(s)) continue;
    const e = t.endpoint[i] as number;
    sums[e] = (sums[e] as number) + s;
    counts[e] = (counts[e] as number) + 1;
  }
  // Only the endpoints the window uses, renumbered in order of first use.
  const index = new Int32Array(t.endpoints.length).fill(-1);
  const endpoints: Array<{ method: Method; path: string }> = [];
  let renamed = 0;
  for (let i = 0; i < t.atMs.length; i += 1) {
    const e = t.endpoint[i] as number;
    if ((index[e] as number) !== -1) continue;
    const source = t.endpoints[e] as WindowTrace['endpoints'][number];
    const known = (METHODS as readonly string[]).includes(source.method);
    if (!known) renamed += 1;
    const p = source.example.startsWith('/') && source.example.length <= LIMITS.pathChars ? source.example : '/';
    index[e] = endpoints.length;
    endpoints.push({ method: (known ? source.method : 'GET') as Method, path: p });
  }
  const atMs: number[] = new Array<number>(t.atMs.length);
  const endpoint: number[] = new Array<number>(t.atMs.length);
  const serviceMs: number[] = new Array<number>(t.atMs.length);
  let filled = 0;
  for (let i = 0; i < t.atMs.length; i += 1) {
    const e = t.endpoint[i] as number;
    let s = t.serviceMs[i] as number;
    if (Number.isNaN(s)) {
      filled += 1;
      s = (counts[e] as number) > 0 ? (sums[e] as number) / (counts[e] as number) : Number.isFinite(poolMeanMs) ? poolMeanMs : 0;
    }
    atMs[i] = t.atMs[i] as number;
    endpoint[i] = index[e] as number;
    serviceMs[i] = Math.min(LIMITS.serviceMs, Math.max(0, s));
  }
  return { data: { endpoints, atMs, endpoint, serviceMs }, filled, renamed };
}

/** The summary cut to fit a scenario's description (LIMITS.descriptionChars). */
function descriptionOf(summary: FittedWorkload['summary']): string {
  for (const maxEndpoints of [8, 5, 3, 1, 0]) {
    const text = formatImportSummary(summary, { maxEndpoints });
    if (text.length <= LIMITS.descriptionChars) return text;
  }
  return `${formatImportSummary(summary, { maxEndpoints: 0 }).slice(0, LIMITS.descriptionChars - 2)} …`;
}

/**
 * Fits `files` (see `fitLogWorkload`) and builds the scenario that replays
 * the window: a `trace` load phase whose trace file (beside the scenario)
 * holds each pool-bound request's arrival, endpoint and service time, at
 * `speed`. The summary is the scenario's description. A window with more
 * than LIMITS.phaseRequests requests is refused (E_LOG_INVALID): choose a
 * shorter one with --peak or --from/--to.
 */
export async function importScenario(files: readonly string[], options: ImportOptions): Promise<ImportedScenario> {
  const { workload, trace } = await analyseLog(files, options);
  if (trace.atMs.length > LIMITS.phaseRequests) {
    throw new CaplabError('E_LOG_INVALID', `${workload.files.join(', ')}: the window holds ${trace.atMs.length} requests, more than the ${LIMITS.phaseRequests} one phase may send`, {
      hint: 'replay a shorter window: --peak 5m, or --from/--to',
    });
  }
  const { data, filled, renamed } = toTraceData(trace, workload.summary.serviceMeanMs);
  const notes: string[] = [];
  if (filled > 0) notes.push(`${filled} requests without a service time replay at their endpoint's mean`);
  if (renamed > 0) notes.push(`${renamed} endpoints with a method a scenario cannot send replay as GET`);
  const summaryText = [formatImportSummary(workload.summary), ...notes.map((n) => `note: ${n}`)].join('\n');
  const traceFile = traceFileFor(options.scenarioFile);
  const scenario = {
    name: scenarioName(options.scenarioFile),
    description: descriptionOf(workload.summary),
    load: [{ trace: { file: path.basename(traceFile), speed: `${options.speed}x` } }],
  };
  const header =
    `# Written by caplab import from ${workload.files.join(', ')}.\n` +
    `# The trace phase replays the window's ${data.atMs.length} pool-bound requests at their logged times (÷ speed),\n` +
    `# sending each logged service time to the sample app's /sleep; with --wsgi the app's own times apply.\n`;
  return {
    workload,
    scenarioFile: options.scenarioFile,
    scenarioText: header + stringify(scenario, { lineWidth: 0 }),
    traceFile,
    traceText: formatTraceFile(data, [`from ${workload.files.join(', ')} (${workload.format}), window ${new Date(workload.window.startMs).toISOString()} to ${new Date(workload.window.endMs).toISOString()}`]),
    summaryText,
    requests: data.atMs.length,
  };
}
