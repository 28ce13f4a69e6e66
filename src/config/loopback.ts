import { isIP } from 'node:net';
import { z } from 'zod';
import { issueCode } from './parse-config.js';

/** The one wording for a host that is not on this machine. */
export const NOT_LOOPBACK = 'must be a loopback address (127.0.0.0/8, ::1 or localhost)';

/**
 * True for the addresses caplab may bind to or send load to: 127.0.0.0/8,
 * ::1 (also bracketed, or IPv4-mapped ::ffff:127.x) and `localhost`.
 * Every role and the load generator check hosts with this one function.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && /^::ffff:127\./i.test(host);
}

/** A host field that must be loopback; `parseConfig` turns a refusal into E_NOT_LOOPBACK by the issue's code. */
export const loopbackHostField = z.string().refine(isLoopbackHost, { message: NOT_LOOPBACK, params: issueCode('E_NOT_LOOPBACK') });
