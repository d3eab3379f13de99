"""Whether a trainee's home shows their applications (applications.selectors
.has_application_home), cached per person and day until anything it is read from changes.

The answer depends on the person's applications, the courses they are enrolled in, which program
versions are in effect today, the courses those versions require and whether they take
applications. Every save or delete of Application, Enrollment, ProgramVersion, CourseRequirement
or ApplicationPolicy — and every new account, since ids can come back — moves a generation on (at
once and again when the transaction commits), and entries are keyed by it, the person and
today's date (a version comes into effect on a day, with no save), so the dashboard reads the
answer afresh after any change and never another person's.

As for the header's roles (navigation.py), a per-process cache cannot hear another worker's
change: without a shared cache (settings.CURRICULUM_CACHE_SHARED) the answer is read each time.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from applications.selectors import has_application_home

GENERATION_KEY = "application-home:generation"
TIMEOUT = 60 * 60


def _generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def shows_applications(user) -> bool:
    """has_application_home, from the cache when it is shared: no query when cached."""
    if not settings.CURRICULUM_CACHE_SHARED or not user.is_authenticated:
        return has_application_home(user)
    name = f"application-home:{_generation()}:{timezone.localdate().isoformat()}:{user.pk}"
    cached = cache.get(name)
    if cached is None:
        cached = has_application_home(user)
        cache.set(name, cached, TIMEOUT)
    return cached


def _changed(sender, **kwargs) -> None:
    bump()
    transaction.on_commit(bump)


def _account_created(sender, *, created: bool = False, **kwargs) -> None:
    if created:
        _changed(sender)


def connect() -> None:
    from accounts.models import User
    from applications.models import Application, ApplicationPolicy
    from certificates.models import CourseRequirement, ProgramVersion
    from courses.models import Enrollment

    for model in (Application, Enrollment, ProgramVersion, CourseRequirement, ApplicationPolicy):
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"application-home-s-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"application-home-d-{label}")
    post_save.connect(_account_created, sender=User, dispatch_uid="application-home-user")
