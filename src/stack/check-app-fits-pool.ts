import { caplabError } from '../errors.js';
import type { PoolKind } from './types.js';

/** What decides which app a stack serves. */
export interface AppChoice {
  readonly pool: PoolKind;
  /** 'sample' or the path of a JavaScript app module (`--app`, `stack.app`). */
  readonly app: string;
  /** `module:callable` of a WSGI app (`--wsgi`, `stack.wsgi.app`), if any. */
  readonly wsgi?: string | undefined;
}

/**
 * Throws E_USAGE (exit 2, one line) when the app cannot run on the pool,
 * rather than serving another app in its place: a JavaScript app
 * (`--app`) runs on the embedded pool only, a WSGI app (`--wsgi`) on a
 * Python pool only (uWSGI, gunicorn or runserver). The sample app runs on every pool (as caplab's Django
 * project on the Python ones).
 */
export function assertAppFitsPool(choice: AppChoice): void {
  if (choice.pool === 'embedded' && choice.wsgi !== undefined) {
    throw caplabError('E_USAGE', `--wsgi ${choice.wsgi} needs a Python pool (--pool uwsgi, gunicorn or runserver); the embedded pool runs JavaScript apps (--app)`);
  }
  if (choice.pool !== 'embedded' && choice.app !== 'sample') {
    throw caplabError('E_USAGE', `--app ${choice.app} is a JavaScript app, for the embedded pool only; --pool ${choice.pool} runs WSGI apps (--wsgi module:callable)`);
  }
}
