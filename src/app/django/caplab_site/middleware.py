"""
The timing headers caplab reads from every app it serves:

  X-Caplab-Worker      uwsgi.worker_id() under uWSGI, else the process id
  X-Caplab-Queue-Ms    app start (environ["caplab.app_start"], stamped by
                       wsgi.py, else this middleware's start) minus
                       X-Request-Start, wall ms, 3 decimals, clamped at 0;
                       absent when the request has no usable X-Request-Start
  X-Caplab-Service-Ms  wall ms spent in this middleware and the view

X-Request-Start arrives as `t=<microseconds>` (caplab's proxy) or as nginx's
`t=${msec}`, seconds with a millisecond fraction; `parse_request_start`
tells them apart by magnitude (milliseconds, as some APM agents send, are
accepted too), the `t=` being optional: the same rules as the embedded
app's parseRequestStart (src/app/parse-request-start.ts).

Unlike the embedded pool, uWSGI tells the app nothing about when it
accepted the connection, so without X-Request-Start (a request straight to
uWSGI, not through nginx) there is no queue figure and the header is left
out rather than guessed.
"""
import os
import re
import time

try:  # only importable inside a uWSGI worker
    import uwsgi  # type: ignore
except ImportError:  # pragma: no cover - plain python / Django test client
    uwsgi = None

_T_VALUE = re.compile(r"\s*(?:t=)?(\d+(?:\.\d+)?)\s*", re.ASCII)


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
    if value >= 1e14:  # microseconds (1e14 us is 1973)
        return value / 1e6
    if value >= 1e11:  # milliseconds (1e11 ms is 1973)
        return value / 1e3
    return value  # seconds, nginx's $msec


def worker_id():
    if uwsgi is not None:
        return str(uwsgi.worker_id())
    return str(os.getpid())


class CaplabTimingMiddleware:
    """Adds the X-Caplab-* headers to every response, errors included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        app_start = request.META.get("caplab.app_start", time.time())
        response = self.get_response(request)
        service_ms = (time.perf_counter() - started) * 1000.0
        response["X-Caplab-Worker"] = worker_id()
        request_start = parse_request_start(request.META.get("HTTP_X_REQUEST_START"))
        if request_start is not None:
            queue_ms = max(0.0, (app_start - request_start) * 1000.0)
            response["X-Caplab-Queue-Ms"] = "%.3f" % queue_ms
        response["X-Caplab-Service-Ms"] = "%.3f" % service_ms
        return response
