import { DEFAULTS } from '../config/index.js';
import { normalizePath, splitRequestTarget, type NormalizedPath, type RequestTarget } from './request-target.js';

/** What decides where a request goes: the stack's static directory and the URL prefix it is served under. */
export interface StaticSiteChoice {
  /** The static directory; null or undefined when the stack has none, and the proxy forwards everything. */
  readonly staticDir: string | null | undefined;
  /** URL prefix of the static location; DEFAULTS.staticPrefix when not given. */
  readonly staticPrefix?: string | undefined;
}

/**
 * True when a request belongs to the static location `prefix`: its path as
 * sent, or once normalised, starts with the prefix. Judging the raw path too
 * keeps `/static/../x` inside the static handler, where it is refused,
 * instead of letting a traversal attempt reach the upstream. Only
 * meaningful when the stack has a static directory (see `reachesPool`).
 */
export function isStaticLocation(target: RequestTarget, normalized: NormalizedPath, prefix: string): boolean {
  return target.rawPath.startsWith(prefix) || (normalized.ok && normalized.path.startsWith(prefix));
}

/**
 * The one rule for "does this request reach the pool", as the embedded proxy
 * routes it and nginx's config (render-nginx-conf) mirrors it: false for a
 * request in the static location of a stack that has a static directory
 * (the proxy serves it from disk, or refuses it), and false for a target
 * the proxy answers with 400 itself (not a path, a bad %-escape, a NUL, a
 * '..' above the root); true for everything else. Without a static
 * directory, `/static/...` is forwarded like any other path. `url` is the
 * request target as sent: path and query.
 */
export function reachesPool(url: string, site: StaticSiteChoice): boolean {
  const target = splitRequestTarget(url);
  if (!target) return false;
  const normalized = normalizePath(target.rawPath);
  if (site.staticDir && isStaticLocation(target, normalized, site.staticPrefix ?? DEFAULTS.staticPrefix)) return false;
  return normalized.ok;
}
