"""Included at the site root, before certificates.public_urls: its ``verify/<str:code>/`` would
otherwise take ``verify/pdf/`` for a code."""

from django.urls import path, re_path

from . import views
from .api import api


def _api_not_found(request, rest=""):
    from django.http import JsonResponse

    message = "No such API endpoint."
    return JsonResponse({"message": message, "detail": message}, status=404)


urlpatterns = [
    path("verify/pdf/", views.verify_pdf, name="verify_pdf_upload"),
    path("api/v1/", api.urls),
    # Anything else under /api/v1/ answers in JSON too, not with the site's HTML 404 page.
    # (?s): a path with a newline in it must not slip through to the HTML pages either.
    re_path(r"^api/v1/(?P<rest>(?s:.*))\Z", _api_not_found),
]
