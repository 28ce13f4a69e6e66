import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { problemLines } from '../config/index.js';
import { CaplabError } from '../errors.js';
import { LIMITS } from './limits.js';
import type { ScenarioLoadEntry, TracePhase } from './phase-schema.js';
import type { ScenarioRequest } from './request-schema.js';
import type { Scenario } from './scenario-schema.js';
import { parseTraceFile, type TraceData } from './trace-file.js';

/** A trace file's problems, or its data (read synchronously, like the other files a scenario names). */
function readTrace(file: string): { trace: TraceData } | { problems: string[] } {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { problems: ['is not a file'] };
    size = st.size;
  } catch (err) {
    return { problems: [(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (relative to the scenario file)' : `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  if (size > LIMITS.traceFileBytes) return { problems: [`is ${size} bytes, more than the limit of ${LIMITS.traceFileBytes} (64 MiB)`] };
  return parseTraceFile(readFileSync(file, 'utf8'));
}

/** The endpoints as a weighted mix: each weighted by its number of requests in the trace. */
function traceMix(trace: TraceData): ScenarioRequest[] {
  const counts = new Array<number>(trace.endpoints.length).fill(0);
  for (const e of trace.endpoint) counts[e] = (counts[e] ?? 0) + 1;
  return trace.endpoints.flatMap((e, i) =>
    (counts[i] ?? 0) > 0 ? [{ method: e.method, path: e.path, headers: {}, body: null, weight: Math.min(LIMITS.weight, counts[i] ?? 0), service: null }] : [],
  );
}

function freezeTrace(t: TraceData): TraceData {
  return Object.freeze({
    endpoints: Object.freeze(t.endpoints.map((e) => Object.freeze({ ...e }))),
    atMs: Object.freeze(t.atMs),
    endpoint: Object.freeze(t.endpoint),
    serviceMs: Object.freeze(t.serviceMs),
  });
}

/**
 * Reads the trace file of every `trace` phase (its `file` resolved against
 * `baseDir`) into the phase, with its endpoints as the phase's weighted
 * mix. All problems of all trace files are reported at once, as
 * E_SCENARIO_INVALID: `scenario s.yaml: load[0].trace.file "peak.trace.tsv" line 7: …`.
 */
export function loadTraces(scenario: Scenario, baseDir: string, label: string): Scenario {
  if (!scenario.load.some((p) => p.kind === 'trace')) return scenario;
  const problems: string[] = [];
  const load = scenario.load.map((p, i): ScenarioLoadEntry => {
    if (p.kind !== 'trace') return p;
    const read = readTrace(path.resolve(baseDir, p.file));
    if ('problems' in read) {
      for (const why of read.problems) problems.push(`load[${i}].trace.file ${JSON.stringify(p.file)} ${why}`);
      return p;
    }
    const trace = freezeTrace(read.trace);
    return Object.freeze({ ...p, trace, requests: Object.freeze(traceMix(trace)) }) as TracePhase;
  });
  if (problems.length > 0) {
    throw new CaplabError('E_SCENARIO_INVALID', problemLines(label, problems, problems.length).join('\n'), {
      hint: 'a trace file is written by `caplab import`; its format is described in README.md',
    });
  }
  const loaded: Scenario = { ...scenario, load };
  Object.freeze(load);
  return Object.freeze(loaded);
}
