import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendErrorPage } from './error-page.js';
import type { OpenFileCache } from './open-file-cache.js';
import type { NormalizedPath, RequestTarget } from '../routing/index.js';
import type { RequestState } from './request-state.js';
import { utf8FileName } from './utf8-file-name.js';

const ENCODED_SLASH = /%(?:2f|5c)/i;

/** Where static files come from. */
export interface StaticSite {
  /** Real path (symlinks resolved) of the static directory. */
  readonly root: string;
  /** URL prefix served from `root`, e.g. '/static/'. */
  readonly prefix: string;
  /** The files of `root`, cached (`createOpenFileCache`). */
  readonly files: OpenFileCache;
}

/**
 * Serves a static request from `site` without ever touching the upstream:
 * GET and HEAD only (405 otherwise, like nginx), Content-Type by extension,
 * Content-Length, Last-Modified and an nginx-style ETag, 304 for a matching
 * If-None-Match or If-Modified-Since. Refused with 403: encoded slashes or
 * backslashes, paths that leave the prefix once normalised ('..',
 * '%2e%2e'), symlinks out of the directory, directories; 404 for missing
 * files and names that are not UTF-8; 400 for a bad %-escape or a NUL.
 * The decoded path names a file by its UTF-8 bytes, as nginx does. Files
 * come from the site's open-file cache: a small file is answered from
 * memory with one write.
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
  const name = utf8FileName(normalized.path.slice(site.prefix.length));
  if (name === null) {
    state.error = 'static path refused: file name is not UTF-8';
    return sendErrorPage(res, 404, state);
  }
  const file = site.files.lookup(name);
  if (file.kind === 'refused') {
    state.error = `static path refused: ${file.reason}`;
    return sendErrorPage(res, file.status, state);
  }
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch === file.etag || (ifNoneMatch === undefined && req.headers['if-modified-since'] === file.lastModified)) {
    res.writeHead(304, file.headers as string[]);
    res.end();
    return;
  }
  res.writeHead(200, file.okHeaders as string[]);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (file.body !== null) {
    state.bodyBytes += file.body.length;
    res.end(file.body);
    return;
  }
  const stream = createReadStream(file.path, { start: 0, end: file.size - 1 });
  let sent = 0;
  stream.on('data', (chunk) => {
    sent += chunk.length;
    state.bodyBytes += chunk.length;
  });
  try {
    await pipeline(stream, res, { end: false });
    // The file shrank after its size was sent as Content-Length: the client
    // would wait forever for the rest, so close the connection, as nginx does
    // ("file was truncated"). The response is not ended first: once it is,
    // Node detaches the socket and destroy() no longer reaches it.
    if (sent < file.size) {
      state.error = `static file stream: ${file.path} was truncated (${sent} of ${file.size} bytes)`;
      res.destroy();
    } else {
      res.end();
    }
  } catch (err) {
    state.error = `static file stream: ${(err as Error).message}`;
    res.destroy();
  }
}
