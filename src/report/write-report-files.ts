import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `text` to `file`, creating its folder, through a temporary file
 * renamed into place, so a reader never sees a half-written report.
 * Returns the absolute path.
 */
async function writeReportFile(file: string, text: string): Promise<string> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, target);
  return target;
}

/** Pretty JSON (2-space indent, trailing newline), keys in the order the object gives them. */
export function formatJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Writes `data` as pretty JSON to `file` (creating the folder); returns the absolute path. */
export async function writeJsonResult(file: string, data: unknown): Promise<string> {
  return writeReportFile(file, formatJson(data));
}

/** Writes a rendered HTML report to `file` (creating the folder); returns the absolute path. */
export async function writeHtmlReport(file: string, html: string): Promise<string> {
  return writeReportFile(file, html);
}
