"""The curriculum in several languages: which page a reader sees, and which page counts.

Pages are translated with Wagtail's own tools (``copy_for_translation``, the admin's
"Translate" action from wagtail.contrib.simple_translation): a translation is a page of its own
in another locale's tree (/es/…), sharing its source's ``translation_key``.

**Progress is kept on the source pages** — the pages in the default locale (English), of which
every other page is a translation. Enrolments, lesson completions, "where you left off", quiz
attempts, certificate requirements and CE hours all point at the English course and lessons,
whichever language the trainee read them in, so completing a lesson in Spanish completes it in
English and the reverse, and the apps above (assessments, certificates, CE, outcomes) never
learn that translations exist. Keying by ``translation_key`` instead would mean a second key
beside every page foreign key in every app; the source page *is* that key, one join away.

A reader's view of a course is the source course's structure (its live modules and lessons,
in order) with each page replaced by its live translation in the reader's language where there
is one, and left in English where there is none (a module not yet translated), so the outline,
gating, hours and percentages are the same in every language. What is cached here is the same
for everyone and keyed by the content generation (courses/cache.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Locale, Page

from .cache import get_or_build


def locale_languages() -> dict[int, str]:
    """Locale id → language code (a handful of rows, cached per generation)."""
    return get_or_build(
        "locales", (), lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )


def default_language() -> str:
    return translation.get_supported_language_variant(settings.LANGUAGE_CODE)


def locale_id_for(language: str | None) -> int | None:
    """The locale of a language code (``es``, ``es-us`` …), or None when it has none."""
    if not language:
        return None
    for pk, code in locale_languages().items():
        if code == language or language.split("-")[0] == code:
            return pk
    return None


def default_locale_id() -> int | None:
    return locale_id_for(default_language())


def language_of(page) -> str:
    """The language a page is written in, without a query."""
    return locale_languages().get(page.locale_id, default_language())


def is_source(page) -> bool:
    return page.locale_id == default_locale_id()


def source_of(page):
    """The page progress is recorded on: the default-locale page with ``page``'s translation
    key, of the same class (``page`` itself when it is in the default locale, or when it has no
    source: a page first written in Spanish is its own source)."""
    if is_source(page):
        return page
    model = type(page)
    return get_or_build(
        "source-of",
        (page.pk,),
        lambda: (
            model.objects.filter(
                translation_key=page.translation_key, locale_id=default_locale_id()
            ).first()
            or page
        ),
    )


def translations_of(page) -> dict[str, Page]:
    """Language code → the live page with ``page``'s translation key (``page`` included when
    live), as plain Page rows for their titles and URLs."""
    languages = locale_languages()
    rows = get_or_build(
        "translations",
        (str(page.translation_key),),
        lambda: list(
            Page.objects.filter(translation_key=page.translation_key, live=True).only(
                "id", "locale_id", "translation_key", "title", "url_path", "path", "depth"
            )
        ),
    )
    return {languages[row.locale_id]: row for row in rows if row.locale_id in languages}


def translated_pages(pages, language: str | None) -> dict[int, Page]:
    """Source page pk → its live translation in ``language``, for pages of the default locale
    (a module's quiz, the final exam: the pages an outline or a result names). The translation
    is of the source page's own class; a page without one is left out (shown in English). One
    query per page class the first time in a content generation, none after."""
    locale_id = locale_id_for(language)
    sources = [page for page in pages if page is not None and is_source(page)]
    if locale_id is None or locale_id == default_locale_id() or not sources:
        return {}
    found: dict[int, Page] = {}
    by_model: dict[type, list] = {}
    for page in sources:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        keys = {str(page.translation_key): page.pk for page in group}
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        rows = get_or_build(
            "translated-pages",
            (label, language, _digest(sorted(keys))),
            lambda model=model, keys=keys: list(
                model.objects.live().filter(locale_id=locale_id, translation_key__in=list(keys))
            ),
        )
        for row in rows:
            found[keys[str(row.translation_key)]] = row
    return found


def _digest(values) -> str:
    return hashlib.sha256("|".join(values).encode()).hexdigest()[:32]


def in_language(page, language: str | None):
    """``page`` as a reader of ``language`` sees it: its live translation where it has one,
    else the page itself."""
    if page is None:
        return None
    return translated_pages([page], language).get(page.pk, page)


@dataclass
class CourseView:
    """A course as a reader of one language sees it: the source's structure, each page replaced
    by its live translation where there is one."""

    course: Page
    modules: list
    lessons_by_module: dict[int, list]  # shown module pk → shown lessons, in order
    source_pk: dict[int, int] = field(default_factory=dict)  # shown pk → source pk
    shown_pk: dict[int, int] = field(default_factory=dict)  # source pk → shown pk
    source_modules: dict[int, Page] = field(default_factory=dict)  # shown module pk → source


def course_view(*, source, modules: list, lessons: list, language: str) -> CourseView:
    """The reader's view of ``source`` (a default-locale course) with its live ``modules`` and
    ``lessons`` (courses.selectors.course_skeleton). For the source's own language no query;
    for another, the translations are read once per generation (three queries)."""
    if language_of(source) == language or locale_id_for(language) is None:
        return _view(source, modules, lessons, {})
    return get_or_build(
        "course-view",
        (source.pk, language),
        lambda: _view(
            source, modules, lessons, _live_translations(source, modules, lessons, language)
        ),
    )


def _live_translations(source, modules, lessons, language) -> dict[int, Page]:
    """Source pk → its live translation in ``language``, for the course and its pages."""
    from .models import CoursePage, LessonPage, ModulePage  # the models import this module
    from .selectors import LESSON_FIELDS, MODULE_FIELDS

    locale_id = locale_id_for(language)
    found: dict[int, Page] = {}
    for model, pages, fields in (
        (CoursePage, [source], None),
        (ModulePage, modules, MODULE_FIELDS),
        (LessonPage, lessons, LESSON_FIELDS),
    ):
        if not pages:
            continue
        by_key = {page.translation_key: page.pk for page in pages}
        rows = model.objects.live().filter(locale_id=locale_id, translation_key__in=list(by_key))
        if fields:
            rows = rows.only(*fields)
        for row in rows:
            found[by_key[row.translation_key]] = row
    return found


def _view(source, modules, lessons, translated: dict[int, Page]) -> CourseView:
    def shown(page):
        return translated.get(page.pk, page)

    view = CourseView(course=shown(source), modules=[], lessons_by_module={})
    for page in (source, *modules, *lessons):
        view.source_pk[shown(page).pk] = page.pk
        view.shown_pk[page.pk] = shown(page).pk
    for module in modules:
        display = shown(module)
        if display is not module:
            # Hours are the course's, not the translator's: always the source's.
            display.contact_hours = module.contact_hours
        view.modules.append(display)
        view.source_modules[display.pk] = module
        view.lessons_by_module[display.pk] = [
            shown(lesson) for lesson in lessons if lesson.path.startswith(module.path)
        ]
    return view


def localize_url_parts(page, parts):
    """Wagtail's ``get_url_parts`` of ``page`` for a reader of the active language.

    A page in the reader's language keeps Wagtail's URL. A default-locale (English) page shown
    to a reader of another language (a module not translated yet, the English quiz a Spanish
    module links to) keeps the reader's prefix, /es/<its path>: cms/urls.py serves it there in
    the reader's language, or sends the reader on to its translation once it has one. With
    WAGTAIL_I18N_ENABLED Wagtail would give it its English URL, and a Spanish reader following
    the outline would land in the English site."""
    language = translation.get_language()
    if (
        not parts
        or parts[2] is None
        or not language
        or language == default_language()
        or locale_id_for(language) is None
        or not is_source(page)
    ):
        return parts
    site_id, root_url, page_path = parts
    from django.urls import Resolver404, resolve

    try:
        with translation.override(default_language()):
            match = resolve(page_path)
        if match.url_name != "wagtail_serve":
            return parts
        with translation.override(language):
            localized = reverse("wagtail_serve", args=match.args, kwargs=match.kwargs)
    except (Resolver404, NoReverseMatch):
        return parts
    return site_id, root_url, localized


def cached_url(kind: str, page, request, build):
    """A page's URL (or URL parts) as ``build`` makes it, cached per content generation while
    a request is served: it follows only from the page's own path, the sites (a change to
    either bumps the generation), the active language and the host asked for, all of which
    key it. A lesson links a dozen pages, each costing Wagtail a walk of the site root paths
    and a reverse()."""
    if page.pk is None or not isinstance(request, HttpRequest):
        return build()
    asked = f"{request._get_raw_host()}|{request.get_port()}|{page.url_path}"
    digest = hashlib.sha256(asked.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return get_or_build(kind, (page.pk, translation.get_language() or "", digest), build)


def url_in_language(page, *, request=None) -> str | None:
    """``page``'s URL for a reader of the active language, for any page (the course pages
    do this themselves: courses.models.ReaderLanguageUrlMixin)."""
    return cached_url(
        "url-in-language", page, request, lambda: _url_in_language(page, request=request)
    )


def _url_in_language(page, *, request=None) -> str | None:
    url = page.get_url(request=request)
    if getattr(page, "localizes_own_urls", False):
        return url
    parts = page.get_url_parts(request=request)
    localized = localize_url_parts(page, parts)
    if not url or localized is parts or not parts:
        return url
    return url[: len(url) - len(parts[2])] + localized[2] if url.endswith(parts[2]) else url


__all__ = [
    "CourseView",
    "cached_url",
    "course_view",
    "default_locale_id",
    "in_language",
    "is_source",
    "language_of",
    "localize_url_parts",
    "locale_id_for",
    "locale_languages",
    "source_of",
    "translated_pages",
    "translations_of",
    "url_in_language",
]
