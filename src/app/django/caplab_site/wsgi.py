"""
WSGI entry point: uWSGI loads `application` once in its master (with
`--module caplab_site.wsgi:application`) and forks its workers after.

Before the fork, the master serves one request to /hello itself: Django
imports its URLconf, views and middleware lazily on the first request, and
doing it here means every forked worker starts warm instead of paying
~100 ms+ on its first request (a cost the time scale would magnify).

`application` stamps the moment the server hands it a request
(environ["caplab.app_start"], epoch seconds) before Django runs: that is
"app start" for X-Caplab-Queue-Ms. Django's own per-request set-up, slow on
each worker's first request (lazy imports after the fork), therefore counts
as neither queue nor service time.
"""
import os
import time

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caplab_site.settings")

_django = get_wsgi_application()


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
    body = _django(environ, lambda status, headers, exc_info=None: None)
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()


_warm_up()


def application(environ, start_response):
    environ["caplab.app_start"] = time.time()
    return _django(environ, start_response)
