import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { contentTypeFor } from './content-types.js';
import { resolveStaticFile, type StaticLookup } from './resolve-static-file.js';

/** Files up to this size are cached whole and sent with one write; larger ones are streamed from disk. */
export const SMALL_FILE_BYTES = 64 * 1024;
/** nginx's `open_file_cache max=`: entries kept at most; the oldest go first. */
const MAX_ENTRIES = 1024;
/** Bytes of cached bodies kept at most. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A static file as served: its metadata, the response headers it gets, and its body when small. */
export interface CachedFile {
  readonly kind: 'file';
  /** Real path, for streaming a large file. */
  readonly path: string;
  readonly size: number;
  /** Last-Modified value (an HTTP date). */
  readonly lastModified: string;
  /** nginx-style ETag: `"<mtime seconds hex>-<size hex>"`. */
  readonly etag: string;
  /** Content-Type, Last-Modified, ETag as a flat list for `writeHead` (a 304). */
  readonly headers: readonly string[];
  /** The same plus Content-Length, for a 200. */
  readonly okHeaders: readonly string[];
  /** The whole file when it is at most SMALL_FILE_BYTES, else null. */
  readonly body: Buffer | null;
}

type Refused = Extract<StaticLookup, { kind: 'refused' }>;

/** What a lookup answers: a cached file, or the status refusing the path. */
export type CachedLookup = CachedFile | Refused;

/** Metadata cache of a static directory, with small bodies, like nginx's `open_file_cache`. */
export interface OpenFileCache {
  /** The file for `relative` (decoded, normalised, after the prefix), or why it is refused. */
  lookup(relative: string): CachedLookup;
}

interface Entry extends CachedFile {
  /** The path looked up (before symlinks), stat'ed to revalidate. */
  readonly candidate: string;
  readonly dev: number;
  readonly ino: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  /** performance.now() of the last check against the disk. */
  checkedAt: number;
}

/**
 * An open-file cache for `root` (a real path), nginx's `open_file_cache`
 * with `open_file_cache_valid = validMs`. Entries are keyed by the path
 * under the prefix and hold what the response needs: size, Last-Modified,
 * ETag, Content-Type and, for files up to 64 KiB, the body. A hit younger
 * than `validMs` touches no disk at all; an older one is revalidated with
 * one synchronous stat of the looked-up path, and any change of device,
 * inode, size, mtime or ctime (the file rewritten, replaced, deleted, or a
 * symlink re-pointed) drops the entry and resolves the path again with
 * every traversal rule of `resolveStaticFile`. So a change is noticed at
 * most `validMs` later (0: on the next request). Refusals (403/404) are not
 * cached, as nginx's `open_file_cache_errors` is off by default, so a file
 * that appears is served at once. Nothing goes through libuv's threadpool:
 * lookups and reads of small files are synchronous, as they are in nginx.
 */
export function createOpenFileCache(root: string, validMs: number): OpenFileCache {
  const entries = new Map<string, Entry>();
  let bodyBytes = 0;

  const drop = (key: string, entry: Entry): void => {
    entries.delete(key);
    bodyBytes -= entry.body?.length ?? 0;
  };
  const insert = (key: string, entry: Entry): void => {
    entries.set(key, entry);
    bodyBytes += entry.body?.length ?? 0;
    for (const [oldKey, old] of entries) {
      if (entries.size <= MAX_ENTRIES && bodyBytes <= MAX_BODY_BYTES) break;
      drop(oldKey, old);
    }
  };

  return {
    lookup(relative) {
      const now = performance.now();
      const cached = entries.get(relative);
      if (cached !== undefined) {
        if (now - cached.checkedAt < validMs) return cached;
        if (unchanged(cached)) {
          cached.checkedAt = now;
          return cached;
        }
        drop(relative, cached);
      }
      const found = resolveStaticFile(root, relative);
      if (found.kind === 'refused') return found;
      const entry = load(path.join(root, relative), found.path, now);
      if (entry.kind === 'file') insert(relative, entry);
      return entry;
    },
  };
}

/** True when the path still leads to the same, unmodified file. */
function unchanged(entry: Entry): boolean {
  let stats: Stats | undefined;
  try {
    stats = statSync(entry.candidate, { throwIfNoEntry: false });
  } catch {
    return false;
  }
  return (
    stats !== undefined &&
    stats.ino === entry.ino &&
    stats.dev === entry.dev &&
    stats.size === entry.size &&
    stats.mtimeMs === entry.mtimeMs &&
    stats.ctimeMs === entry.ctimeMs
  );
}

/** Opens the resolved file and builds its entry from fstat (and its body when small), so metadata and body agree. */
function load(candidate: string, real: string, now: number): Entry | Refused {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in after the stat must not block the process.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { kind: 'refused', status: 404, reason: `static file read: ${(err as Error).message}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: 'refused', status: 404, reason: 'not a regular file' };
    const body = stats.size <= SMALL_FILE_BYTES ? readWhole(fd, stats.size) : null;
    const lastModified = stats.mtime.toUTCString();
    const etag = `"${Math.floor(stats.mtime.getTime() / 1000).toString(16)}-${stats.size.toString(16)}"`;
    const headers = Object.freeze(['Content-Type', contentTypeFor(real), 'Last-Modified', lastModified, 'ETag', etag]);
    return {
      kind: 'file',
      path: real,
      size: stats.size,
      lastModified,
      etag,
      headers,
      okHeaders: Object.freeze([...headers, 'Content-Length', String(body?.length ?? stats.size)]),
      body,
      candidate,
      dev: stats.dev,
      ino: stats.ino,
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
      checkedAt: now,
    };
  } catch (err) {
    return { kind: 'refused', status: 404, reason: `static file read: ${(err as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** Up to `size` bytes from the start of `fd`; fewer if the file shrank meanwhile. */
function readWhole(fd: number, size: number): Buffer {
  const body = Buffer.allocUnsafe(size);
  let got = 0;
  while (got < size) {
    const n = readSync(fd, body, got, size - got, got);
    if (n === 0) break;
    got += n;
  }
  return got === size ? body : body.subarray(0, got);
}
