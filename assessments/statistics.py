"""Item analysis for instructors. Pure: plain attempt records in, plain numbers out, no ORM.

For each question, over the graded attempts that drew it:

- facility index: the mean share of the points earned, as a percentage (0 = nobody, 100 =
  everybody). Classical test theory's item difficulty p.
- discrimination index: the mean share earned by the top 27 % of those attempts (ranked by their
  total percentage) minus the mean share earned by the bottom 27 %, in −1…1 (Kelley's 27 % rule).
  Only computed with at least MIN_ATTEMPTS attempts; a small group says nothing.
- option distribution: how often each option (original index) was chosen, for choice questions.

Flags (a prompt to look, not a verdict): facility under 20 (very hard) or over 95 (very easy),
discrimination under 0.2 (does not separate strong from weak trainees) and negative discrimination
(weaker trainees do better: check the key).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

GROUP_SHARE = Decimal("0.27")
MIN_ATTEMPTS = 5
VERY_HARD, VERY_EASY, WEAK_DISCRIMINATION = 20, 95, Decimal("0.2")


@dataclass(frozen=True)
class ItemResponse:
    question_id: int
    fraction: Decimal  # share of the question's points earned, 0..1
    answer: object = None  # canonical answer (original indices)


@dataclass(frozen=True)
class AttemptRecord:
    percent: Decimal
    responses: Sequence[ItemResponse]


@dataclass
class ItemStats:
    question_id: int
    attempts: int
    facility: Decimal | None
    discrimination: Decimal | None
    option_counts: dict[int, int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def discrimination_index(pairs: Sequence[tuple[Decimal, Decimal]]) -> Decimal | None:
    """pairs: (attempt total percent, share earned on this question)."""
    if len(pairs) < MIN_ATTEMPTS:
        return None
    ranked = sorted(pairs, key=lambda pair: pair[0])
    size = max(1, int((len(ranked) * GROUP_SHARE).to_integral_value()))
    lower = [share for _total, share in ranked[:size]]
    upper = [share for _total, share in ranked[-size:]]
    return (_mean(upper) - _mean(lower)).quantize(Decimal("0.01"))


def flags_for(facility: Decimal | None, discrimination: Decimal | None) -> list[str]:
    flags = []
    if facility is not None and facility < VERY_HARD:
        flags.append("very hard")
    if facility is not None and facility > VERY_EASY:
        flags.append("very easy")
    if discrimination is not None:
        if discrimination < 0:
            flags.append("negative discrimination: check the key")
        elif discrimination < WEAK_DISCRIMINATION:
            flags.append("weak discrimination")
    return flags


def item_analysis(records: Sequence[AttemptRecord]) -> dict[int, ItemStats]:
    by_question: dict[int, list[tuple[Decimal, ItemResponse]]] = {}
    for record in records:
        for response in record.responses:
            by_question.setdefault(response.question_id, []).append((record.percent, response))
    result = {}
    for question_id, rows in by_question.items():
        shares = [Decimal(response.fraction) for _p, response in rows]
        facility = (_mean(shares) * 100).quantize(Decimal("0.1"))
        discrimination = discrimination_index(
            [(Decimal(percent), Decimal(response.fraction)) for percent, response in rows]
        )
        counts: Counter[int] = Counter()
        for _p, response in rows:
            answer = response.answer
            if isinstance(answer, int) and not isinstance(answer, bool):
                counts[answer] += 1
            elif isinstance(answer, list):
                counts.update(a for a in answer if isinstance(a, int))
        result[question_id] = ItemStats(
            question_id=question_id,
            attempts=len(rows),
            facility=facility,
            discrimination=discrimination,
            option_counts=dict(sorted(counts.items())),
            flags=flags_for(facility, discrimination),
        )
    return result
