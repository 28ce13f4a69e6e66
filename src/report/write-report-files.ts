import { constants } from 'node:fs';
import { access, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { caplabError } from '../errors.js';

const errno = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/**
 * Makes sure `dir` exists and may be written, creating missing folders one
 * level at a time from the nearest existing ancestor. Never `mkdir -p`: under
 * /proc, mkdir of a new child answers ENOENT although the parent exists, and
 * Node's recursive mkdir reads that as "parent missing" and retries forever.
 * Throws E_OUT_UNWRITABLE (exit 2) naming the folder and the errno.
 */
async function ensureWritableFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = dir; ; ) {
    const info = await stat(at).catch((err: unknown) => {
      // ENOTDIR: some ancestor is a file; walking up finds and names it.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw caplabError('E_OUT_UNWRITABLE', `cannot write under ${at} (${errno(err)})`, { cause: err });
    });
    if (info !== null) {
      if (!info.isDirectory()) throw caplabError('E_OUT_UNWRITABLE', `cannot write under ${at}: it is not a folder`);
      break;
    }
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing) {
    await mkdir(d).catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw caplabError('E_OUT_UNWRITABLE', `cannot create the folder ${d} (${errno(err)})`, { cause: err });
    });
  }
  await access(dir, constants.W_OK).catch((err: unknown) => {
    throw caplabError('E_OUT_UNWRITABLE', `cannot write in the folder ${dir} (${errno(err)})`, { cause: err });
  });
}

/**
 * Writes `text` to `file` through a temporary file renamed into place, so a
 * reader never sees a half-written report. Before writing it checks that
 * `file` is not a folder and that its folder exists (creating it if
 * missing) and is writable: those are E_OUT_UNWRITABLE (exit 2). A write
 * that fails all the same (a full disk) removes the temporary file and is
 * E_WRITE_FAILED. Returns the absolute path.
 */
async function writeReportFile(file: string, text: string): Promise<string> {
  const target = path.resolve(file);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw caplabError('E_OUT_UNWRITABLE', `${target} is a folder, not a file`, { hint: `name a file, e.g. ${path.join(target, 'report.html')}` });
  await ensureWritableFolder(path.dirname(target));
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw caplabError('E_WRITE_FAILED', `cannot write ${target} (${errno(err)})`, { cause: err });
  }
  return target;
}

/** Pretty JSON (2-space indent, trailing newline), keys in the order the object gives them. */
export function formatJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Writes `data` as pretty JSON to `file` (see `writeReportFile` for the checks and errors); returns the absolute path. */
export async function writeJsonResult(file: string, data: unknown): Promise<string> {
  return writeReportFile(file, formatJson(data));
}

/** Writes a rendered HTML report to `file` (see `writeReportFile` for the checks and errors); returns the absolute path. */
export async function writeHtmlReport(file: string, html: string): Promise<string> {
  return writeReportFile(file, html);
}
