"""The site in English and Spanish: which language a visitor reads, and switching it.

Site pages are served by ``i18n_patterns(prefix_default_language=False)`` in cms/urls.py:
English at the URLs they always had, Spanish under ``/es/``. Files and machine endpoints (the
admin, the API, /issuer/, /.well-known/, /healthz, a certificate's PDF and credential files) have
one URL only, outside the language prefix.

- First visit: an unprefixed page asked for with no language cookie by a browser whose first
  supported ``Accept-Language`` is Spanish is redirected to its ``/es/`` twin
  (:class:`FirstVisitLanguageMiddleware`). Once the visitor has chosen (the switcher sets the
  cookie), their choice wins.
- The switcher (templates/base.html) posts to :func:`set_language`, which sets the cookie (as
  Django's own view does) and sends the visitor to the same page in the other language, and for
  a signed-in person also stores the choice on the account, which their e-mails follow.
- Wagtail pages (WAGTAIL_I18N_ENABLED): each locale has its own tree, the English one at the
  root and the Spanish one (a translation of the home page) under ``/es/``. The same page in
  the other language is its translation (same ``translation_key``), and :func:`serve_page`
  keeps every /es/ link that worked before the Spanish tree existed: a path the Spanish tree
  lacks is looked up in the English one, and leads to that page's Spanish translation when it
  has one, or shows the English page in the Spanish interface when it has none (a module not
  translated yet, a quiz).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_supported_language_variant, override
from django.utils.translation.trans_real import get_language_from_path, parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from accounts.models import User
from courses.translation import cached_url, translations_of, url_in_language


def browser_language(request) -> str | None:
    """The first language of the request's Accept-Language header that the site offers."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            return None
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def default_language() -> str:
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def translate_path(path: str, language: str) -> str:
    """The same page's path in ``language`` (unchanged when the page has one URL only).

    Django's translate_url resolves the path in the *active* language, and with the default
    language unprefixed, "/es/…" resolved in English falls through to Wagtail's catch-all; so
    resolve it in the language its own prefix names.
    """
    with override(get_language_from_path(path) or default_language()):
        return translate_url(path, language)


class FirstVisitLanguageMiddleware:
    """Honour Accept-Language on a first visit to an unprefixed site page (after LocaleMiddleware).

    Only GET and HEAD, only without a language cookie, only when the page has a twin in the
    browser's language (files, the admin and the API have none, so they are never redirected).
    The query string goes along; nothing is stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and not get_language_from_path(request.path_info)
        ):
            wanted = browser_language(request)
            if wanted and wanted != default_language():
                target = translate_path(request.path, wanted)
                if target != request.path:
                    query = request.META.get("QUERY_STRING", "")
                    response = HttpResponseRedirect(f"{target}?{query}" if query else target)
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        return self.get_response(request)


# No CSRF token: the switcher is on every page, cached public pages included (a token in a page
# shared by every visitor would be someone else's). A cross-site post can at most set the
# language cookie: the session cookie is SameSite=Lax, so such a post is never signed in and
# cannot touch an account's preference.
@csrf_exempt
@require_POST
def set_language(request):
    """The visitor's choice: the language cookie (as Django's set_language sets it), the same
    page (``next``, a path on this site) in the chosen language, and for a signed-in person the
    account's preferred language, which their e-mails, reminders and digests use."""
    language = request.POST.get("language", "")
    next_path = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_path, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not next_path.startswith("/"):
        next_path = "/"
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_path)
    response = HttpResponseRedirect(
        page_translation_path(request, next_path, language) or translate_path(next_path, language)
    )
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    if request.user.is_authenticated:
        User.objects.filter(pk=request.user.pk).update(preferred_language=language)
    return response


def _default_tree_route(request, path: str):
    """Wagtail's route for ``path`` from the site's own (default-language) home page."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    try:
        return site.root_page.specific.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


def serve_page(request, path):
    """Wagtail's page view, with the /es/ links of English pages kept working (module
    docstring). Old English-slug links land on the translation; the rest is Wagtail's."""
    route = Page.route_for_request(request, path)
    if route is None and (request.LANGUAGE_CODE or default_language()) != default_language():
        route = _default_tree_route(request, path)
        if route is not None:
            page, args, kwargs = route
            translation = translations_of(page).get(request.LANGUAGE_CODE)
            if translation is not None and translation.pk != page.pk and not args:
                return HttpResponseRedirect(translation.url)
            request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)


def page_translation_path(request, path: str, language: str) -> str | None:
    """For the path of a Wagtail page, the same page in ``language``: its translation, or the
    page itself under that language's prefix. None for any other path."""
    from django.urls import Resolver404, resolve

    shown_in = get_language_from_path(path) or default_language()
    with override(shown_in):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name != "wagtail_serve":
            return None
        page_path = match.args[0] if match.args else match.kwargs.get("path", "")
        site = Site.find_for_request(request)
        if site is None:
            return None
        try:
            route = site.root_page.localized.specific.route(
                request, [part for part in page_path.split("/") if part]
            )
        except Http404:
            route = None
        if route is None and shown_in != default_language():
            route = _default_tree_route(request, page_path)
    if route is None:
        return None
    page = route[0]
    target = translations_of(page).get(language)
    with override(language):
        url = target.url if target is not None else url_in_language(page, request=request)
    return url or None


def _page_alternates(request, page) -> list[dict]:
    """A Wagtail page's URL in each language: its translation's where it has one, else its own
    URL under that language's prefix (read in that language's interface)."""
    found = translations_of(page)
    links = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            target = found.get(code)
            url = target.url if target is not None else url_in_language(page, request=request)
        if url:
            links.append({"code": code, "url": url})
    return links


def alternates(request, page=None) -> list[dict]:
    """Each language's URL of the page being shown, or [] when the page has one URL only."""
    if isinstance(page, Page) and page.pk and not getattr(request, "is_preview", False):
        # The same for every reader of this page on this host until the content changes.
        links = cached_url("alternates", page, request, lambda: _page_alternates(request, page))
    else:
        links = [
            {"code": code, "url": translate_path(request.path, code)}
            for code, _n in settings.LANGUAGES
        ]
    if len({link["url"] for link in links}) < len(links):
        return []
    return links
