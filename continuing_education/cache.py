"""Each program version's CE rules, read from the cache until an administrator changes them.

The rules (CERules with its category minimums, mode caps and CE courses, and the categories'
names and order) are the same for every holder of a version and change only when someone edits
them, yet the dashboard, the CE page and the renewal service read them on every request (four
queries a version). They are cached per version under the CE_RULES generation (core/
generations.py): any save or delete of CERules, CECategoryMinimum, CEModeCap, CECourse,
CECategory or ProgramVersion moves it on, so the next read after an edit builds afresh and
nothing older is read again. ProgramVersion is in the list because entries are keyed by its id: a new
version (or one deleted, its rules with it) must never meet rules cached for another.

Only the rules are cached, never anything of a holder's: CE records, certificates, renewal
applications and lapses are read per request on top (selectors.dashboard_ce).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from core import generations

CE_RULES = "ce-rules"
generations.register(CE_RULES)
TIMEOUT = generations.TIMEOUT

# What a version has no rules for: cached too, so a version without CE costs no query either.
_NONE = "none"
_MISSING = object()


def generation() -> int:
    return generations.values(CE_RULES)[0]


def bump() -> None:
    """Every CE rules entry cached so far is out of date."""
    generations.bump(CE_RULES)


def _changed(sender, **kwargs) -> None:
    bump()


def rules_for_versions(version_ids, build: Callable[[list[int]], dict]) -> dict:
    """version id → its CERules (or None), from the cache; ``build`` reads the versions that
    were not there, all at once, and returns the same mapping for them."""
    wanted = sorted(set(version_ids))
    if not wanted:
        return {}
    if generations.unsettled(CE_RULES):
        return dict(build(wanted))
    names = {pk: generations.key(CE_RULES, (CE_RULES,), pk) for pk in wanted}
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
        if not generations.unsettled(CE_RULES):
            cache.set_many(
                {names[pk]: _NONE if built.get(pk) is None else built[pk] for pk in missing},
                TIMEOUT,
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


__all__ = ["CE_RULES", "bump", "connect", "generation", "rules_for_versions"]
