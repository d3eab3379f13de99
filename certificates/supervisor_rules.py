"""Whether a supervisor may sign off an entry dated ``day``: pure, over plain data.

A supervisor's credential counts on a day when the day falls within its validity (valid from
… expires on, both inclusive) and the credential was approved for the program on that day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

NO_CREDENTIAL = (
    "Your credential on file was not current and approved for this program on %(day)s, so "
    "this entry cannot be signed off by you. Ask the board to update your credential."
)


@dataclass(frozen=True, slots=True)
class OnFile:
    valid_from: date
    expires_on: date
    # (program id, approved from, approved until or None)
    approvals: tuple[tuple[int, date, date | None], ...]


def credential_current_on(*, day: date, valid_from: date, expires_on: date) -> bool:
    return valid_from <= day <= expires_on


def approved_on(*, day: date, program_id: int, approvals) -> bool:
    return any(
        pid == program_id and start <= day and (until is None or day <= until)
        for pid, start, until in approvals
    )


def may_sign_off(*, day: date, program_ids: Iterable[int], on_file: Iterable[OnFile]) -> bool:
    """True when, for every program that asks for it, one credential on file was current and
    approved for that program on ``day``. No program asking: always True."""
    credentials = list(on_file)
    return all(
        any(
            credential_current_on(day=day, valid_from=c.valid_from, expires_on=c.expires_on)
            and approved_on(day=day, program_id=pid, approvals=c.approvals)
            for c in credentials
        )
        for pid in set(program_ids)
    )


def expiring(*, today: date, expires_on: date, within_days: int) -> bool:
    return today <= expires_on and (expires_on - today).days <= within_days
