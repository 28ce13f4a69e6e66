import path from 'node:path';
import { REAL_PROGRAMS } from './programs.js';

/** What `runserverArgs` needs: the pool options with the port and project resolved. */
export interface RunserverArgsInput {
  readonly host: string;
  readonly port: number;
  readonly projectDir: string;
  /** false = `--nothreading`: one request at a time, the rest wait in the backlog. */
  readonly threading: boolean;
}

/**
 * The backlog of runserver's listening socket: Django's WSGIServer sets
 * `request_queue_size = 10` (django/core/servers/basehttp.py) and offers no
 * option to change it, so caplab's `listen` cannot reach it.
 */
export const RUNSERVER_BACKLOG = 10;

/**
 * The command line of Django's development server running caplab's Django
 * project: `python3 -m django runserver` is what `django-admin runserver`
 * runs, here on Debian's python3.
 *   --noreload     no autoreloader: otherwise runserver re-executes itself in
 *                  a child process that the keeper would see as a second program
 *   --nothreading  when `threading` is false: a single-threaded server
 *   --pythonpath, --settings  the project, without a manage.py
 * IPv6 hosts need `--ipv6` and a bracketed address.
 */
export function runserverArgs(input: RunserverArgsInput): string[] {
  const v6 = input.host.includes(':');
  return [
    '-m', 'django', 'runserver',
    '--noreload',
    ...(input.threading ? [] : ['--nothreading']),
    ...(v6 ? ['--ipv6'] : []),
    '--pythonpath', input.projectDir,
    '--settings', 'caplab_site.settings',
    v6 ? `[${input.host}]:${input.port}` : `${input.host}:${input.port}`,
  ];
}

/** The program the keeper starts for runserver. */
export const RUNSERVER_COMMAND = REAL_PROGRAMS.python3;

/**
 * runserver's whole environment, nothing inherited (as uwsgiEnv): a pyenv or
 * venv PYTHONPATH would shadow Debian's Django. PYTHONUNBUFFERED keeps its
 * stderr lines in order in the log the keeper tails on a failed start.
 * runserver serves the project's WSGI_APPLICATION, which the settings take
 * from CAPLAB_DJANGO_WSGI_APPLICATION: caplab's wrapper (on PYTHONPATH from
 * `wrapperDir`) around the project's own application, so the timing
 * headers come back as under uWSGI and gunicorn.
 */
export function runserverEnv(timeScale: number, wrapperDir: string): Record<string, string> {
  return {
    PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
    PYTHONPATH: wrapperDir,
    CAPLAB_DJANGO_WSGI_APPLICATION: 'caplab_wsgi.application',
    CAPLAB_WSGI_APP: 'caplab_site.wsgi:application',
    CAPLAB_TIME_SCALE: String(timeScale),
    DJANGO_SETTINGS_MODULE: 'caplab_site.settings',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
  };
}

/**
 * The command line that serves a user's WSGI app (`--wsgi`) with the same
 * server runserver uses (Django's basehttp.run: wsgiref, one thread per
 * connection, backlog 10), through caplab's wrapper and without Django's
 * settings: `caplab_wsgi.py --serve host:port [--nothreading]`.
 */
export function wsgiServeArgs(input: Omit<RunserverArgsInput, 'projectDir'> & { readonly wrapperDir: string }): string[] {
  const v6 = input.host.includes(':');
  return [
    path.join(input.wrapperDir, 'caplab_wsgi.py'),
    '--serve',
    v6 ? `[${input.host}]:${input.port}` : `${input.host}:${input.port}`,
    ...(input.threading ? [] : ['--nothreading']),
  ];
}
