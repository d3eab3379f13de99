"""/api/v1/: the verification API (verification/api.py), included by cms.urls at the site root."""

from django.http import JsonResponse
from django.urls import path, re_path

from .api import api

API_NOT_FOUND = "No such API endpoint."


def _api_not_found(request, rest=""):
    return JsonResponse({"message": API_NOT_FOUND, "detail": API_NOT_FOUND}, status=404)


urlpatterns = [
    path("api/v1/", api.urls),
    # Anything else under /api/v1/ answers in JSON too, not with the site's HTML 404 page.
    # (?s): a path with a newline in it must not slip through to the HTML pages either.
    re_path(r"^api/v1/(?P<rest>(?s:.*))\Z", _api_not_found),
]
