"""Published pages cached per content generation.

Published content changes only when someone publishes, unpublishes, moves or deletes a page (or
changes a site, a view restriction, an image or a document). Each of those bumps the "content"
generation (core/generations.py), and every cached piece of a page — its route, whether it has
view restrictions, its course, a course's modules and lessons, a lesson's rendered body — is keyed
by it, so the first request after a change computes afresh and nothing older is ever read again.

Every key that depends on the language is keyed by it: a route by the active language (the
same path can lead to a page of either locale's tree), a lesson body by its page (each
translation is a page of its own) and language, a course as one language's readers see it by
that language (courses/translation.py). A publish in either language bumps the generation.

Only what is the same for everyone is cached here; a trainee's enrolment, completions, attempts
and locks are cached per person under their own generation (courses/selectors.py), which every
write to them bumps (courses/receivers.py), so no cache can show one person's state to another.

Where the counter lives (the shared cache, or the database when each worker has its own cache)
is core/generations.py's business: either way a publish in one worker is seen by every other
at its next request.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import generations

CONTENT = "content"
TIMEOUT = generations.TIMEOUT

generations.register(CONTENT)

_MISSING = object()


def generation() -> str:
    """The current content generation (read once per request)."""
    return str(generations.values(CONTENT)[0])


def bump() -> None:
    """Everything cached so far is out of date."""
    generations.bump(CONTENT)


def _changed(**kwargs) -> None:
    bump()


def _changed_if_content(sender, **kwargs) -> None:
    if issubclass(sender, Page | Site | PageViewRestriction | Locale) or sender._meta.label in (
        get_image_model_string(),
        get_document_model_string(),
    ):
        _changed()


def connect() -> None:
    page_published.connect(_changed, dispatch_uid="curriculum-published")
    page_unpublished.connect(_changed, dispatch_uid="curriculum-unpublished")
    post_page_move.connect(_changed, dispatch_uid="curriculum-moved")
    post_save.connect(_changed_if_content, dispatch_uid="curriculum-saved")
    post_delete.connect(_changed_if_content, dispatch_uid="curriculum-deleted")


def key(kind: str, *parts) -> str:
    return generations.key(f"curriculum:{kind}", (CONTENT,), *parts)


def get_or_build(kind: str, parts: tuple, build):
    """The cached value for (kind, parts) in this generation, built and stored on a miss."""
    return generations.cached(f"curriculum:{kind}", (CONTENT,), parts, build)


# --- routing: the site and the page a URL leads to --------------------------------------------


def site_key(host: str, port) -> str:
    """Where the site found for a host and port is cached, in this generation."""
    return key("site", host, port)


def route_key(request) -> str:
    # Host and path are what the visitor sent: hashed, so a key is short and has no spaces or
    # control characters whatever they typed.
    asked = f"{request._get_raw_host()}|{request.get_port()}|{request.path_info}"
    digest = hashlib.sha256(asked.encode("utf-8", "surrogateescape")).hexdigest()
    return key("route", get_language() or "", digest)


def _cacheable_route(result) -> bool:
    """A page found by Wagtail's plain walk (no arguments, no routing of its own): the same
    for every request to this URL until the content changes."""
    if result is None:
        return False
    page, args, kwargs = result
    return not args and not kwargs and type(page).route is Page.route


class RouteCacheMiddleware:
    """Hands Wagtail the site and the route it found for this URL last time (it keeps both on
    the request: `_wagtail_site`, `_wagtail_route_for_request`); after a miss the route is
    remembered by `remember_route`. Every request still passes the page's own checks in
    `serve` (enrolment, locks) and Wagtail's view restrictions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The signed-in person's generation is read with the content's, in one query when the
        # counters are in the database (core/generations.py); the session is read here, not
        # the account.
        person = request.session.get(SESSION_KEY)
        if person:
            generations.expect(generations.user_name(person))
        site_name = site_key(request._get_raw_host(), request.get_port())
        site = cache.get(site_name, _MISSING) if not generations.unsettled(CONTENT) else _MISSING
        if site is not _MISSING:
            request._wagtail_site = site
        if request.method in ("GET", "HEAD"):
            route_name = route_key(request)
            hit = None if generations.unsettled(CONTENT) else cache.get(route_name)
            if hit is not None:
                request._wagtail_route_for_request = hit
            else:
                # remember_route stores what Wagtail finds, before the page is served.
                request._curriculum_route_key = route_name
        response = self.get_response(request)
        if (
            site is _MISSING
            and hasattr(request, "_wagtail_site")
            and not generations.unsettled(CONTENT)
        ):
            cache.set(site_name, request._wagtail_site, TIMEOUT)
        return response


def remember_route(page, request, serve_args, serve_kwargs) -> None:
    """Wagtail's before_serve_page hook (courses/wagtail_hooks.py): the route just found, stored
    as it is now — before serving could attach anything of this request or person to it."""
    name = getattr(request, "_curriculum_route_key", None)
    result = getattr(request, "_wagtail_route_for_request", None)
    if (
        name
        and _cacheable_route(result)
        and result[0] is page
        and not generations.unsettled(CONTENT)
    ):
        cache.set(name, result, TIMEOUT)


class CachedPrivacyMixin:
    """Wagtail checks view restrictions on the page and every ancestor for each request (two
    queries). Most pages have none: that answer is cached per generation, and only a page that
    has some reads them."""

    def get_view_restrictions(self):
        restricted = get_or_build(
            "restricted",
            (self.pk,),
            lambda: super(CachedPrivacyMixin, self).get_view_restrictions().exists(),
        )
        if not restricted:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


__all__ = [
    "CachedPrivacyMixin",
    "RouteCacheMiddleware",
    "bump",
    "remember_route",
    "connect",
    "generation",
    "get_or_build",
]
