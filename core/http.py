"""Response headers that several apps set the same way.

Pages built for a signed-in person need nothing from here: ``cms.middleware`` marks every such
response ``no-store, private``. These helpers are for what a visitor without an account opens
and nothing may keep a copy of — a certificate's live status, a page opened by a secret link,
a refusal to retry later.
"""

from __future__ import annotations

from django.http import HttpResponseBase


def no_store(
    response: HttpResponseBase, *, private: bool = False, noindex: bool = False
) -> HttpResponseBase:
    """No cache may store ``response``: the next request must see a revocation.

    ``private``: the answer is for the one visitor who asked (a secret link's page), so a shared
    cache must not even hold it briefly. ``noindex``: keep it out of search engines — such
    pages are for the person holding the paper or the link, not for browsing.
    """
    response["Cache-Control"] = "no-store, private" if private else "no-store"
    if noindex:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
