import { isLoopbackHost } from '../config/index.js';
import { CaplabError } from '../errors.js';
import { assertLoopback } from '../load/index.js';

/**
 * Checks a Locust target (`--host` of an export, or where workers send):
 * plain HTTP on a loopback address, as for caplab's own engine, unless
 * `allowRemote` (`--allow-remote`) lets load go elsewhere. Throws
 * E_NOT_LOOPBACK or E_USAGE; returns the URL's origin.
 */
export function checkLocustTarget(url: string, allowRemote: boolean): string {
  if (!allowRemote) return assertLoopback(url).origin;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (err) {
    throw new CaplabError('E_USAGE', `not a URL: ${JSON.stringify(url)}`, { cause: err });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CaplabError('E_USAGE', `a Locust target is http:// or https://, got ${url}`);
  return parsed.origin;
}

/**
 * Checks the address the Locust master binds: loopback unless
 * `allowRemote`, since any other address lets other machines' workers in.
 * Throws E_NOT_LOOPBACK.
 */
export function checkMasterBind(host: string, allowRemote: boolean): string {
  if (!allowRemote && !isLoopbackHost(host)) {
    throw new CaplabError('E_NOT_LOOPBACK', `refusing to bind the Locust master to ${host}: not a loopback address`, {
      hint: 'add --allow-remote to let workers on other machines connect',
    });
  }
  return host;
}
