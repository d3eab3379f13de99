"""The people PeerCert knows by role: each role is a Django group with one of these names.

What each role may do is decided where the rule lives (courses/permissions.py grants the authoring
rights, certificates names the supervisors, employers approves the employer tools, evaluations
keeps each evaluator's panel); the names themselves live here, at the bottom of the stack, so
every app spells them the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models.signals import m2m_changed, post_delete, post_save

from core import generations

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
# The role homes (cms/homes.py) and the header (cms/navigation.py) ask which groups someone is in
# on every page. The answer is cached under two generations (core/generations.py): the global
# ROLES one, which moves on when a group is renamed or deleted, a group's permissions change or a
# permission is edited (everyone in it is concerned), and the person's own, which moves on when
# they join or leave a group, their permissions change, or their account is saved, created or
# deleted (ids can come back). It is kept on the user object for the rest of the request.
ROLES_GENERATION = "roles"
generations.register(ROLES_GENERATION)


def role_generations(user: User) -> tuple[str, str]:
    """The generations an answer about this person's roles is cached under."""
    return (ROLES_GENERATION, generations.user_name(user.pk))


def group_names(user: User) -> frozenset[str]:
    """The names of the groups the user is in: no query when cached, one otherwise."""
    if not user.is_authenticated:
        return frozenset()
    names = getattr(user, "_peercert_group_names", None)
    if names is None:
        names = generations.cached(
            "roles:groups",
            role_generations(user),
            (user.pk,),
            lambda: frozenset(user.groups.values_list("name", flat=True)),
        )
        user._peercert_group_names = names
    return names


def _everyone(sender=None, **kwargs) -> None:
    generations.bump(ROLES_GENERATION)


def _account_changed(sender, instance, **kwargs) -> None:
    generations.bump_users([instance.pk])


def _memberships_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """A person's groups or permissions: theirs (or, from the group's side, its members')."""
    if not action.startswith("post_"):
        return
    from django.contrib.auth.models import Group

    if isinstance(instance, Group) or reverse:
        if pk_set is None:  # a group or permission emptied of everyone: who was in it is gone
            _everyone()
        else:
            generations.bump_users(pk_set)
    else:
        generations.bump_users([instance.pk])


def connect() -> None:
    from django.contrib.auth.models import Group, Permission

    from .models import User

    m2m_changed.connect(
        _memberships_changed, sender=User.groups.through, dispatch_uid="roles-groups"
    )
    m2m_changed.connect(
        _memberships_changed, sender=User.user_permissions.through, dispatch_uid="roles-perms"
    )
    m2m_changed.connect(_everyone, sender=Group.permissions.through, dispatch_uid="roles-gperm")
    for model in (Group, Permission):
        post_save.connect(_everyone, sender=model, dispatch_uid=f"roles-saved-{model.__name__}")
        post_delete.connect(_everyone, sender=model, dispatch_uid=f"roles-del-{model.__name__}")
    post_save.connect(_account_changed, sender=User, dispatch_uid="roles-user-saved")
    post_delete.connect(_account_changed, sender=User, dispatch_uid="roles-user-deleted")


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
    "ROLES_GENERATION",
    "SUPERVISORS",
    "course_instructors_group_name",
    "group_names",
    "has_role",
    "role_generations",
]
