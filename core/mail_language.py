"""The language a person's e-mail is written in: their account's preferred language (chosen with
the site's language switcher, or the language they signed up in), else the site's default.

Every place that renders an e-mail renders it inside ``in_language_of(...)``, so its subject,
body, dates and numbers follow the recipient, not whoever or whatever triggered it (a worker has
no request, and a reviewer deciding in English may be writing to a Spanish reader).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation


def language_of(person=None, *, email: str | None = None) -> str:
    """``person``'s language; with only an ``email``, that of the account with that address."""
    if person is not None:
        choice = getattr(person, "preferred_language", "") or ""
    elif email:
        choice = (
            get_user_model()
            .objects.filter(email__iexact=email)
            .values_list("preferred_language", flat=True)
            .first()
            or ""
        )
    else:
        choice = ""
    return choice if choice in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def in_language_of(person=None, *, email: str | None = None):
    """A context manager: translations, dates and numbers in the recipient's language."""
    return translation.override(language_of(person, email=email))
