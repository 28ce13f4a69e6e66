/**
 * The request target as nginx reads it: `$request_uri` (path and query as
 * sent), `$args` (the query) and `$uri` (the path percent-decoded, with
 * merged slashes and dot segments resolved, as `ngx_http_parse_complex_uri`
 * does). Strings hold one byte per char (latin1), like Node's `req.url`.
 */

/** A request target split into its parts, nothing decoded. */
export interface RequestTarget {
  /** Path and query as sent (origin-form even when the client sent absolute-form). */
  readonly uri: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  /** Everything after the first '?', without it ('' when absent). */
  readonly query: string;
}

/** The outcome of normalising a path; a failure is a 400 (or a refused static path). */
export type NormalizedPath =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly reason: 'bad-encoding' | 'nul-byte' | 'escapes-root' };

const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * Splits `url` (Node's `req.url`) into its parts. Absolute-form targets
 * (`http://host/p?q`) keep only the path and query. Returns null for
 * targets that are not a path at all ('*', 'foo'), which get a 400.
 */
export function splitRequestTarget(url: string): RequestTarget | null {
  let uri = url;
  const absolute = ABSOLUTE_FORM.exec(uri);
  if (absolute) uri = uri.slice(absolute[0].length) || '/';
  if (!uri.startsWith('/')) return null;
  const q = uri.indexOf('?');
  return q === -1 ? { uri, rawPath: uri, query: '' } : { uri, rawPath: uri.slice(0, q), query: uri.slice(q + 1) };
}

/**
 * Decodes `%XX` escapes (a '%' not followed by two hex digits is an
 * error; a decoded NUL is refused), then merges repeated slashes and
 * resolves '.' and '..' segments, including ones that were encoded
 * (`%2e%2e`) or joined by encoded slashes (`..%2f`). A '..' above the root
 * fails with 'escapes-root'. A trailing slash is kept.
 */
export function normalizePath(rawPath: string): NormalizedPath {
  let decoded = '';
  for (let i = 0; i < rawPath.length; i++) {
    const ch = rawPath.charCodeAt(i);
    if (ch === 0) return { ok: false, reason: 'nul-byte' };
    if (ch !== 0x25) {
      decoded += rawPath[i];
      continue;
    }
    const hex = rawPath.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { ok: false, reason: 'bad-encoding' };
    const byte = parseInt(hex, 16);
    if (byte === 0) return { ok: false, reason: 'nul-byte' };
    decoded += String.fromCharCode(byte);
    i += 2;
  }
  const segments = decoded.split('/');
  const out: string[] = [];
  for (const segment of segments.slice(1)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return { ok: false, reason: 'escapes-root' };
      out.pop();
      continue;
    }
    out.push(segment);
  }
  const last = segments[segments.length - 1];
  const trailingSlash = segments.length > 1 && (last === '' || last === '.' || last === '..');
  const path = `/${out.join('/')}${trailingSlash && out.length > 0 ? '/' : ''}`;
  return { ok: true, path };
}
