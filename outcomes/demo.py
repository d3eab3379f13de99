"""The demo's program administrator: programs@example.org reads the outcome dashboard. The demo
has a handful of trainees, so nearly every figure there is hidden (fewer than 11 people): the
page says so, and that is the privacy rule working. The figures are built once here; the
changes the rest of the demo makes refresh them (outcomes/receivers.py)."""

from __future__ import annotations

from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User
from outcomes.services import outcomes_rebuild

PROGRAMS_EMAIL = "programs@example.org"


def seed_outcomes(*, users: dict[str, User]) -> list[str]:
    group, _ = Group.objects.get_or_create(name=roles.PROGRAM_ADMINISTRATORS)
    users[PROGRAMS_EMAIL].groups.add(group)
    outcomes_rebuild()
    return []
