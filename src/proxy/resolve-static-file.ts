import { realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** A file that may be served, or the status refusing it. */
export type StaticLookup =
  | { readonly kind: 'file'; readonly path: string; readonly stats: Stats }
  | { readonly kind: 'refused'; readonly status: 403 | 404; readonly reason: string };

/**
 * Finds the file for `relative` (the decoded, normalised path after the
 * static prefix, no leading '/') under `root`, which must already be a
 * real path (symlinks resolved). The file's own real path must lie inside
 * `root`, so a symlink pointing out of the directory is refused with 403,
 * as is any '..' segment or absolute path that slipped through. Missing
 * files are 404; directories are 403 (nginx without an index or autoindex).
 * Synchronous, as nginx's own file lookups are: a realpath and a stat on
 * local metadata cost less than a round trip through libuv's threadpool.
 */
export function resolveStaticFile(root: string, relative: string): StaticLookup {
  if (relative.split('/').includes('..') || path.isAbsolute(relative) || relative.includes('\0')) {
    return { kind: 'refused', status: 403, reason: 'path leaves the static directory' };
  }
  const candidate = path.join(root, relative);
  if (!isInside(root, candidate)) return { kind: 'refused', status: 403, reason: 'path leaves the static directory' };
  let real: string;
  try {
    real = realpathSync.native(candidate);
  } catch (err) {
    return refusedFor(err);
  }
  if (!isInside(root, real)) return { kind: 'refused', status: 403, reason: 'symlink leaves the static directory' };
  try {
    const stats = statSync(real);
    if (stats.isDirectory()) return { kind: 'refused', status: 403, reason: 'directory index is forbidden' };
    if (!stats.isFile()) return { kind: 'refused', status: 404, reason: 'not a regular file' };
    return { kind: 'file', path: real, stats };
  } catch (err) {
    return refusedFor(err);
  }
}

/** True when `target` is `root` itself or below it. */
function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function refusedFor(err: unknown): StaticLookup {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'refused', status: 403, reason: `${code} opening the file` };
  return { kind: 'refused', status: 404, reason: 'no such file' };
}
