import path from 'node:path';
import type { Command } from 'commander';
import { caplabError } from '../../errors.js';
import { readResultFile, type RunResult } from '../../results/index.js';
import { renderCompareReport, renderRunReport, renderSweepReport, writeHtmlReport } from '../../report/index.js';

/**
 * `caplab report <json>` and `caplab compare <a> <b>`: HTML reports from
 * saved results. A file that is missing, unreadable, not caplab JSON or
 * broken inside, and an `--out` that is a folder or cannot be written, are
 * usage errors (exit 2) told in one line.
 */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('render report.html again from a results.json or sweep.json')
    .argument('<json>', 'a results.json or sweep.json')
    .option('-o, --out <file>', 'where to write the HTML (default: report.html beside the JSON)')
    .action(async (file: string, opts: { out?: string }) => {
      const data = await readResultFile(file);
      const html = data.schema === 'caplab.run/1' ? renderRunReport(data) : renderSweepReport(data);
      const written = await writeHtmlReport(opts.out ?? path.join(path.dirname(file), 'report.html'), html);
      process.stdout.write(`report: ${written}\n`);
    });

  program
    .command('compare')
    .description('put two runs side by side in one HTML report')
    .argument('<a>', 'the first results.json')
    .argument('<b>', 'the second results.json')
    .option('-o, --out <file>', 'where to write the HTML (default: compare.html in the current folder)')
    .action(async (fileA: string, fileB: string, opts: { out?: string }) => {
      const [a, b] = await Promise.all([readRunFile(fileA), readRunFile(fileB)]);
      const html = renderCompareReport(a, b, [label(fileA), label(fileB)]);
      const written = await writeHtmlReport(opts.out ?? path.resolve('compare.html'), html);
      process.stdout.write(`report: ${written}\n`);
    });
}

/** Reads a results.json for `compare`; a sweep.json is a usage error (exit 2). */
async function readRunFile(file: string): Promise<RunResult> {
  const data = await readResultFile(file);
  if (data.schema !== 'caplab.run/1') throw caplabError('E_RESULTS_INVALID', `compare takes two results.json files; ${file} is a ${data.schema}`);
  return data;
}

/** A short label for a results file: its folder's name. */
function label(file: string): string {
  return path.basename(path.dirname(path.resolve(file)));
}
