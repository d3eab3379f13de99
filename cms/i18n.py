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
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_supported_language_variant, override
from django.utils.translation.trans_real import get_language_from_path, parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import User


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
    response = HttpResponseRedirect(translate_path(next_path, language))
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


def alternates(request) -> list[dict]:
    """Each language's URL of the page being shown, or [] when the page has one URL only."""
    links = [
        {"code": code, "url": translate_path(request.path, code)} for code, _n in settings.LANGUAGES
    ]
    if len({link["url"] for link in links}) < len(links):
        return []
    return links
