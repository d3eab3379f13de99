"""One shape for the small POST actions on a person's own things (remove a roster entry,
revoke a key or a link, switch a webhook endpoint on, replay a delivery): POST only, the
service finds the object among the person's own (someone else's is a 404, the same as one that
does not exist), a message says what happened, and a redirect shows it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.log import log_response

T = TypeVar("T")


def post_action(
    request,
    *,
    act: Callable[[], T],
    missing: type[Exception],
    success: str,
    then: str | Callable[[T], HttpResponse],
    refused: Callable[[], HttpResponse] | None = None,
) -> HttpResponse:
    """Run ``act`` (a service call scoped to ``request.user``) for a POST.

    ``missing``: the exception the service raises when the object is not the person's own (a
    404). ``then``: a URL name to redirect to, or a function of the service's result that
    answers. ``refused``: when given, a ValidationError from the service is shown as an error
    message and this answers instead (without it, the service is not expected to refuse)."""
    if request.method != "POST":
        response = HttpResponseNotAllowed(["POST"])
        log_response(
            "Method Not Allowed (%s): %s",
            request.method,
            request.path,
            response=response,
            request=request,
        )
        return response
    try:
        result = act()
    except missing as error:
        raise Http404 from error
    except ValidationError as error:
        if refused is None:
            raise
        messages.error(request, " ".join(error.messages))
        return refused()
    messages.success(request, success)
    return then(result) if callable(then) else redirect(then)
