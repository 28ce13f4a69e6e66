import { LIMITS } from './limits.js';
import { METHODS } from './request-schema.js';

/** A method a scenario may use. */
type Method = (typeof METHODS)[number];

/**
 * A logged trace, as columns: the endpoints (method and the raw path a
 * replay sends), then per request its arrival in ms from the trace's start
 * (non-decreasing), its endpoint's index and its service time in ms.
 */
export interface TraceData {
  readonly endpoints: ReadonlyArray<{ readonly method: Method; readonly path: string }>;
  readonly atMs: readonly number[];
  readonly endpoint: readonly number[];
  readonly serviceMs: readonly number[];
}

/** The first line of a trace file. */
export const TRACE_HEADER = '# caplab trace v1';

/**
 * A trace file: tab-separated text, so a million requests are about 20 MB
 * (YAML arrays of that size would pass the scenario's 1 MiB limit and be
 * slow to parse), stream-friendly and readable with `head` or a
 * spreadsheet. After the header, `E<TAB>method<TAB>path` lines name the
 * endpoints in order (index 0, 1, …); then one line per request:
 * `at_ms<TAB>endpoint<TAB>service_ms`. Lines starting with `#` are comments.
 */
export function formatTraceFile(trace: TraceData, comments: readonly string[] = []): string {
  const out: string[] = [TRACE_HEADER, ...comments.map((c) => `# ${c.replace(/\n/g, ' ')}`), '# E<TAB>method<TAB>path, one per endpoint (index 0, 1, …)'];
  for (const e of trace.endpoints) out.push(`E\t${e.method}\t${e.path}`);
  out.push('# at_ms<TAB>endpoint<TAB>service_ms, at_ms from the start of the trace');
  const round = (x: number, digits: number): string => String(Math.round(x * 10 ** digits) / 10 ** digits);
  for (let i = 0; i < trace.atMs.length; i += 1) {
    out.push(`${round(trace.atMs[i] as number, 3)}\t${trace.endpoint[i]}\t${round(trace.serviceMs[i] as number, 3)}`);
  }
  return `${out.join('\n')}\n`;
}

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Reads a trace file. Returns the trace, or the problems, each naming its
 * line (`line 17: the endpoint 9 is not defined (3 endpoints)`); reading
 * stops at the first 20. Bounds: LIMITS.phaseRequests requests,
 * LIMITS.mixEntries endpoints, service times up to LIMITS.serviceMs.
 */
export function parseTraceFile(text: string): { trace: TraceData } | { problems: string[] } {
  const problems: string[] = [];
  const endpoints: Array<{ method: Method; path: string }> = [];
  const atMs: number[] = [];
  const endpoint: number[] = [];
  const serviceMs: number[] = [];
  const lines = text.split('\n');
  if ((lines[0] ?? '').trim() !== TRACE_HEADER) return { problems: [`line 1: must be "${TRACE_HEADER}", got ${JSON.stringify((lines[0] ?? '').slice(0, 40))}`] };
  let previous = 0;
  for (let n = 1; n < lines.length && problems.length < LIMITS.problemsListed; n += 1) {
    const line = (lines[n] as string).replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const where = `line ${n + 1}`;
    const f = line.split('\t');
    if (f[0] === 'E') {
      const method = f[1] as Method;
      const path = f[2] ?? '';
      if (f.length !== 3 || !METHODS.includes(method)) problems.push(`${where}: an endpoint must be E<TAB>method<TAB>path with a method of ${METHODS.join(', ')}`);
      else if (!path.startsWith('/') || path.length > LIMITS.pathChars) problems.push(`${where}: the path must start with / and be at most ${LIMITS.pathChars} characters`);
      else if (atMs.length > 0) problems.push(`${where}: endpoints must come before the requests`);
      else if (endpoints.length >= LIMITS.mixEntries) problems.push(`${where}: more than ${LIMITS.mixEntries} endpoints`);
      else endpoints.push({ method, path });
      continue;
    }
    if (f.length !== 3 || !NUMBER.test(f[0] as string) || !/^\d+$/.test(f[1] as string) || !NUMBER.test(f[2] as string)) {
      problems.push(`${where}: a request must be at_ms<TAB>endpoint<TAB>service_ms (numbers), got ${JSON.stringify(line.slice(0, 60))}`);
      continue;
    }
    const at = Number(f[0]);
    const ep = Number(f[1]);
    const ms = Number(f[2]);
    if (at < previous) problems.push(`${where}: at_ms ${at} is before the previous request's ${previous}; requests must be in time order`);
    else if (ep >= endpoints.length) problems.push(`${where}: the endpoint ${ep} is not defined (${endpoints.length} endpoints)`);
    else if (ms > LIMITS.serviceMs) problems.push(`${where}: the service time ${ms} ms is more than ${LIMITS.serviceMs} (one hour)`);
    else if (atMs.length >= LIMITS.phaseRequests) problems.push(`${where}: more than ${LIMITS.phaseRequests} requests, the limit of one phase`);
    else {
      atMs.push(at);
      endpoint.push(ep);
      serviceMs.push(ms);
      previous = at;
    }
  }
  if (problems.length === 0 && atMs.length === 0) problems.push('the trace has no requests');
  return problems.length > 0 ? { problems } : { trace: { endpoints, atMs, endpoint, serviceMs } };
}
