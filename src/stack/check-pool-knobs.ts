import { caplabError, type CaplabError } from '../errors.js';
import type { PoolKind, StackConfig } from './types.js';

/** E_POOL_OPTION: `what` cannot be done by the pool `kind`, and `why`. */
export function poolOptionError(kind: PoolKind, what: string, why: string): CaplabError {
  return caplabError('E_POOL_OPTION', `the ${kind} pool cannot take ${what}: ${why}`);
}

/**
 * Refuses, before anything starts, a uWSGI knob the chosen pool cannot
 * honour, rather than silently ignoring it: gunicorn has no reload-on-rss;
 * runserver has no workers to thread, recycle or reload. (caplab's pool and
 * uWSGI take them all; gunicorn takes threads as gthread workers and
 * max-requests.)
 */
export function checkPoolKnobs(config: StackConfig, kind: PoolKind): void {
  if (kind === 'gunicorn' && config.reloadOnRssMb !== undefined) {
    throw poolOptionError('gunicorn', `reload-on-rss (${config.reloadOnRssMb} MiB)`, 'gunicorn has no such setting (only max_requests)');
  }
  if (kind === 'runserver') {
    if ((config.threads ?? 1) > 1) throw poolOptionError('runserver', `threads (${config.threads})`, 'it runs one thread per connection already, or one at a time with --nothreading');
    if ((config.maxRequests ?? 0) > 0) throw poolOptionError('runserver', `max-requests (${config.maxRequests})`, 'it has no workers to recycle');
    if (config.reloadOnRssMb !== undefined) throw poolOptionError('runserver', `reload-on-rss (${config.reloadOnRssMb} MiB)`, 'it has no workers to recycle');
  }
}
