"""
caplab's WSGI wrapper: loads the user's WSGI callable and adds the timing
headers caplab reads from every app it serves, whatever the server
(uWSGI, gunicorn) and whatever the framework.

The app is named by the environment, which caplab sets (and nothing else):

  CAPLAB_WSGI_APP         "module:callable" (e.g. "mysite.wsgi:application")
  CAPLAB_WSGI_CHDIR       directory to chdir into; also put first on sys.path
  CAPLAB_WSGI_PYTHONPATH  extra directories for sys.path, os.pathsep-separated

Servers load `caplab_wsgi:application`. `python3 caplab_wsgi.py --check`
loads the app the same way and, if it cannot, prints one line naming the
problem and the path tried, and exits 2 (caplab runs this before any load).
`python3 caplab_wsgi.py --serve HOST:PORT [--nothreading]` serves it with
Django's development server, the server behind `runserver`.

Headers added to every response (errors included):

  X-Caplab-Worker      uwsgi.worker_id() under uWSGI, else the process id
  X-Caplab-Queue-Ms    app start (this wrapper's call) minus X-Request-Start,
                       wall ms, 3 decimals, clamped at 0; absent without a
                       usable X-Request-Start (a server tells the app nothing
                       about when it accepted the connection)
  X-Caplab-Service-Ms  wall ms from this wrapper's call to the app's
                       start_response: the time before the headers leave,
                       which is all of it for apps that build their body
                       first (Django, Flask); a streamed body's later chunks
                       are not counted

X-Request-Start is `t=<microseconds>` (caplab's proxy) or nginx's
`t=${msec}` (seconds); milliseconds are accepted too, told apart by
magnitude: the rules of src/app/parse-request-start.ts.
"""
import importlib
import os
import re
import sys
import time

try:  # only importable inside a uWSGI worker
    import uwsgi  # type: ignore
except ImportError:
    uwsgi = None

_T_VALUE = re.compile(r"\s*(?:t=)?(\d+(?:\.\d+)?)\s*", re.ASCII)
_SPEC = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*", re.ASCII)


class LoadError(Exception):
    """The app cannot be loaded; the message is one line."""


def parse_request_start(header):
    """Seconds since the epoch from an X-Request-Start value, or None."""
    if not header:
        return None
    match = _T_VALUE.fullmatch(header)
    if not match:
        return None
    value = float(match.group(1))
    if value <= 0:
        return None
    if value >= 1e14:  # microseconds
        return value / 1e6
    if value >= 1e11:  # milliseconds
        return value / 1e3
    return value  # seconds, nginx's $msec


def worker_id():
    if uwsgi is not None:
        return str(uwsgi.worker_id())
    return str(os.getpid())


def _one_line(err):
    text = " ".join(str(err).split())
    return "%s: %s" % (type(err).__name__, text) if text else type(err).__name__


def load_app(spec, chdir, pythonpath):
    """The callable named by `spec`, after chdir and sys.path set-up; raises LoadError."""
    if not _SPEC.fullmatch(spec or ""):
        raise LoadError("%r is not module:callable" % spec)
    if chdir:
        if not os.path.isdir(chdir):
            raise LoadError("chdir %s is not a directory" % chdir)
        os.chdir(chdir)
    for entry in reversed([p for p in (pythonpath or "").split(os.pathsep) if p]):
        if not os.path.isdir(entry):
            raise LoadError("pythonpath %s is not a directory" % entry)
        sys.path.insert(0, entry)
    if chdir:
        sys.path.insert(0, chdir)
    module_name, attr = spec.split(":")
    tried = ", ".join(p for p in ([chdir] if chdir else []) + [p for p in (pythonpath or "").split(os.pathsep) if p]) or os.getcwd()
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name and module_name.startswith(err.name) and (module_name == err.name or module_name.startswith(err.name + ".")):
            raise LoadError("no module %s (looked in %s)" % (err.name, tried))
        raise LoadError("importing %s failed (from %s): %s" % (module_name, tried, _one_line(err)))
    except BaseException as err:  # noqa: B902 - any import-time failure, SystemExit included
        raise LoadError("importing %s failed (from %s): %s" % (module_name, tried, _one_line(err)))
    app = getattr(module, attr, None)
    if app is None:
        raise LoadError("module %s (%s) has no %s" % (module_name, getattr(module, "__file__", "?"), attr))
    if not callable(app):
        raise LoadError("%s in %s is not callable" % (attr, getattr(module, "__file__", module_name)))
    return app


def wrap(app):
    """`app` with caplab's timing headers added to every response."""

    def caplab_timing(environ, start_response):
        app_start = time.time()
        started = time.perf_counter()
        environ["caplab.app_start"] = app_start

        def timed_start_response(status, headers, exc_info=None):
            service_ms = (time.perf_counter() - started) * 1000.0
            headers = [h for h in headers if not h[0].lower().startswith("x-caplab-")]
            headers.append(("X-Caplab-Worker", worker_id()))
            request_start = parse_request_start(environ.get("HTTP_X_REQUEST_START"))
            if request_start is not None:
                headers.append(("X-Caplab-Queue-Ms", "%.3f" % max(0.0, (app_start - request_start) * 1000.0)))
            headers.append(("X-Caplab-Service-Ms", "%.3f" % service_ms))
            if exc_info is None:
                return start_response(status, headers)
            return start_response(status, headers, exc_info)

        return app(environ, timed_start_response)

    return caplab_timing


def _from_env():
    return (
        os.environ.get("CAPLAB_WSGI_APP", ""),
        os.environ.get("CAPLAB_WSGI_CHDIR", ""),
        os.environ.get("CAPLAB_WSGI_PYTHONPATH", ""),
    )


def serve(address, threading):
    """
    Serves the wrapped app with Django's development server, the server
    `runserver` runs (django.core.servers.basehttp.run: wsgiref with
    ThreadingMixIn, request_queue_size 10), without Django's settings, so a
    user's WSGI app runs under it unchanged. `threading` False is
    runserver's --nothreading.
    """
    from django.core.servers.basehttp import run

    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    app = wrap(load_app(*_from_env()))
    run(host, int(port), app, ipv6=":" in host, threading=threading)


USAGE = "usage: caplab_wsgi.py --check | --serve HOST:PORT [--nothreading]\n"

if __name__ == "__main__":
    args = sys.argv[1:]
    if args == ["--check"]:
        try:
            load_app(*_from_env())
        except LoadError as err:
            sys.stderr.write("%s\n" % err)
            sys.exit(2)
        sys.exit(0)
    if len(args) in (2, 3) and args[0] == "--serve" and args[2:] in ([], ["--nothreading"]):
        try:
            serve(args[1], threading=args[2:] == [])
        except LoadError as err:
            sys.stderr.write("%s\n" % err)
            sys.exit(2)
        sys.exit(0)
    sys.stderr.write(USAGE)
    sys.exit(2)
else:
    try:
        application = wrap(load_app(*_from_env()))
    except LoadError as err:
        raise RuntimeError("caplab --wsgi %s: %s" % (os.environ.get("CAPLAB_WSGI_APP", ""), err)) from None
