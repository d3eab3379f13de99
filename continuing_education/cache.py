"""Each program version's CE rules, read from the cache until an administrator changes them.

The rules (CERules with its category minimums, mode caps and CE courses, and the categories'
names and order) are the same for every holder of a version and change only when someone edits
them, yet the dashboard, the CE page and the renewal service read them on every request (four
queries a version). They are cached per version under a *generation*: any save or delete of
CERules, CECategoryMinimum, CEModeCap, CECourse, CECategory or ProgramVersion moves it on, at
once and again when the transaction commits (a request between the two would otherwise store
the old rows under the new number), so the next read after an edit builds afresh and nothing
older is read again. ProgramVersion is in the list because entries are keyed by its id: a new
version (or one deleted, its rules with it) must never meet rules cached for another.

Only the rules are cached, never anything of a holder's: CE records, certificates, renewal
applications and lapses are read per request on top (selectors.dashboard_ce).

A per-process cache (the local-memory default with several workers) cannot hear another
worker's change, so there, as for the header's roles (cms/navigation.py), the rules are read
from the database on each request (settings.CURRICULUM_CACHE_SHARED says which case holds).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "ce-rules:generation"
# Long enough to matter; an entry nobody bumped away still leaves memory in the end.
TIMEOUT = 60 * 60

# What a version has no rules for: cached too, so a version without CE costs no query either.
_NONE = "none"
_MISSING = object()


def shared() -> bool:
    return getattr(settings, "CURRICULUM_CACHE_SHARED", False)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A fresh (or emptied, or evicted) cache starts from the clock: never a number an entry
        # still in the cache was stored under.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def bump() -> None:
    """Every CE rules entry cached so far is out of date."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (yet, or any more): a new starting point
        cache.set(GENERATION_KEY, time.time_ns(), None)


def _changed(sender, **kwargs) -> None:
    bump()
    transaction.on_commit(bump)


def rules_for_versions(version_ids, build: Callable[[list[int]], dict]) -> dict:
    """version id → its CERules (or None), from the cache; ``build`` reads the versions that
    were not there, all at once, and returns the same mapping for them."""
    wanted = sorted(set(version_ids))
    if not wanted:
        return {}
    if not shared():
        return {pk: value for pk, value in build(wanted).items()}
    gen = generation()
    names = {pk: f"ce-rules:{gen}:{pk}" for pk in wanted}
    found = cache.get_many(list(names.values()))
    result = {}
    missing = []
    for pk, name in names.items():
        value = found.get(name, _MISSING)
        if value is _MISSING:
            missing.append(pk)
        else:
            result[pk] = None if value == _NONE else value
    if missing:
        built = build(missing)
        cache.set_many(
            {names[pk]: _NONE if built.get(pk) is None else built[pk] for pk in missing}, TIMEOUT
        )
        result.update({pk: built.get(pk) for pk in missing})
    return result


def connect() -> None:
    from certificates.models import ProgramVersion

    from .models import CECategory, CECategoryMinimum, CECourse, CEModeCap, CERules

    for model in (CERules, CECategoryMinimum, CEModeCap, CECourse, CECategory, ProgramVersion):
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"ce-rules-saved-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"ce-rules-deleted-{label}")


__all__ = ["bump", "connect", "generation", "rules_for_versions", "shared"]
