"""Whether a trainee's home shows their applications (applications.selectors
.has_application_home), cached per person and day until anything it is read from changes.

The answer depends on the person's applications, the courses they are enrolled in, which program
versions are in effect today, the courses those versions require and whether they take
applications. It is cached under two generations (core/generations.py): the global PROGRAMS one,
which every save or delete of ProgramVersion, CourseRequirement or ApplicationPolicy moves on,
and the person's own, which their applications and enrolments move on (cms/person_state.py,
with their other per-person state). Entries are keyed by them, the person and today's date (a
version comes into effect on a day, with no save), so the dashboard reads the answer afresh
after any change and never another person's.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from applications.selectors import has_application_home
from core import generations

PROGRAMS = "programs"
generations.register(PROGRAMS)


def shows_applications(user) -> bool:
    """has_application_home, from the cache: no query when cached."""
    if not user.is_authenticated:
        return False
    return generations.cached(
        "application-home",
        (PROGRAMS, generations.user_name(user.pk)),
        (timezone.localdate().isoformat(), user.pk),
        lambda: has_application_home(user),
    )


def _changed(sender, **kwargs) -> None:
    generations.bump(PROGRAMS)


def connect() -> None:
    from applications.models import ApplicationPolicy
    from certificates.models import CourseRequirement, ProgramVersion

    for model in (ProgramVersion, CourseRequirement, ApplicationPolicy):
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"application-home-s-{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"application-home-d-{label}")
