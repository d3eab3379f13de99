"""What the site header offers a signed-in person, read in one query per request.

Django's `perms.wagtailadmin.access_admin` reads the user's own and their groups' permissions
(two queries) and the employer check a third, on every page; the header needs only yes/no
answers (admin, employer, evaluator, instructor), so they come from one query, cached on the
user object for the request (and in a shared cache across requests, below)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts import roles
from accounts.models import User


def header_roles(user: User) -> tuple[bool, bool, bool, bool]:
    """(may open the admin, is an employer, is an evaluator, is an instructor)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False, False, False, False
    cached = getattr(user, "_peercert_header_roles", None)
    if cached is None and settings.CURRICULUM_CACHE_SHARED:
        name = f"header-roles:{_generation()}:{user.pk}"
        cached = cache.get(name)
        if cached is None:
            cached = _read(user)
            cache.set(name, cached, 60 * 60)
    elif cached is None:
        cached = _read(user)
    user._peercert_header_roles = cached
    user._peercert_is_employer = cached[1]  # what employers.selectors.is_employer caches
    return cached


def _read(user: User) -> tuple[bool, bool, bool, bool]:
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).filter(Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")))
    admin, employer, evaluator, instructor = (
        User.objects.filter(pk=user.pk)
        .annotate(
            admin=Exists(access_admin),
            employer=Exists(Group.objects.filter(user=OuterRef("pk"), name=roles.EMPLOYERS)),
            evaluator=Exists(Group.objects.filter(user=OuterRef("pk"), name=roles.EVALUATORS)),
            instructor=Exists(Group.objects.filter(user=OuterRef("pk"), name=roles.INSTRUCTORS)),
        )
        .values_list("admin", "employer", "evaluator", "instructor")
        .get()
    )
    return (user.is_superuser or admin, employer, evaluator, instructor)


# With a cache every worker shares (Redis), the answers are kept there, keyed by a generation
# that any change to a person, a group, a permission or who holds them moves on (at once and
# when the change commits): the header then costs no query. A per-process cache could not hear
# another worker's change, so there the header reads its one query each time.
GENERATION_KEY = "header-roles:generation"


def _generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def _roles_changed(sender, **kwargs) -> None:
    _bump()
    transaction.on_commit(_bump)


def connect() -> None:
    for model in (User, Group, Permission):
        post_save.connect(_roles_changed, sender=model, dispatch_uid=f"header-roles-{model}")
        post_delete.connect(_roles_changed, sender=model, dispatch_uid=f"header-roles-d-{model}")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_roles_changed, sender=through, dispatch_uid=f"header-roles-{through}")
