"""How large a request body may be, decided from its Content-Length before anything reads it.

Django reads a form's body the first time someone asks for ``request.POST`` — usually the CSRF
check, before the view runs — and spools file parts to disk as they arrive. A view's own size
check therefore comes after a 50 MB upload has already been received and written out. Here the
limit is checked in the middleware's ``process_view``, ahead of CsrfViewMiddleware: an
oversized request is answered 413 at once and its body never read. (Under WSGI the body is the
declared Content-Length and no more, so the header cannot understate it.)

A view declares its limit with ``@body_limit(max_bytes)``; every other view gets
``settings.MAX_REQUEST_BODY`` (the largest upload the admin accepts).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.http import no_store

# Room for the multipart boundaries and the form's other fields around the file itself.
FORM_SLACK = 256 * 1024
TOO_LARGE = "The upload is too large: at most %(limit)s."


def body_limit(max_bytes: int) -> Callable:
    """View decorator: a request whose body declares more than ``max_bytes`` plus the form's
    slack is refused with 413 before it is read. Put it nearest the view: decorators built with
    ``functools.wraps`` (login_required, require_POST, …) carry the limit outwards."""

    def decorator(view: Callable) -> Callable:
        view.max_request_body = max_bytes + FORM_SLACK
        view.max_upload_bytes = max_bytes
        return view

    return decorator


def declared_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def request_too_large(request: HttpRequest, *, limit: int) -> HttpResponse:
    message = _(TOO_LARGE) % {"limit": filesizeformat(limit)}
    accept = request.headers.get("Accept", "")
    if request.path.startswith("/api/") or ("json" in accept and "html" not in accept):
        response: HttpResponse = JsonResponse({"message": message, "detail": message}, status=413)
    else:
        response = HttpResponse(
            render_to_string(
                "request_too_large.html",
                {"message": message, "back": request.path},
                request=request,
            ),
            status=413,
        )
    # The client may still be sending: say the connection ends here, and never cache it.
    response["Connection"] = "close"
    return no_store(response)


class RequestBodyLimitMiddleware:
    """Before CsrfViewMiddleware in MIDDLEWARE: process_view runs in that order."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = getattr(view_func, "max_request_body", None) or settings.MAX_REQUEST_BODY
        if declared_length(request) > limit:
            shown = getattr(view_func, "max_upload_bytes", limit)
            return request_too_large(request, limit=shown)
        return None
