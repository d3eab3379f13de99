"""What the site header offers a signed-in person, without a query once cached.

Django's `perms.wagtailadmin.access_admin` reads the user's own and their groups' permissions
(two queries) and the employer check a third, on every page; the header needs only yes/no
answers (admin, employer, evaluator, instructor). The three roles come from the names of the
person's groups (accounts.roles.group_names, the same cached answer the role homes read), and
whether they may open the admin from one query cached under the same role generations (core/
generations.py): one invalidation for both, moved on by any change to the person's groups or
permissions, or to a group's."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import Q

from accounts import roles
from accounts.models import User
from core import generations


def header_roles(user: User) -> tuple[bool, bool, bool, bool]:
    """(may open the admin, is an employer, is an evaluator, is an instructor)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False, False, False, False
    cached = getattr(user, "_peercert_header_roles", None)
    if cached is None:
        groups = roles.group_names(user)
        cached = (
            _may_open_admin(user),
            roles.EMPLOYERS in groups,
            roles.EVALUATORS in groups,
            roles.INSTRUCTORS in groups,
        )
    user._peercert_header_roles = cached
    user._peercert_is_employer = cached[1]  # what employers.selectors.is_employer caches
    return cached


def _may_open_admin(user: User) -> bool:
    if user.is_superuser:
        return True
    return generations.cached(
        "header-admin",
        roles.role_generations(user),
        (user.pk,),
        lambda: (
            Permission.objects.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
            .filter(Q(user=user) | Q(group__user=user))
            .exists()
        ),
    )
