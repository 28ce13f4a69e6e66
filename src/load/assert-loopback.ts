import { isLoopbackHost } from '../config/index.js';
import { CaplabError } from '../errors.js';

/**
 * Parses a target's base URL and checks that it is plain HTTP on a loopback
 * address (127.0.0.0/8, ::1 or localhost): caplab never sends load
 * anywhere else. Throws E_NOT_LOOPBACK (or E_USAGE for a malformed URL).
 */
export function assertLoopback(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (err) {
    throw new CaplabError('E_USAGE', `not a URL: ${JSON.stringify(baseUrl)}`, { cause: err });
  }
  if (url.protocol !== 'http:') throw new CaplabError('E_USAGE', `caplab sends plain HTTP only, got ${url.protocol} in ${baseUrl}`);
  if (!isLoopbackHost(url.hostname)) {
    throw new CaplabError('E_NOT_LOOPBACK', `refusing to send load to ${url.host}: not a loopback address`);
  }
  return url;
}
