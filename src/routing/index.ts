/**
 * Where a request goes, decided once for every part of the lab: the request
 * target as nginx parses it (`$request_uri`, `$args`, the normalised `$uri`)
 * and the rule for "does this request reach the pool" that the proxy routes
 * by and the planner, run trace, predictions and scale warning count by.
 * The rest of caplab imports it only through this module.
 */
export { splitRequestTarget, normalizePath, type RequestTarget, type NormalizedPath } from './request-target.js';
export { isStaticLocation, reachesPool, type StaticSiteChoice } from './static-location.js';
