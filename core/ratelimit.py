"""Per-client rate limits for public verification, counted in the Django cache.

Counting is django-ratelimit's (fixed windows with per-key jitter, atomic ``incr`` in Redis when
REDIS_URL is set); this module decides *who* the client is and *what* a refusal looks like: HTTP
429 with a ``Retry-After`` header, JSON for API callers, a short page for people.

Apply it to a view (``from core.ratelimit import ratelimit``)::

    @ratelimit("verify-page", rate_setting="RATELIMIT_VERIFY_PAGE")
    def verify_detail(request, code): ...

Rates are read from settings at request time, so a test can lower them with the ``settings``
fixture. ``RATELIMIT_ENABLE = False`` turns every limit off.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django_ratelimit.core import get_usage

from core.http import no_store

logger = logging.getLogger(__name__)

__all__ = ["RateLimitResult", "client_ip", "hit", "ratelimit", "too_many_requests"]

RATE_LIMITED_MESSAGE = "Too many requests. Try again in {seconds} seconds."


@dataclass(frozen=True, slots=True)
class RateLimitResult:
    limited: bool
    retry_after: int = 0
    count: int = 0
    limit: int = 0


ALLOWED = RateLimitResult(limited=False)


def client_ip(request: HttpRequest) -> str:
    """The client's address as the limit key: IPv6 clients are grouped by /64 (one household
    or host usually owns a whole /64), IPv4 by address.

    Behind ``RATELIMIT_PROXY_COUNT`` trusted proxies, the address is the one the outermost
    trusted proxy saw, taken from the right of X-Forwarded-For (the left part is whatever the
    client chose to send).
    """
    raw = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "RATELIMIT_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            raw = forwarded[-min(proxies, len(forwarded))]
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def hit(
    request: HttpRequest, *, scope: str, rate: str | None, key: str | None = None
) -> RateLimitResult:
    """Count one request of ``scope`` for ``key`` (default: the client's IP) and say whether
    it is over ``rate``. Never raises: a cache outage lets the request through (logged)."""
    if not rate:
        return ALLOWED
    value = key or f"ip:{client_ip(request)}"
    try:
        usage = get_usage(
            request, group=scope, key=lambda _group, _request: value, rate=rate, increment=True
        )
    except Exception:
        logger.warning(
            "rate limit check for %s failed; letting the request through", scope, exc_info=True
        )
        return ALLOWED
    if usage is None:  # limits disabled, or the cache failed and RATELIMIT_FAIL_OPEN is on
        return ALLOWED
    if not usage["should_limit"]:
        return RateLimitResult(limited=False, count=usage["count"], limit=usage["limit"])
    # time_left is -1 when the cache failed closed; a minute is a safe hint then.
    retry_after = usage["time_left"] if usage["time_left"] > 0 else 60
    return RateLimitResult(
        limited=True,
        retry_after=max(1, int(retry_after)),
        count=usage["count"],
        limit=usage["limit"],
    )


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def too_many_requests(request: HttpRequest, result: RateLimitResult) -> HttpResponse:
    message = RATE_LIMITED_MESSAGE.format(seconds=result.retry_after)
    if _wants_json(request):
        response: HttpResponse = JsonResponse(
            {"message": message, "detail": message, "retry_after": result.retry_after},
            status=429,
        )
    else:
        response = HttpResponse(
            render_to_string(
                "verification/rate_limited.html",
                {"retry_after": result.retry_after},
                request=request,
            ),
            status=429,
        )
    response["Retry-After"] = str(result.retry_after)
    no_store(response)
    # A flood would otherwise write one django.request warning (with its URL) per request.
    response._has_been_logged = True
    return response


def ratelimit(
    scope: str,
    *,
    rate_setting: str = "RATELIMIT_VERIFY_PAGE",
    methods: tuple[str, ...] | None = None,
) -> Callable:
    """View decorator: at most ``settings.<rate_setting>`` requests per client IP in ``scope``;
    past it, 429 with Retry-After. ``methods`` limits counting to those HTTP methods."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                result = hit(request, scope=scope, rate=getattr(settings, rate_setting, None))
                if result.limited:
                    return too_many_requests(request, result)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
