"""
Settings of caplab's sample Django project: no database, no sessions, no
auth, no admin, no middleware: caplab's WSGI wrapper (src/app/wsgi/caplab_wsgi.py)
adds the timing headers, as it does for any app. It exists to be served by Debian's uWSGI so
the lab's numbers can be checked against the software people deploy.

CAPLAB_TIME_SCALE (a positive float, default 1) multiplies every sleep and
CPU burn the views perform; it is read once, here.
"""
import math
import os

SECRET_KEY = "caplab-sample-app-not-secret"  # a lab app on loopback; nothing is signed
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = []
MIDDLEWARE = []
ROOT_URLCONF = "caplab_site.urls"
# runserver serves settings.WSGI_APPLICATION; caplab points it at its WSGI
# wrapper (CAPLAB_DJANGO_WSGI_APPLICATION) so runserver's responses carry the
# timing headers too. uWSGI and gunicorn load the wrapper directly.
WSGI_APPLICATION = os.environ.get("CAPLAB_DJANGO_WSGI_APPLICATION", "caplab_site.wsgi.application")

DATABASES = {}
TEMPLATES = []
USE_I18N = False
USE_TZ = True

# Errors in views are reported to stderr, which the keeper tails when uWSGI fails.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["stderr"], "level": "ERROR"}},
}


def _time_scale(raw):
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not math.isfinite(value) or value <= 0:
        raise ValueError("CAPLAB_TIME_SCALE must be a positive number, got %r" % raw)
    return value


CAPLAB_TIME_SCALE = _time_scale(os.environ.get("CAPLAB_TIME_SCALE", "1"))
