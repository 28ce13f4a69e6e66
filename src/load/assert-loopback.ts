import net from 'node:net';
import { CaplabError } from '../errors.js';

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) return host === '::1' || /^::ffff:127\./i.test(host);
  return false;
}

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
