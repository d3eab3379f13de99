"""What the site header offers a signed-in person, read in one query per request.

Django's `perms.wagtailadmin.access_admin` reads the user's own and their groups' permissions
(two queries) and the employer check a third, on every page; the header needs only yes/no
answers (admin, employer, evaluator, instructor), so they come from one query, cached on the
user object for the request."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef, Q

from accounts import roles
from accounts.models import User


def header_roles(user: User) -> tuple[bool, bool, bool, bool]:
    """(may open the admin, is an employer, is an evaluator, is an instructor)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False, False, False, False
    cached = getattr(user, "_peercert_header_roles", None)
    if cached is not None:
        return cached
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
    cached = (user.is_superuser or admin, employer, evaluator, instructor)
    user._peercert_header_roles = cached
    user._peercert_is_employer = employer  # what employers.selectors.is_employer caches
    return cached
