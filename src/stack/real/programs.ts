/**
 * Where Debian's packages put the real programs. caplab runs these exact
 * paths, never whatever `nginx`, `uwsgi` or `python3` is first on PATH (a
 * pyenv or venv python would not be the one uWSGI's python3 plugin embeds).
 */
export const REAL_PROGRAMS = Object.freeze({
  nginx: '/usr/sbin/nginx',
  nginxUwsgiParams: '/etc/nginx/uwsgi_params',
  nginxMimeTypes: '/etc/nginx/mime.types',
  uwsgi: '/usr/bin/uwsgi',
  uwsgiPython3Plugin: '/usr/lib/uwsgi/plugins/python3_plugin.so',
  python3: '/usr/bin/python3',
  gunicorn: '/usr/bin/gunicorn',
});

/** The Debian package that provides each real role. */
export const REAL_PACKAGES = Object.freeze({
  nginx: 'nginx-light',
  uwsgi: 'uwsgi-core',
  uwsgiPython3: 'uwsgi-plugin-python3',
  django: 'python3-django',
  gunicorn: 'gunicorn',
});
