import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { caplabError } from '../../errors.js';
import { REAL_PACKAGES, REAL_PROGRAMS } from './programs.js';

/** Which real programs this machine has; `missing` lists the Debian packages to install. */
export interface RealPrograms {
  readonly nginx: boolean;
  readonly uwsgi: boolean;
  readonly django: boolean;
  readonly gunicorn: boolean;
  readonly missing: readonly string[];
}

/** A real role: nginx (proxy), uwsgi or gunicorn (pool), django (app). */
export type RealRole = 'nginx' | 'uwsgi' | 'gunicorn' | 'django';

function usable(path: string, mode = constants.R_OK): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** Each role's check returns the packages it lacks (empty = present). */
const CHECKS: Readonly<Record<RealRole, () => string[]>> = {
  nginx: () =>
    usable(REAL_PROGRAMS.nginx, constants.X_OK) && usable(REAL_PROGRAMS.nginxUwsgiParams) ? [] : [REAL_PACKAGES.nginx],
  uwsgi: () => [
    ...(usable(REAL_PROGRAMS.uwsgi, constants.X_OK) ? [] : [REAL_PACKAGES.uwsgi]),
    ...(usable(REAL_PROGRAMS.uwsgiPython3Plugin) ? [] : [REAL_PACKAGES.uwsgiPython3]),
  ],
  gunicorn: () => (usable(REAL_PROGRAMS.gunicorn, constants.X_OK) ? [] : [REAL_PACKAGES.gunicorn]),
  django: () => {
    const probe = usable(REAL_PROGRAMS.python3, constants.X_OK)
      ? spawnSync(REAL_PROGRAMS.python3, ['-c', 'import django, sys; sys.exit(0 if django.VERSION[:2] >= (3, 2) else 1)'], {
          stdio: 'ignore',
          timeout: 10_000,
          env: { PATH: '/usr/bin:/bin' },
        })
      : undefined;
    return probe?.status === 0 ? [] : [REAL_PACKAGES.django];
  },
};

/**
 * Looks for Debian's nginx (with its uwsgi_params), uWSGI with the python3
 * plugin, gunicorn, and Django 3.2+ importable by /usr/bin/python3. Synchronous; the
 * Django check runs python once (about 0.1 s).
 */
export function checkRealPrograms(): RealPrograms {
  const nginx = CHECKS.nginx();
  const uwsgi = CHECKS.uwsgi();
  const django = CHECKS.django();
  const gunicorn = CHECKS.gunicorn();
  return {
    nginx: nginx.length === 0,
    uwsgi: uwsgi.length === 0,
    django: django.length === 0,
    gunicorn: gunicorn.length === 0,
    missing: [...nginx, ...uwsgi, ...django, ...gunicorn],
  };
}

/** Throws E_REAL_MISSING (exit 2), naming the packages to install, if any of `roles` is missing. */
export function requireRealPrograms(roles: readonly RealRole[]): void {
  const absent = roles.filter((role) => CHECKS[role]().length > 0);
  if (absent.length === 0) return;
  const missing = absent.flatMap((role) => CHECKS[role]());
  throw caplabError('E_REAL_MISSING', `the real ${absent.join(' and ')} ${absent.length > 1 ? 'are' : 'is'} not installed (missing: ${missing.join(', ')})`, {
    hint: `apt-get install ${missing.join(' ')}`,
  });
}
