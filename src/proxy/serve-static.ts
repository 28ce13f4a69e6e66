import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor } from './content-types.js';
import { sendErrorPage } from './error-page.js';
import type { NormalizedPath, RequestTarget } from './request-target.js';
import type { RequestState } from './request-state.js';
import { resolveStaticFile } from './resolve-static-file.js';

/** Files up to this size are read whole and sent with one write; larger ones are streamed. */
const SMALL_FILE_BYTES = 64 * 1024;
const ENCODED_SLASH = /%(?:2f|5c)/i;

/** Where static files come from. */
export interface StaticSite {
  /** Real path (symlinks resolved) of the static directory. */
  readonly root: string;
  /** URL prefix served from `root`, e.g. '/static/'. */
  readonly prefix: string;
}

/**
 * True when the request belongs to the static location: its path as sent,
 * or once normalised, starts with the prefix. Judging the raw path too keeps
 * `/static/../x` inside the static handler, where it is refused, instead of
 * letting a traversal attempt reach the upstream.
 */
export function isStaticRequest(site: StaticSite, target: RequestTarget, normalized: NormalizedPath): boolean {
  return target.rawPath.startsWith(site.prefix) || (normalized.ok && normalized.path.startsWith(site.prefix));
}

/**
 * Serves a static request from `site` without ever touching the upstream:
 * GET and HEAD only (405 otherwise, like nginx), Content-Type by extension,
 * Content-Length, Last-Modified and an nginx-style ETag, 304 for a matching
 * If-None-Match or If-Modified-Since. Refused with 403: encoded slashes or
 * backslashes, paths that leave the prefix once normalised ('..',
 * '%2e%2e'), symlinks out of the directory, directories; 404 for missing
 * files; 400 for a bad %-escape or a NUL.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, state: RequestState, site: StaticSite, target: RequestTarget, normalized: NormalizedPath): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendErrorPage(res, 405, state, { Allow: 'GET, HEAD' });
  if (!normalized.ok) {
    state.error = `static path refused: ${normalized.reason}`;
    return sendErrorPage(res, normalized.reason === 'escapes-root' ? 403 : 400, state);
  }
  if (ENCODED_SLASH.test(target.rawPath) || !normalized.path.startsWith(site.prefix)) {
    state.error = 'static path refused: leaves the static location';
    return sendErrorPage(res, 403, state);
  }
  const lookup = await resolveStaticFile(site.root, normalized.path.slice(site.prefix.length));
  if (lookup.kind === 'refused') {
    state.error = `static path refused: ${lookup.reason}`;
    return sendErrorPage(res, lookup.status, state);
  }
  const lastModified = lookup.mtime.toUTCString();
  const etag = `"${Math.floor(lookup.mtime.getTime() / 1000).toString(16)}-${lookup.size.toString(16)}"`;
  const headers = { 'Content-Type': contentTypeFor(lookup.path), 'Last-Modified': lastModified, ETag: etag };
  if (req.headers['if-none-match'] === etag || (req.headers['if-none-match'] === undefined && req.headers['if-modified-since'] === lastModified)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...headers, 'Content-Length': String(lookup.size) });
    res.end();
    return;
  }
  if (lookup.size <= SMALL_FILE_BYTES) return sendWhole(res, state, lookup.path, headers);
  res.writeHead(200, { ...headers, 'Content-Length': String(lookup.size) });
  const stream = createReadStream(lookup.path, { start: 0, end: lookup.size - 1 });
  stream.on('data', (chunk) => (state.bodyBytes += chunk.length));
  try {
    await pipeline(stream, res);
  } catch (err) {
    state.error = `static file stream: ${(err as Error).message}`;
    res.destroy();
  }
}

async function sendWhole(res: ServerResponse, state: RequestState, file: string, headers: Record<string, string>): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (err) {
    state.error = `static file read: ${(err as Error).message}`;
    return sendErrorPage(res, 404, state);
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
  state.bodyBytes += body.length;
  res.end(body);
}
