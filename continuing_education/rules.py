"""Continuing-education cycle arithmetic and eligibility: pure functions over plain data.

No ORM here. Selectors turn rows into the dataclasses below; services save what comes back.

Conventions (as the certification boards publish them: IC&RC, PCB, NAADAC):

- A cycle runs from its first day to the certificate's expiry date, both inclusive. The next
  cycle starts the day after, so every day belongs to exactly one cycle of a credential.
- 1 contact hour = 1 CE hour. Only approved activities dated inside the cycle count.
- An activity counts once per cycle, however its hours are split across categories.
- Caps apply in a fixed order (date, then id), so the same records always give the same result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from dateutil.relativedelta import relativedelta

ZERO = Decimal("0")

# Why an activity did not count (module constants: tests and templates reuse them).
NOT_APPROVED = "Not approved"
OUTSIDE_CYCLE = "Outside this cycle"
DUPLICATE = "Already counted in this cycle"
NO_HOURS = "No hours"
CAP_REACHED = "Cap reached"


# --- cycle arithmetic ------------------------------------------------------------------------


class Phase(StrEnum):
    """Where a cycle stands on a given day. "lapsed" is a renewal state, never a public
    certificate status: the public page keeps saying expired."""

    ACTIVE = "active"  # before the submission window
    WINDOW = "window"  # renewal may be submitted, credential still current
    GRACE = "grace"  # expired, late renewal still possible
    LAPSED = "lapsed"  # past the grace period: reapply


@dataclass(frozen=True)
class Cycle:
    start: date  # first day, inclusive
    end: date  # last day (the expiry date), inclusive

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("A cycle cannot end before it starts.")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def cycle_from_issue(issued_on: date, months: int) -> Cycle:
    """The first cycle: from the issue date to the expiry date the certificate prints
    (issue date + cycle length, the same arithmetic issuance uses)."""
    if months < 1:
        raise ValueError("A cycle lasts at least one month.")
    return Cycle(start=issued_on, end=issued_on + relativedelta(months=months))


def next_cycle(cycle: Cycle, months: int) -> Cycle:
    """The renewal period: starts the day after the old expiry and keeps the anniversary,
    however early or late the renewal was approved."""
    if months < 1:
        raise ValueError("A cycle lasts at least one month.")
    return Cycle(start=cycle.end + timedelta(days=1), end=cycle.end + relativedelta(months=months))


def days_left(cycle: Cycle, today: date) -> int:
    """Days until the expiry date: 0 on the expiry day itself, negative after it."""
    return (cycle.end - today).days


def window_opens_on(cycle: Cycle, window_days: int) -> date:
    return cycle.end - timedelta(days=window_days)


def grace_ends_on(cycle: Cycle, grace_days: int) -> date:
    return cycle.end + timedelta(days=grace_days)


def renewal_open(cycle: Cycle, today: date, *, window_days: int, grace_days: int) -> bool:
    """A renewal may be submitted from the window's first day to the grace period's last."""
    return window_opens_on(cycle, window_days) <= today <= grace_ends_on(cycle, grace_days)


def in_grace(cycle: Cycle, today: date, grace_days: int) -> bool:
    return cycle.end < today <= grace_ends_on(cycle, grace_days)


def is_lapsed(cycle: Cycle, today: date, grace_days: int) -> bool:
    return today > grace_ends_on(cycle, grace_days)


def phase(cycle: Cycle, today: date, *, window_days: int, grace_days: int) -> Phase:
    if is_lapsed(cycle, today, grace_days):
        return Phase.LAPSED
    if in_grace(cycle, today, grace_days):
        return Phase.GRACE
    if today >= window_opens_on(cycle, window_days):
        return Phase.WINDOW
    return Phase.ACTIVE


REMINDER_DAYS = (90, 30, 7)


def reminder_due(
    expires_on: date, today: date, thresholds: Sequence[int] = REMINDER_DAYS
) -> int | None:
    """The one reminder that applies today: the smallest threshold not yet passed.

    A reminder is due from its day until the next one's, so a missed nightly run still sends it
    the day after, and a certificate first seen 20 days before expiry gets the 30-day reminder
    (not the 90-day one as well). None before the first threshold and after expiry.
    """
    left = (expires_on - today).days
    if left < 0:
        return None
    due = None
    for threshold in sorted(thresholds, reverse=True):
        if left <= threshold:
            due = threshold
    return due


# --- eligibility -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """One CE record as plain data. ``allocations``: (category, hours) pairs."""

    id: int | str
    date: date
    hours: Decimal
    mode: str
    approved: bool = True
    allocations: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class Rules:
    total_hours: Decimal
    category_minimums: tuple[tuple[str, Decimal], ...] = ()  # in display order
    daily_cap: Decimal | None = None  # e.g. 8 h of online self-study per day
    daily_capped_modes: frozenset[str] = frozenset()
    mode_caps: tuple[tuple[str, Decimal], ...] = ()  # at most N hours of a mode per cycle

    @property
    def minimum_for(self) -> dict[str, Decimal]:
        return dict(self.category_minimums)


@dataclass(frozen=True)
class Counted:
    activity_id: int | str
    hours: Decimal  # toward the total
    by_category: tuple[tuple[str, Decimal], ...]  # sums to at most ``hours``
    capped: bool = False  # fewer hours counted than were recorded


@dataclass(frozen=True)
class Excluded:
    activity_id: int | str
    reason: str


@dataclass(frozen=True)
class CategoryRow:
    category: str
    required: Decimal
    counted: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.required - self.counted, ZERO)

    @property
    def met(self) -> bool:
        return self.counted >= self.required

    @property
    def percent(self) -> int:
        return _percent(self.counted, self.required)


@dataclass(frozen=True)
class ModeRoom:
    """How much of a capped delivery mode still counts this cycle."""

    mode: str
    cap: Decimal
    used: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.cap - self.used, ZERO)


@dataclass(frozen=True)
class Checklist:
    cycle: Cycle
    total_required: Decimal
    total_counted: Decimal
    categories: tuple[CategoryRow, ...]
    counted: tuple[Counted, ...]
    excluded: tuple[Excluded, ...]
    mode_room: tuple[ModeRoom, ...] = ()
    daily_cap: Decimal | None = None
    daily_capped_modes: frozenset[str] = field(default_factory=frozenset)

    @property
    def total_remaining(self) -> Decimal:
        return max(self.total_required - self.total_counted, ZERO)

    @property
    def percent(self) -> int:
        return _percent(self.total_counted, self.total_required)

    @property
    def required_categories(self) -> tuple[CategoryRow, ...]:
        return tuple(row for row in self.categories if row.required > 0)

    @property
    def short_categories(self) -> tuple[CategoryRow, ...]:
        return tuple(row for row in self.categories if not row.met)

    @property
    def met(self) -> bool:
        return self.total_counted >= self.total_required and not self.short_categories

    def counted_for(self, activity_id) -> Counted | None:
        return next((c for c in self.counted if c.activity_id == activity_id), None)


def _percent(have: Decimal, need: Decimal) -> int:
    if need <= 0:
        return 100
    return int(min(have / need, Decimal(1)) * 100)


def _id_key(value) -> tuple:
    # ints and strings never compare directly; a fixed type order keeps sorting total.
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


def _order(activity: Activity) -> tuple:
    return (activity.date, _id_key(activity.id), activity.hours, activity.mode)


def _split(
    hours: Decimal, allocations: Iterable[tuple[str, Decimal]], minimum_order: Mapping[str, int]
) -> tuple[tuple[str, Decimal], ...]:
    """Spread ``hours`` over the activity's categories, categories the rules ask for first,
    never more than allocated to each, never more than ``hours`` in all."""
    merged: dict[str, Decimal] = {}
    for category, amount in allocations:
        if amount > 0:
            merged[category] = merged.get(category, ZERO) + amount
    ordered = sorted(
        merged.items(), key=lambda kv: (minimum_order.get(kv[0], len(minimum_order)), kv[0])
    )
    left = hours
    parts = []
    for category, amount in ordered:
        if left <= 0:
            break
        share = min(amount, left)
        parts.append((category, share))
        left -= share
    return tuple(parts)


def evaluate(rules: Rules, cycle: Cycle, activities: Iterable[Activity]) -> Checklist:
    """Which activities count toward one cycle, and how far that goes.

    1. Approved activities dated inside the cycle are eligible; each id counts once.
    2. In date order, the daily cap trims capped modes per calendar day, then the per-cycle
       mode caps trim what is left.
    3. The counted hours of each activity go to its categories (required categories first),
       so category minimums are met only by hours that count.
    """
    minimum_order = {name: i for i, (name, _h) in enumerate(rules.category_minimums)}
    mode_caps = dict(rules.mode_caps)
    excluded: list[Excluded] = []
    seen: set = set()
    used_by_day: dict[tuple[date, str], Decimal] = {}
    used_by_mode: dict[str, Decimal] = {}
    counted: list[Counted] = []
    by_category: dict[str, Decimal] = {}
    total = ZERO

    for activity in sorted(activities, key=_order):
        if activity.id in seen:
            excluded.append(Excluded(activity.id, DUPLICATE))
            continue
        seen.add(activity.id)
        if not activity.approved:
            excluded.append(Excluded(activity.id, NOT_APPROVED))
            continue
        if not cycle.contains(activity.date):
            excluded.append(Excluded(activity.id, OUTSIDE_CYCLE))
            continue
        if activity.hours <= 0:
            excluded.append(Excluded(activity.id, NO_HOURS))
            continue
        hours = activity.hours
        if rules.daily_cap is not None and activity.mode in rules.daily_capped_modes:
            # One budget per day shared by every capped mode ("8 h of self-study per 24 h").
            day_key = (activity.date, "daily")
            used = used_by_day.get(day_key, ZERO)
            hours = min(hours, max(rules.daily_cap - used, ZERO))
            used_by_day[day_key] = used + hours
        if activity.mode in mode_caps:
            used = used_by_mode.get(activity.mode, ZERO)
            hours = min(hours, max(mode_caps[activity.mode] - used, ZERO))
            used_by_mode[activity.mode] = used + hours
        if hours <= 0:
            excluded.append(Excluded(activity.id, CAP_REACHED))
            continue
        parts = _split(hours, activity.allocations, minimum_order)
        for category, share in parts:
            by_category[category] = by_category.get(category, ZERO) + share
        total += hours
        counted.append(Counted(activity.id, hours, parts, capped=hours < activity.hours))

    rows = [
        CategoryRow(name, minimum, by_category.get(name, ZERO))
        for name, minimum in rules.category_minimums
    ]
    rows += [
        CategoryRow(name, ZERO, hours)
        for name, hours in sorted(by_category.items())
        if name not in minimum_order
    ]
    return Checklist(
        cycle=cycle,
        total_required=rules.total_hours,
        total_counted=total,
        categories=tuple(rows),
        counted=tuple(counted),
        excluded=tuple(excluded),
        mode_room=tuple(
            ModeRoom(mode, cap, used_by_mode.get(mode, ZERO)) for mode, cap in rules.mode_caps
        ),
        daily_cap=rules.daily_cap,
        daily_capped_modes=rules.daily_capped_modes,
    )


# --- audit sampling --------------------------------------------------------------------------


def sampled_for_audit(key: str, rate_percent: Decimal) -> bool:
    """Deterministic sampling: the same key always gets the same answer, so a rejected
    renewal resubmitted for the same cycle cannot re-roll its way out of an audit. Over many
    keys the share sampled approaches ``rate_percent``."""
    if rate_percent <= 0:
        return False
    if rate_percent >= 100:
        return True
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:8], "big") % 10_000  # 0.01 % resolution
    threshold = (Decimal(rate_percent) * 100).to_integral_value(rounding=ROUND_DOWN)
    return bucket < threshold
