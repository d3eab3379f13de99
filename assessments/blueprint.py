"""Exam forms assembled from a blueprint, and how their scores are reported: pure functions.

A certifying exam is not "N questions from each module": boards publish how much of the exam
each performance domain carries (IC&RC's Peer Recovery candidate guide, for example), and every
candidate's form must follow those weights, spread difficulty like the pool does, never hold two
items that give each other away ("enemy items"), and — where the pool allows — not repeat to a
candidate the items they already saw in a failed attempt. No ORM here: the service loads the
pool and saves the form.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class PoolItem:
    id: int
    domain: str
    difficulty: str = "medium"


def allocate(weights: Mapping[str, Decimal | int | float], length: int) -> dict[str, int]:
    """Items per domain for a form of ``length`` items, in proportion to ``weights`` (any
    positive numbers, e.g. percentages). Largest remainder: the counts add up to ``length``
    exactly and each is within one item of its exact share."""
    if length < 0:
        raise ValueError("A form cannot have a negative length.")
    total = sum(Decimal(str(w)) for w in weights.values())
    if total <= 0:
        raise ValueError("Blueprint weights must add up to more than zero.")
    exact = {d: Decimal(str(w)) * length / total for d, w in weights.items()}
    counts = {d: int(share) for d, share in exact.items()}
    left = length - sum(counts.values())
    # Equal remainders: the heavier domain first, then the name, so the same blueprint always
    # gives the same counts.
    by_remainder = sorted(
        exact, key=lambda d: (-(exact[d] - counts[d]), -Decimal(str(weights[d])), d)
    )
    for domain in by_remainder[:left]:
        counts[domain] += 1
    return counts


def _difficulty_quota(items: Sequence[PoolItem], count: int) -> dict[str, int]:
    """Mirror the pool's own difficulty mix in ``count`` items."""
    mix: dict[str, int] = {}
    for item in items:
        mix[item.difficulty] = mix.get(item.difficulty, 0) + 1
    return allocate(mix, count) if mix and count else {}


def assemble(
    pool: Iterable[PoolItem],
    weights: Mapping[str, Decimal | int | float],
    length: int,
    *,
    enemies: Mapping[int, Iterable[int]] | None = None,
    avoid: Iterable[int] = (),
    rng: random.Random,
) -> list[int]:
    """Item ids for one form.

    Per domain the count comes from ``allocate``; within a domain the pool's difficulty mix is
    kept; an item is never chosen next to one of its enemies; items in ``avoid`` are used only
    when the rest of the domain's pool runs out. A domain with too few usable items gives what
    it has (the form is then shorter, never padded from another domain).
    """
    enemies = {k: set(v) for k, v in (enemies or {}).items()}
    avoid = set(avoid)
    by_domain: dict[str, list[PoolItem]] = {}
    for item in pool:
        by_domain.setdefault(item.domain, []).append(item)
    chosen: list[int] = []
    blocked: set[int] = set()
    for domain, count in sorted(allocate(weights, length).items()):
        items = sorted(by_domain.get(domain, []), key=lambda i: i.id)
        quota = _difficulty_quota(items, count)
        fresh = [i for i in items if i.id not in avoid]
        seen = [i for i in items if i.id in avoid]
        rng.shuffle(fresh)
        rng.shuffle(seen)
        picked: list[PoolItem] = []
        # First pass keeps the difficulty mix; the second fills what the mix could not.
        for respect_quota in (True, False):
            for item in fresh + seen:
                if len(picked) == count:
                    break
                if item.id in blocked or item in picked:
                    continue
                if respect_quota and quota.get(item.difficulty, 0) <= 0:
                    continue
                picked.append(item)
                quota[item.difficulty] = quota.get(item.difficulty, 0) - 1
                blocked.add(item.id)
                blocked |= enemies.get(item.id, set())
        chosen.extend(item.id for item in picked)
    return chosen


@dataclass(frozen=True)
class ScaledScale:
    """Raw percent → the scale a board reports on, e.g. IC&RC's 200–800 with the pass at 500.
    The pass mark (raw percent) maps onto the cut score, so "passed" means the same on both
    scales."""

    low: int
    high: int
    cut: int

    def __post_init__(self):
        if not self.low < self.cut < self.high:
            raise ValueError("The cut score must lie strictly between the lowest and highest.")


def scaled_score(percent: Decimal, *, pass_mark: int, scale: ScaledScale) -> int:
    """Piecewise linear: 0 → low, pass mark → cut, 100 → high. Monotonic, and at or above the
    cut exactly when the raw percent is at or above the pass mark."""
    percent = max(Decimal(0), min(Decimal(100), Decimal(percent)))
    pass_mark_d = Decimal(pass_mark)
    if percent < pass_mark_d:
        value = scale.low + (scale.cut - scale.low) * percent / pass_mark_d
        # Never round up onto the cut from below it.
        return min(int(value.to_integral_value(ROUND_HALF_UP)), scale.cut - 1)
    if pass_mark_d >= 100:
        return scale.cut
    value = scale.cut + (scale.high - scale.cut) * (percent - pass_mark_d) / (100 - pass_mark_d)
    return int(value.to_integral_value(ROUND_HALF_UP))


@dataclass(frozen=True)
class DomainScore:
    domain: str
    points: Decimal
    max_points: Decimal

    @property
    def percent(self) -> Decimal:
        if not self.max_points:
            return Decimal(0)
        return (self.points * 100 / self.max_points).quantize(Decimal("1"), ROUND_HALF_UP)

    def band(self, *, pass_mark: int, strong_at: int = 80) -> str:
        """ "strong", "adequate" or "review": what the trainee should do next in this domain."""
        if self.percent >= strong_at:
            return "strong"
        if self.percent >= pass_mark:
            return "adequate"
        return "review"


def domain_profile(rows: Iterable[tuple[str | None, Decimal, Decimal]]) -> list[DomainScore]:
    """Per-domain totals from (domain, points earned, points possible) per question, in domain
    name order. Questions without a domain are left out (they belong to no profile line)."""
    totals: dict[str, list[Decimal]] = {}
    for domain, points, max_points in rows:
        if not domain:
            continue
        earned, possible = totals.setdefault(domain, [Decimal(0), Decimal(0)])
        totals[domain] = [earned + Decimal(points or 0), possible + Decimal(max_points)]
    return [DomainScore(d, earned, possible) for d, (earned, possible) in sorted(totals.items())]
