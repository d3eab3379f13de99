"""The site's URLs plus a bare view: the baseline a page's requests/s is compared with.

The bare view passes through the same middleware stack (sessions, auth, CSRF, axes, ...)
and does nothing else.
"""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
