"""Practical evaluations, the arithmetic. Pure: plain values in, plain values out, no ORM.

- the pass rule: a total to reach *and* critical criteria that must each be met whatever the
  total (an evaluator who sees a peer skip the 988 hand-off fails the evaluation even if every
  other criterion is exemplary);
- who may ask for an evaluation now: prerequisites, an open request, attempts used, the cooldown
  after a fail;
- calibration: which evaluations a second rater also scores, and how far two raters agree
  (percent agreement and Cohen's kappa), with the flag that says a criterion or an evaluator
  has drifted.

The services load rows, call these, and store what they return; the pages show the same
results, so what a trainee reads is what decided.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

# One rating scale for every instrument, so agreement between raters means the same thing
# everywhere. Each criterion describes, in its own words, what each level looks like.
NOT_OBSERVED, PARTLY, MET, EXEMPLARY = 0, 1, 2, 3
LEVELS: tuple[int, ...] = (NOT_OBSERVED, PARTLY, MET, EXEMPLARY)
MAX_LEVEL = EXEMPLARY
LEVEL_NAMES: Mapping[int, str] = {
    NOT_OBSERVED: "Not observed",
    PARTLY: "Partly",
    MET: "Met",
    EXEMPLARY: "Exemplary",
}

# Sampling draws an integer in [0, SAMPLE_SCALE): rates are whole percents.
SAMPLE_SCALE = 10_000


class IncompleteRating(ValueError):
    """A rating that does not give exactly one valid level to each criterion."""


# --- the pass rule -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionRule:
    id: int
    critical: bool = False


@dataclass(frozen=True)
class PassRule:
    """Both parts are data on the instrument."""

    pass_percent: int  # of the highest possible total, 0–100
    critical_min_level: int = MET


@dataclass(frozen=True)
class Outcome:
    total: int
    max_total: int
    passed: bool
    critical_unmet: tuple[int, ...]  # ids of critical criteria rated below the minimum

    @property
    def percent(self) -> int:
        """Whole percent, floored, so 69.9 % never reads as a pass mark of 70 %."""
        if self.max_total <= 0:
            return 0
        return self.total * 100 // self.max_total


def grade(criteria: Sequence[CriterionRule], levels: Mapping[int, int], rule: PassRule) -> Outcome:
    """The result of one rating. Every criterion needs exactly one level on the scale; anything
    else is refused rather than guessed, because the result is final."""
    ids = [criterion.id for criterion in criteria]
    if not ids:
        raise IncompleteRating("An instrument without criteria cannot be rated.")
    if set(levels) != set(ids):
        raise IncompleteRating("Rate every criterion, and only this instrument's criteria.")
    for level in levels.values():
        if level not in LEVELS:
            raise IncompleteRating(f"{level!r} is not a level on the rating scale.")
    total = sum(levels[i] for i in ids)
    max_total = MAX_LEVEL * len(ids)
    critical_unmet = tuple(
        c.id for c in criteria if c.critical and levels[c.id] < rule.critical_min_level
    )
    # Integers only: 70 % of 15 is compared as 100 × total ≥ 70 × 15, never as a rounded float.
    reaches_total = total * 100 >= rule.pass_percent * max_total
    return Outcome(
        total=total,
        max_total=max_total,
        passed=reaches_total and not critical_unmet,
        critical_unmet=critical_unmet,
    )


# --- who may ask for an evaluation -------------------------------------------------------------

ELIGIBLE = "eligible"
PREREQUISITES = "prerequisites"
OPEN_REQUEST = "open"
PASSED = "passed"
COOLDOWN = "cooldown"
NO_ATTEMPTS_LEFT = "no_attempts"


@dataclass(frozen=True)
class RetakeRule:
    cooldown_days: int  # after a fail, before the next request
    max_attempts: int  # completed evaluations, passed or not


@dataclass(frozen=True)
class History:
    """One trainee's evaluations on one instrument."""

    attempts: int = 0  # completed
    passed_on: date | None = None
    last_failed_on: date | None = None
    open_request: bool = False


@dataclass(frozen=True)
class Eligibility:
    status: str
    missing: tuple[str, ...] = ()  # the prerequisites not met yet, by title
    next_on: date | None = None  # when a cooldown ends
    attempts_left: int = 0

    @property
    def may_request(self) -> bool:
        return self.status == ELIGIBLE


def eligibility(
    *,
    prerequisites: Sequence[tuple[str, bool]],
    history: History,
    retake: RetakeRule,
    today: date,
) -> Eligibility:
    """Whether a trainee may request an evaluation on this instrument today, and if not, the
    first reason that stands in the way (a pass, then a request already waiting, then the
    attempts used up, then the cooldown, then what is still to learn)."""
    attempts_left = max(0, retake.max_attempts - history.attempts)
    if history.passed_on is not None:
        return Eligibility(PASSED, attempts_left=attempts_left)
    if history.open_request:
        return Eligibility(OPEN_REQUEST, attempts_left=attempts_left)
    if attempts_left == 0:
        return Eligibility(NO_ATTEMPTS_LEFT)
    if history.last_failed_on is not None:
        next_on = history.last_failed_on + timedelta(days=retake.cooldown_days)
        if today < next_on:
            return Eligibility(COOLDOWN, next_on=next_on, attempts_left=attempts_left)
    missing = tuple(title for title, met in prerequisites if not met)
    if missing:
        return Eligibility(PREREQUISITES, missing=missing, attempts_left=attempts_left)
    return Eligibility(ELIGIBLE, attempts_left=attempts_left)


# --- calibration ----------------------------------------------------------------------------------


def sampled(rate_percent: int, draw: int) -> bool:
    """Whether an evaluation goes to a second rater: `draw` is uniform in [0, SAMPLE_SCALE),
    so a rate of 20 picks one evaluation in five on average, 0 none and 100 all."""
    return draw < rate_percent * SAMPLE_SCALE // 100


Pair = tuple[int, int]  # (one rater's level, the other rater's level) for the same criterion


def percent_agreement(pairs: Sequence[Pair]) -> float | None:
    """Share of pairs where both raters chose the same level, in percent; None without pairs."""
    if not pairs:
        return None
    return float(Fraction(100 * sum(1 for a, b in pairs if a == b), len(pairs)))


def cohens_kappa(pairs: Sequence[Pair]) -> float | None:
    """Cohen's kappa for two raters on a nominal scale: (p_o − p_e) / (1 − p_e), where p_o is
    the observed agreement and p_e the agreement expected by chance from each rater's own use of
    the levels. Computed in exact fractions. None without pairs. When chance agreement is
    certain (both raters used one and the same level throughout), the raters agree perfectly and
    kappa is taken as 1, the usual convention for the undefined 0/0."""
    n = len(pairs)
    if n == 0:
        return None
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    observed = Fraction(sum(1 for a, b in pairs if a == b), n)
    expected = Fraction(sum(first[level] * second[level] for level in first), n * n)
    if expected == 1:
        return 1.0
    return float((observed - expected) / (1 - expected))


OK = "ok"
DRIFT = "drift"
TOO_FEW = "too_few"


@dataclass(frozen=True)
class Agreement:
    pairs: int
    percent: float | None
    kappa: float | None


def agreement(pairs: Iterable[Pair]) -> Agreement:
    pairs = list(pairs)
    return Agreement(pairs=len(pairs), percent=percent_agreement(pairs), kappa=cohens_kappa(pairs))


def drift_flag(result: Agreement, *, kappa_threshold: float, min_pairs: int) -> str:
    """DRIFT when there are enough pairs to judge and kappa is below the threshold; TOO_FEW
    before that (a kappa from three pairs says little); otherwise OK."""
    if result.pairs < max(1, min_pairs) or result.kappa is None:
        return TOO_FEW
    return DRIFT if result.kappa < kappa_threshold else OK
