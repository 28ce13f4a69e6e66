"""
WSGI entry point: uWSGI loads `application` once in its master (with
`--module caplab_site.wsgi:application`) and forks its workers after.

Before the fork, the master serves one request to /hello itself: Django
imports its URLconf, views and middleware lazily on the first request, and
doing it here means every forked worker starts warm instead of paying
~100 ms+ on its first request (a cost the time scale would magnify).

caplab serves it like any user's app: through its WSGI wrapper
(src/app/wsgi/caplab_wsgi.py, `caplab_site.wsgi:application` with chdir
src/app/django), which adds the timing headers.
"""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caplab_site.settings")

application = get_wsgi_application()


def _warm_up():
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/hello",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": __import__("io").BytesIO(b""),
        "wsgi.errors": __import__("sys").stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    body = application(environ, lambda status, headers, exc_info=None: None)
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()


_warm_up()

