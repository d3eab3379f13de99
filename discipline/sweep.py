"""Discipline's daily tasks: the retention rule for closed case files, and published
probations that reach their end date."""

from datetime import date

from certificates.models import PublicAction
from certificates.services import public_action_end

from . import policy
from .models import DisciplinePolicy
from .services import purge_due


def retention_due(*, today: date) -> int:
    return purge_due(today=today)


def probation_due(*, today: date) -> int:
    """Every published probation whose end date has come ends by itself: marked "ended" on the
    verification page, or taken off it, as its board's policy says (a board without a policy on
    file keeps it, marked ended). Returns how many actions changed; a second run on the same
    day changes nothing."""
    rules = dict(DisciplinePolicy.objects.values_list("body_id", "ended_probation"))
    due = PublicAction.objects.filter(
        kind=PublicAction.Kind.PROBATION, ends_on__isnull=False, ends_on__lte=today
    ).values_list("pk", "ends_on", "ended_on", "certificate__version__program__body_id")
    changed = 0
    for pk, ends_on, ended_on, body_id in due:
        outcome = policy.ended_probation_outcome(
            ends_on=ends_on,
            ended_on=ended_on,
            today=today,
            rule=rules.get(body_id, policy.SHOW_ENDED),
        )
        if outcome is None:
            continue
        public_action_end(action_id=pk, ended_on=ends_on, remove=outcome == "remove")
        changed += 1
    return changed
