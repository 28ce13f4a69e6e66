import path from 'node:path';
import type { Command } from 'commander';
import { caplabError } from '../../errors.js';
import { readResultFile, type MultiResult, type RunResult, type SweepResult } from '../../results/index.js';
import { renderMultiReport, renderRunReport, renderSweepReport, writeHtmlReport } from '../../report/index.js';
import { compareRuns } from '../compare-runs.js';

/**
 * `caplab report <json>` and `caplab compare <a> <b>`: HTML reports from
 * saved results. A file that is missing, unreadable, not caplab JSON or
 * broken inside, and an `--out` that is a folder or cannot be written, are
 * usage errors (exit 2) told in one line.
 */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('render report.html again from a results.json, sweep.json or multi.json')
    .argument('<json>', 'a results.json, sweep.json or multi.json')
    .option('-o, --out <file>', 'where to write the HTML (default: report.html beside the JSON)')
    .action(async (file: string, opts: { out?: string }) => {
      const data = await readResultFile(file);
      const html = renderAny(data);
      const written = await writeHtmlReport(opts.out ?? path.join(path.dirname(file), 'report.html'), html);
      process.stdout.write(`report: ${written}\n`);
    });

  program
    .command('compare')
    .description('put runs side by side in one HTML report: two results.json, or any mix of results.json and multi.json')
    .argument('<files...>', 'results.json or multi.json files (every stack of a multi.json counts as one run)')
    .option('-o, --out <file>', 'where to write the HTML (default: compare.html in the current folder)')
    .action(async (files: string[], opts: { out?: string }) => {
      const read = await Promise.all(files.map(async (file) => ({ file, data: await readCompareFile(file) })));
      const html = compareRuns(read);
      const written = await writeHtmlReport(opts.out ?? path.resolve('compare.html'), html);
      process.stdout.write(`report: ${written}\n`);
    });
}

/** The report of any caplab result file. */
function renderAny(data: RunResult | SweepResult | MultiResult): string {
  if (data.schema === 'caplab.run/1') return renderRunReport(data);
  if (data.schema === 'caplab.multi/1') return renderMultiReport(data);
  return renderSweepReport(data);
}

/** Reads a results.json or multi.json for `compare`; a sweep.json is a usage error (exit 2). */
async function readCompareFile(file: string): Promise<RunResult | MultiResult> {
  const data = await readResultFile(file);
  if (data.schema === 'caplab.sweep/1') throw caplabError('E_RESULTS_INVALID', `compare takes results.json and multi.json files; ${file} is a ${data.schema}`);
  return data;
}
