"""Instructor-led training, the arithmetic. Pure: plain values in, plain values out, no ORM.

- attendance → hours: a session's contact hours are allocated to training domains (and
  required topics); someone who attended part of it is credited the same part of each
  allocation, rounded *down* to the cohort's step (quarter hours by default), so a credit is
  never more than the time spent — boards give partial credit only for time actually spent;
- the check-in window and what a check-in says about arriving late;
- the synchronous (live) share a board may ask for (NAADAC wants at least half of the training
  hours face to face) and the hours of required topics;
- who leaves the waitlist, in order, when a place frees up.

The services load rows, call these, and store what they return; the pages and the
certification checklist read the same results.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

ZERO = Decimal("0")

# Rounding steps a cohort may credit in, in minutes. Each is a whole number of hundredths of an
# hour, so every credit is exact in the two decimals hours are stored with.
ROUNDING_STEPS: Mapping[int, str] = {
    6: "tenths of an hour (6 minutes)",
    15: "quarter hours (15 minutes)",
    30: "half hours (30 minutes)",
    60: "whole hours",
}
DEFAULT_STEP_MINUTES = 15

# How a trainee took part in a live session.
IN_PERSON = "in_person"
LIVE_VIRTUAL = "live_virtual"
SELF_PACED = "self_paced"
SYNCHRONOUS = frozenset({IN_PERSON, LIVE_VIRTUAL})

# Attendance marks.
PRESENT = "present"
LATE = "late"
LEFT_EARLY = "left_early"
ABSENT = "absent"
PARTIAL = frozenset({LATE, LEFT_EARLY})


class AttendanceError(ValueError):
    """Minutes that do not fit the session (negative, or more than the session lasted)."""


# --- attendance → hours ---------------------------------------------------------------------------


def floor_to_step(minutes: Fraction | int, step_minutes: int) -> Decimal:
    """Hours for `minutes`, rounded down to whole steps: 44 minutes in quarter hours is 0.5 h,
    never 0.75 h."""
    if step_minutes not in ROUNDING_STEPS:
        raise ValueError(f"{step_minutes!r} is not a rounding step")
    if minutes <= 0:
        return ZERO
    steps = int(Fraction(minutes) // step_minutes)
    return (Decimal(steps * step_minutes) / 60).quantize(Decimal("0.01"))


def check_minutes(attended_minutes: int, session_minutes: int) -> None:
    if session_minutes <= 0:
        raise AttendanceError("A session must end after it starts.")
    if attended_minutes < 0:
        raise AttendanceError("Minutes attended cannot be negative.")
    if attended_minutes > session_minutes:
        raise AttendanceError(
            f"{attended_minutes} minutes is longer than the session ({session_minutes} minutes)."
        )


def credited_hours(
    *,
    attended_minutes: int,
    session_minutes: int,
    allocation: Mapping[str, Decimal],
    step_minutes: int = DEFAULT_STEP_MINUTES,
) -> dict[str, Decimal]:
    """Each allocated key's (domain's or topic's) hours credited for attending `attended_minutes`
    of a session lasting `session_minutes`: the attended fraction of the allocation, rounded
    down to the step, per key. Full attendance credits each allocation rounded down to the step;
    no attendance credits nothing."""
    check_minutes(attended_minutes, session_minutes)
    share = Fraction(attended_minutes, session_minutes)
    return {
        key: floor_to_step(Fraction(hours) * 60 * share, step_minutes)
        for key, hours in allocation.items()
        if hours > 0
    }


def minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes from start to end (aware datetimes: a session across a clock change lasts
    the time that really passed)."""
    return max(0, int((end - start).total_seconds() // 60))


# --- check-in ------------------------------------------------------------------------------------

OPEN = "open"
NOT_YET = "not_yet"
OVER = "over"
NO_CODE = "no_code"
WRONG_CODE = "wrong_code"
CODE_EXPIRED = "code_expired"
ALREADY_CHECKED_IN = "already"
CHECKED_IN = "checked_in"


@dataclass(frozen=True)
class Window:
    """When check-in is possible: from `opens_before` minutes before the start to the end."""

    opens: datetime
    closes: datetime

    def state(self, now: datetime) -> str:
        if now < self.opens:
            return NOT_YET
        if now >= self.closes:
            return OVER
        return OPEN


def checkin_window(starts_at: datetime, ends_at: datetime, *, opens_before_minutes: int) -> Window:
    return Window(opens=starts_at - timedelta(minutes=opens_before_minutes), closes=ends_at)


def code_expiry(
    *, now: datetime, window: Window, lifetime_minutes: int
) -> datetime:  # short-lived, and never past the session's end
    return min(now + timedelta(minutes=lifetime_minutes), window.closes)


def checkin_outcome(
    *,
    now: datetime,
    window: Window,
    given: str,
    expected: str | None,
    expires_at: datetime | None,
    already: bool,
) -> str:
    """What a check-in with code `given` comes to: CHECKED_IN, or the first reason it is
    refused — outside the window, a check-in already made, no code shown, a wrong code, a code
    past its time. The codes are compared normalised (see normalise_code) in constant time."""
    state = window.state(now)
    if state != OPEN:
        return state
    if already:
        return ALREADY_CHECKED_IN
    if expected is None or expires_at is None:
        return NO_CODE
    if not hmac.compare_digest(normalise_code(given).encode(), normalise_code(expected).encode()):
        return WRONG_CODE
    if now >= expires_at:
        return CODE_EXPIRED
    return CHECKED_IN


# Codes are read off a screen and typed on a phone: no 0/O, 1/I/L, 5/S, 2/Z, U/V look-alikes.
CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTWXY"
CODE_LENGTH = 6


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


@dataclass(frozen=True)
class Arrival:
    status: str  # PRESENT or LATE
    minutes: int


def arrival(
    *, starts_at: datetime, ends_at: datetime, checked_in_at: datetime, late_after_minutes: int
) -> Arrival:
    """What a check-in says about attendance: present for the whole session when it came before
    the start plus the grace; otherwise late, credited from the check-in to the end."""
    session = minutes_between(starts_at, ends_at)
    if checked_in_at <= starts_at + timedelta(minutes=late_after_minutes):
        return Arrival(PRESENT, session)
    return Arrival(LATE, min(session, minutes_between(checked_in_at, ends_at)))


# --- the waitlist --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    id: int
    queued_at: datetime


def promotions(*, capacity: int, enrolled: int, waitlist: Iterable[Waiting]) -> list[int]:
    """The waitlisted ids that take the free places, first come first served (ties by id, the
    order rows were made): as many as there are places, never more than are waiting."""
    free = max(0, capacity - enrolled)
    ordered = sorted(waitlist, key=lambda w: (w.queued_at, w.id))
    return [w.id for w in ordered[:free]]


# --- what certification counts ---------------------------------------------------------------------


@dataclass(frozen=True)
class Credit:
    """Hours one trainee earned from one piece of training: an attended session, a self-paced
    module, or approved outside training. `delivery` is IN_PERSON, LIVE_VIRTUAL or SELF_PACED."""

    on: date
    delivery: str
    hours_by_domain: Mapping[str, Decimal] = field(default_factory=dict)
    hours_by_topic: Mapping[str, Decimal] = field(default_factory=dict)
    # None: the sum of the domain hours (a module's contact hours may be more than its domain
    # allocation; an attended session's are exactly its credited domain hours).
    hours: Decimal | None = None

    @property
    def total(self) -> Decimal:
        if self.hours is not None:
            return self.hours
        return sum(self.hours_by_domain.values(), ZERO)


@dataclass(frozen=True)
class Totals:
    by_domain: dict[str, Decimal]
    total: Decimal
    synchronous: Decimal
    by_topic: dict[str, Decimal]


def totals(
    credits: Sequence[Credit],
    *,
    since: date | None = None,
    synchronous_modes: frozenset[str] = SYNCHRONOUS,
) -> Totals:
    """Hours per domain, in all, delivered live (in one of `synchronous_modes`) and per topic,
    from the credits on or after `since` (None: all of them)."""
    by_domain: dict[str, Decimal] = {}
    by_topic: dict[str, Decimal] = {}
    total = synchronous = ZERO
    for credit in credits:
        if since is not None and credit.on < since:
            continue
        hours = credit.total
        total += hours
        if credit.delivery in synchronous_modes:
            synchronous += hours
        for domain, value in credit.hours_by_domain.items():
            by_domain[domain] = by_domain.get(domain, ZERO) + value
        for topic, value in credit.hours_by_topic.items():
            by_topic[topic] = by_topic.get(topic, ZERO) + value
    return Totals(by_domain=by_domain, total=total, synchronous=synchronous, by_topic=by_topic)


def synchronous_hours_needed(
    *, share_percent: int, required_total: Decimal, counted_total: Decimal
) -> Decimal:
    """How many live hours a share rule asks of this trainee.

    A board counts the hours a candidate submits, and a candidate submits what meets the rules:
    with a total to reach (NAADAC: 60 contact hours, at least half face to face) live hours can
    be topped up with any other hours, so the rule is met exactly when the live hours reach the
    share of the required total (and the total is met, which is its own requirement). Without a
    total, the share applies to all the hours counted."""
    base = required_total if required_total > 0 else counted_total
    # Rounded up to the hundredth hours are kept in: a need is never shaved (hours are).
    return (Decimal(share_percent) * base / 100).quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def topic_shortfalls(
    required: Mapping[str, Decimal], have: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    """Each required topic still short of its hours, with how many hours are missing."""
    return {
        topic: need - have.get(topic, ZERO)
        for topic, need in required.items()
        if have.get(topic, ZERO) < need
    }
