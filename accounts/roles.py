"""The people PeerCert knows by role: each role is a Django group with one of these names.

What each role may do is decided where the rule lives (courses/permissions.py grants the authoring
rights, certificates names the supervisors, employers approves the employer tools, evaluations
keeps each evaluator's panel); the names themselves live here, at the bottom of the stack, so
every app spells them the same way.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

if TYPE_CHECKING:
    from accounts.models import User

INSTRUCTORS = "Instructors"
REVIEWERS = "Reviewers"
SUPERVISORS = "Supervisors"
EMPLOYERS = "Employers"
# Skills evaluators observe and score practical evaluations (evaluations/); which courses'
# trainees each one rates is data on the evaluator panel, not a group per course.
EVALUATORS = "Evaluators"
# Board reviewers decide applications for certification and appeals (applications/).
BOARD_REVIEWERS = "Board reviewers"
# Program administrators read the outcome dashboards and funder reports (outcomes/): aggregates
# only, never a person's records.
PROGRAM_ADMINISTRATORS = "Program administrators"
# The ethics committee handles complaints: cases, investigation notes (theirs alone),
# hearings and sanctions (discipline/).
ETHICS_COMMITTEE = "Ethics committee"
ROLES = (
    INSTRUCTORS,
    REVIEWERS,
    SUPERVISORS,
    EMPLOYERS,
    EVALUATORS,
    BOARD_REVIEWERS,
    PROGRAM_ADMINISTRATORS,
    ETHICS_COMMITTEE,
)

# One group per course holds the rights on that course's pages and media; Group.name is at most
# 150 characters, so a long course title is cut.
COURSE_INSTRUCTORS_PREFIX = "Course instructors: "


def course_instructors_group_name(course_title: str) -> str:
    return f"{COURSE_INSTRUCTORS_PREFIX}{course_title}"[:150]


def has_role(user: User, *roles: str) -> bool:
    """Whether the user belongs to any of these role groups (one query)."""
    return user.is_authenticated and user.groups.filter(name__in=roles).exists()


# --- the names of a person's groups, cached ----------------------------------------------------
# The role homes (cms/homes.py) ask which groups someone is in on every dashboard. With a cache
# every worker shares (Redis; settings.CURRICULUM_CACHE_SHARED), the answer is kept there under
# a generation that moves on (at once and when the transaction commits) whenever anyone joins or
# leaves a group, a group is renamed or deleted, or an account is created or deleted (ids can
# come back). A per-process cache cannot hear another worker's change: there the names are read
# once per request. Either way they are kept on the user object for the rest of the request.
GROUPS_GENERATION_KEY = "roles:groups:generation"
GROUPS_TIMEOUT = 60 * 60


def _groups_generation() -> int:
    value = cache.get(GROUPS_GENERATION_KEY)
    if value is None:
        cache.add(GROUPS_GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GROUPS_GENERATION_KEY, 0)
    return value


def _bump_groups() -> None:
    try:
        cache.incr(GROUPS_GENERATION_KEY)
    except ValueError:
        cache.set(GROUPS_GENERATION_KEY, time.time_ns(), None)


def group_names(user: User) -> frozenset[str]:
    """The names of the groups the user is in: no query when cached, one otherwise."""
    if not user.is_authenticated:
        return frozenset()
    names = getattr(user, "_peercert_group_names", None)
    if names is not None:
        return names
    if getattr(settings, "CURRICULUM_CACHE_SHARED", False):
        key = f"roles:groups:{_groups_generation()}:{user.pk}"
        names = cache.get(key)
        if names is None:
            names = frozenset(user.groups.values_list("name", flat=True))
            cache.set(key, names, GROUPS_TIMEOUT)
    else:
        names = frozenset(user.groups.values_list("name", flat=True))
    user._peercert_group_names = names
    return names


def _groups_changed(sender, **kwargs) -> None:
    _bump_groups()
    transaction.on_commit(_bump_groups)


def _account_created(sender, *, created: bool = False, **kwargs) -> None:
    if created:
        _groups_changed(sender)


def connect() -> None:
    from django.contrib.auth.models import Group

    from .models import User

    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="roles-groups")
    post_save.connect(_groups_changed, sender=Group, dispatch_uid="roles-group-saved")
    post_delete.connect(_groups_changed, sender=Group, dispatch_uid="roles-group-deleted")
    post_save.connect(_account_created, sender=User, dispatch_uid="roles-user-created")
    post_delete.connect(_groups_changed, sender=User, dispatch_uid="roles-user-deleted")


__all__ = [
    "BOARD_REVIEWERS",
    "COURSE_INSTRUCTORS_PREFIX",
    "EMPLOYERS",
    "ETHICS_COMMITTEE",
    "EVALUATORS",
    "INSTRUCTORS",
    "PROGRAM_ADMINISTRATORS",
    "REVIEWERS",
    "ROLES",
    "SUPERVISORS",
    "course_instructors_group_name",
    "group_names",
    "has_role",
]
