"""The sample app's routes; anything else is a plain-text 404."""
from django.urls import path, re_path

from . import views

urlpatterns = [
    path("hello", views.hello),
    path("sleep", views.sleep),
    path("cpu", views.cpu),
    path("io", views.io),
    re_path(r"^status/(?P<code>.*)$", views.status),  # any rest, as the embedded app: bad codes are 400s
    path("bytes", views.byte_count),
    path("crash", views.crash),
]

handler400 = views.bad_request
handler404 = views.not_found
handler500 = views.server_error
