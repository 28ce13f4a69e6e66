import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { benchReportSchema, type BenchReport } from './bench-types.js';
import { formatBenchMarkdown } from './format-bench-table.js';

/**
 * Writes `bench.json` (checked against benchReportSchema first, so a
 * malformed document is never written) and `bench.md` into `dir`, creating
 * it. Returns the two paths.
 */
export async function writeBenchReport(dir: string, report: BenchReport): Promise<{ json: string; md: string }> {
  const checked = benchReportSchema.parse(report);
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, 'bench.json');
  const md = path.join(dir, 'bench.md');
  await writeFile(json, `${JSON.stringify(checked, null, 2)}\n`);
  await writeFile(md, formatBenchMarkdown(checked));
  return { json, md };
}
