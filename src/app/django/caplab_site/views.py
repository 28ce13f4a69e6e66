"""
The sample app's views, the same routes and behaviour as caplab's embedded
sample app:

  /hello          "Hello, world!"
  /sleep?ms=N     blocks the worker for N x CAPLAB_TIME_SCALE ms (time.sleep)
  /cpu?ms=N       burns N x CAPLAB_TIME_SCALE ms of this thread's CPU time
                  (a busy loop): N wall ms alone on a core, longer when the
                  core or the GIL is shared (runserver's threads)
  /io?ms=N        waits N x CAPLAB_TIME_SCALE ms; a sync worker blocks either way
  /status/CODE    an empty-bodied response with status CODE (200-599)
  /bytes?n=N      N bytes of "x"
  /crash          the worker process exits mid-request (os._exit(1))

A missing or malformed query value gives a one-line 400; any other path
gives 404. Bodies and messages are the embedded sample app's
(src/app/sample-app.ts, src/app/query-values.ts) byte for byte.
"""
import json
import os
import re
import time

from django.conf import settings
from django.http import HttpResponse

MAX_MS = 3_600_000
MAX_BYTES = 64 * 1024 * 1024
_DECIMAL = re.compile(r"\d+(\.\d+)?", re.ASCII)
_INTEGER = re.compile(r"\d+", re.ASCII)


class BadValue(Exception):
    """A query value the route cannot use; becomes a 400."""


def _quote(raw):
    """The bad value as the embedded app quotes it (JSON.stringify, cut at 40)."""
    if raw is None:
        return "nothing"
    return json.dumps(raw[:40] + "\u2026" if len(raw) > 40 else raw, ensure_ascii=False)


def _first(request, name):
    """The first value of a query key (as URLSearchParams.get), or None."""
    values = request.GET.getlist(name)
    return values[0] if values else None


def _text(body, status=200):
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")


def _ms(request):
    raw = _first(request, "ms")
    if raw is None or not _DECIMAL.fullmatch(raw) or float(raw) > MAX_MS:
        raise BadValue("ms must be a number of milliseconds from 0 to %d, got %s" % (MAX_MS, _quote(raw)))
    return float(raw) * settings.CAPLAB_TIME_SCALE / 1000.0


def _bad(err):
    return _text("Bad Request: %s\n" % err, status=400)


def hello(request):
    return _text("Hello, world!")


def sleep(request):
    try:
        seconds = _ms(request)
    except BadValue as err:
        return _bad(err)
    time.sleep(seconds)
    return _text("slept %.3f ms\n" % (seconds * 1000))


def io(request):
    try:
        seconds = _ms(request)
    except BadValue as err:
        return _bad(err)
    time.sleep(seconds)
    return _text("waited %.3f ms\n" % (seconds * 1000))


def cpu(request):
    try:
        seconds = _ms(request)
    except BadValue as err:
        return _bad(err)
    # CPU time, not wall time: threads waiting for the GIL must not count
    # their wait as work done, or processor sharing would not show.
    end = time.thread_time() + seconds
    spins = 0
    while time.thread_time() < end:
        spins += 1
    return _text("burned %.3f ms (%d spins)\n" % (seconds * 1000, spins))


def status(request, code):
    if not _INTEGER.fullmatch(code) or not 200 <= int(code) <= 599:
        return _bad("CODE must be an HTTP status from 200 to 599, got %s" % _quote(code))
    return HttpResponse(b"", status=int(code), content_type="text/plain; charset=utf-8")


def byte_count(request):
    raw = _first(request, "n")
    if raw is None or not _INTEGER.fullmatch(raw) or int(raw) > MAX_BYTES:
        return _bad("n must be a whole number of bytes from 0 to %d, got %s" % (MAX_BYTES, _quote(raw)))
    return HttpResponse(b"x" * int(raw), content_type="application/octet-stream")


def crash(request):
    # Ends the worker without a response: uWSGI's master respawns it and
    # nginx answers 502 (upstream closed the connection prematurely).
    os._exit(1)


def bad_request(request, exception=None):
    return _text("Bad Request\n", status=400)


def not_found(request, exception=None):
    return _text("Not Found\n", status=404)


def server_error(request):
    return _text("Internal Server Error\n", status=500)
