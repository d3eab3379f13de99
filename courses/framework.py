"""Framework data in the reader's language: training domains and competencies (and the other
short lists boards name, such as training topics and CE categories).

These are data, not interface strings, so they are not in the gettext catalogue: staff edit the
English and the Spanish side by side in the admin (a ``<field>_es`` column next to each
translated field) and a reader sees their language's text, or the English where no translation
has been entered. Two languages and a few short fields per row: a column each is what the admin
form, the database and the tests read most plainly. Wagtail's ``TranslatableMixin`` would make
each translation a row of its own, and every foreign key (questions, module hours, requirements,
supervision entries…) and every chooser would then have to pick the English row out of two.

Some pages carry a domain's English *name* rather than the row (a certificate's hours by domain
are a snapshot of names; exam profiles and hour totals are keyed by name): ``domain_label``
turns such a name into the reader's language from a small cached map, without a query while
the map is cached.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

# Language code → suffix of the column holding that language's text. English is the field itself.
TRANSLATED_LANGUAGES = ("es",)

# Bounds how long another worker with its own (per-process) cache shows an edited name.
NAMES_TIMEOUT = 300


def reader_language() -> str:
    """The active language's base code (``es`` for ``es-us``), English when none is active."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0].lower()


def localized(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>`` in ``language`` (default: the reader's): its ``<field>_<language>``
    column when that holds text, else the English."""
    language = language or reader_language()
    if language in TRANSLATED_LANGUAGES:
        text = (getattr(obj, f"{field}_{language}", "") or "").strip()
        if text:
            return text
    return getattr(obj, field)


class TranslatedNames:
    """English name → the reader's language, for one model with a ``name`` and ``name_<code>``
    columns, from a map cached across requests (a handful of rows) and forgotten whenever one
    of them is saved or deleted (the model's save() and delete() call ``forget``)."""

    def __init__(self, key: str, rows):
        self.key = key
        self.rows = rows  # () → the model's queryset; called only when the map is built

    def by_language(self) -> dict[str, dict[str, str]]:
        names = cache.get(self.key)
        if names is None:
            columns = [f"name_{code}" for code in TRANSLATED_LANGUAGES]
            names = {}
            for row in self.rows().values("name", *columns):
                names[row["name"]] = {
                    code: row[f"name_{code}"].strip()
                    for code in TRANSLATED_LANGUAGES
                    if row[f"name_{code}"].strip()
                }
            cache.set(self.key, names, NAMES_TIMEOUT)
        return names

    def forget(self) -> None:
        cache.delete(self.key)

    def label(self, name, language: str | None = None) -> str:
        """``name`` in ``language`` (default: the reader's). A name that is no row's (since
        renamed, an empty cell) is returned as it is."""
        name = "" if name is None else str(name)
        language = language or reader_language()
        if language not in TRANSLATED_LANGUAGES or not name:
            return name
        return self.by_language().get(name, {}).get(language) or name


def _domains():
    from .models import TrainingDomain

    return TrainingDomain.objects.all()


DOMAIN_NAMES = TranslatedNames("courses:framework:domain-names:v1", _domains)


def forget_domain_names() -> None:
    DOMAIN_NAMES.forget()


def domain_label(name, language: str | None = None) -> str:
    """A training domain's English name in ``language`` (default: the reader's)."""
    return DOMAIN_NAMES.label(name, language)
