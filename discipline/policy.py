"""Discipline rules over plain data, no ORM: the case's steps, which sanctions a board
publishes, the appeal window and the retention of closed case files."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

RECEIVED = "received"
INVESTIGATING = "investigating"
HEARING = "hearing"
DECIDED = "decided"
APPEAL = "appeal"
CLOSED = "closed"
STEPS = (RECEIVED, INVESTIGATING, HEARING, DECIDED, APPEAL, CLOSED)

# What the board's public lookup does with a probation that has ended (data on its policy).
SHOW_ENDED = "show_ended"
REMOVE = "remove"

# A complaint may be dismissed (closed) at any step; otherwise it moves forward, and a decision
# may be appealed once.
_NEXT = {
    RECEIVED: frozenset({INVESTIGATING, CLOSED}),
    INVESTIGATING: frozenset({HEARING, DECIDED, CLOSED}),
    HEARING: frozenset({DECIDED, CLOSED}),
    DECIDED: frozenset({APPEAL, CLOSED}),
    APPEAL: frozenset({DECIDED, CLOSED}),
    CLOSED: frozenset(),
}


def may_move(current: str, target: str) -> bool:
    return target in _NEXT.get(current, frozenset())


def next_steps(current: str) -> frozenset[str]:
    return _NEXT.get(current, frozenset())


def is_public(kind: str, public_kinds: Iterable[str]) -> bool:
    """Whether the board publishes this sanction: its policy lists the kinds it publishes."""
    return kind in set(public_kinds)


def appeal_open(*, decided_on: date, appeal_days: int, today: date) -> bool:
    return today <= decided_on + timedelta(days=appeal_days)


def retention_due(*, closed_on: date | None, retention_years: int, today: date) -> bool:
    """A closed case's private file is purged once it has been kept ``retention_years``."""
    return closed_on is not None and today >= closed_on + relativedelta(years=retention_years)


def probation_over(*, ends_on: date | None, today: date) -> bool:
    """A probation ends on its end date: from that day it is no longer in force."""
    return ends_on is not None and today >= ends_on


def ended_probation_outcome(
    *, ends_on: date | None, ended_on: date | None, today: date, rule: str
) -> str | None:
    """What the daily run does to one published probation today: ``"end"`` (mark it ended,
    kept on the page), ``"remove"`` (take it off the page), or None (still in force, or
    already marked ended under a policy that keeps it)."""
    if not probation_over(ends_on=ends_on, today=today):
        return None
    if rule == REMOVE:
        return "remove"
    return "end" if ended_on is None else None
