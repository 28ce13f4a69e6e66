"""
WSGI entry point: uWSGI loads `application` once in its master (with
`--module caplab_site.wsgi:application`) and forks its workers after.

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


def application(environ, start_response):
    environ["caplab.app_start"] = time.time()
    return _django(environ, start_response)
