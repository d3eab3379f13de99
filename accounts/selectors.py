"""Reads about one person's own account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import roles

if TYPE_CHECKING:
    from .models import User


def gets_work_digests(user: User) -> bool:
    """Staff and supervisors: the people the daily "work waiting" e-mails are for."""
    return user.is_superuser or roles.has_role(
        user, roles.INSTRUCTORS, roles.REVIEWERS, roles.SUPERVISORS
    )
