import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { caplabError } from '../../errors.js';
import { djangoProjectDir, wsgiWrapperDir } from './django-project-dir.js';
import { REAL_PROGRAMS } from './programs.js';

/** A WSGI app a Python pool serves: `module:callable`, found from `chdir` and `pythonpath` (absolute). */
export interface WsgiApp {
  /** `module:callable`, e.g. `mysite.wsgi:application`. */
  readonly app: string;
  /** Directory the app runs in, first on sys.path; null = none. */
  readonly chdir: string | null;
  /** Extra sys.path directories, in order. */
  readonly pythonpath: readonly string[];
}

/** caplab's sample app in its Django form: one WSGI app like any other. */
export function sampleWsgiApp(): WsgiApp {
  return { app: 'caplab_site.wsgi:application', chdir: djangoProjectDir(), pythonpath: [] };
}

/** What servers load: caplab's wrapper (src/app/wsgi/caplab_wsgi.py), which loads the app and adds the timing headers. */
export const WRAPPER_CALLABLE = 'caplab_wsgi:application';

/**
 * The whole environment a Python pool runs with, the app's included.
 * Nothing is inherited: PYTHONHOME or PYTHONPATH from a pyenv or venv shell
 * would point Debian's python at another installation's modules.
 * PYTHONDONTWRITEBYTECODE keeps __pycache__ out of the package's src/app.
 * No DJANGO_SETTINGS_MODULE: a Django app's wsgi.py sets its own.
 */
export function pythonPoolEnv(timeScale: number, app: WsgiApp): Record<string, string> {
  return {
    PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
    CAPLAB_TIME_SCALE: String(timeScale),
    PYTHONDONTWRITEBYTECODE: '1',
    CAPLAB_WSGI_APP: app.app,
    ...(app.chdir !== null ? { CAPLAB_WSGI_CHDIR: app.chdir } : {}),
    ...(app.pythonpath.length > 0 ? { CAPLAB_WSGI_PYTHONPATH: app.pythonpath.join(path.delimiter) } : {}),
  };
}

/** How long the import check may take (the app's imports, Django's set-up). */
const CHECK_TIMEOUT_MS = 30_000;

/**
 * Loads `app` once with Debian's python3 and the pool's environment,
 * before any server starts: a missing module or callable, an import error
 * or a wrong path is E_WSGI_APP (exit 2), one line naming the problem and
 * the path tried (caplab_wsgi.py's --check).
 */
export function checkWsgiApp(app: WsgiApp, timeScale: number): void {
  const run = spawnSync(REAL_PROGRAMS.python3, [path.join(wsgiWrapperDir(), 'caplab_wsgi.py'), '--check'], {
    env: pythonPoolEnv(timeScale, app),
    cwd: wsgiWrapperDir(),
    encoding: 'utf8',
    timeout: CHECK_TIMEOUT_MS,
  });
  if (run.status === 0) return;
  const lines = (run.stderr ?? '').trim().split('\n').filter((l) => l.trim() !== '');
  const why = run.error
    ? run.error.message
    : run.status === null
      ? `loading it took more than ${CHECK_TIMEOUT_MS / 1000} s`
      : (lines[lines.length - 1] ?? `python3 exited ${run.status}`);
  throw caplabError('E_WSGI_APP', `--wsgi ${app.app}: ${why}`);
}
