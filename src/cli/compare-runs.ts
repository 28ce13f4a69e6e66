import path from 'node:path';
import { caplabError } from '../errors.js';
import type { MultiResult, MultiStackRun, RunResult } from '../results/index.js';
import { renderCompareReport, renderMultiReport } from '../report/index.js';

/** A result file read for `compare`, with the path it came from. */
export interface CompareInput {
  readonly file: string;
  readonly data: RunResult | MultiResult;
}

/** A short label for a results file: its folder's name. */
function label(file: string): string {
  return path.basename(path.dirname(path.resolve(file)));
}

/**
 * The HTML of `caplab compare`: two results.json files give the two-run
 * comparison as before; any set that holds a multi.json (or more than two
 * runs) gives the multi-stack report over every run, each labelled by its
 * file's folder and, for a multi.json, its stack. Fewer than two runs in
 * all is a usage error (exit 2).
 */
export function compareRuns(inputs: readonly CompareInput[]): string {
  const runs: RunResult[] = [];
  const entries: MultiStackRun[] = [];
  for (const { file, data } of inputs) {
    if (data.schema === 'caplab.run/1') {
      runs.push(data);
      entries.push({ stack: label(file), result: data });
      continue;
    }
    for (const r of data.runs) {
      if (!('result' in r)) continue;
      runs.push(r.result);
      entries.push({ stack: inputs.length === 1 ? r.stack : `${label(file)}: ${r.stack}`, result: r.result });
    }
  }
  if (entries.length < 2) throw caplabError('E_USAGE', `compare needs at least two runs; ${inputs.map((i) => i.file).join(', ')} hold${inputs.length === 1 ? 's' : ''} ${entries.length}`);
  if (inputs.length === 2 && inputs.every((i) => i.data.schema === 'caplab.run/1')) {
    return renderCompareReport(runs[0]!, runs[1]!, [label(inputs[0]!.file), label(inputs[1]!.file)]);
  }
  const first = runs[0]!;
  const multi: MultiResult = {
    schema: 'caplab.multi/1',
    scenario: first.scenario,
    timeScale: first.stack.timeScale,
    seed: first.seed,
    startedAt: first.startedAt,
    stacks: entries.map((e) => e.stack),
    runs: entries,
  };
  return renderMultiReport(multi);
}
