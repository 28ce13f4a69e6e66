import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FuzzSummary } from './fuzz-summary.js';

/** Writes `summary` to `<dir>/fuzz.json` (through a temp file and a rename) and returns the path. */
export async function writeSummary(dir: string, summary: FuzzSummary): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.resolve(dir, 'fuzz.json');
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(summary, null, 2)}\n`);
  await rename(tmp, file);
  return file;
}
