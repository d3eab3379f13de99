"""Item analysis for instructors. Pure: plain attempt records in, plain numbers out, no ORM.

For each question, over the graded attempts that drew it:

- facility index: the mean share of the points earned, as a percentage (0 = nobody, 100 =
  everybody). Classical test theory's item difficulty p.
- discrimination index: the mean share earned by the top 27 % of those attempts (ranked by their
  total percentage) minus the mean share earned by the bottom 27 %, in −1…1 (Kelley's 27 % rule).
  Only computed with at least MIN_ATTEMPTS attempts; a small group says nothing.
- point-biserial correlation: Pearson's r between the share earned on the question and the
  attempt's total percentage (−1…1); at least MIN_ATTEMPTS attempts and some spread on both.
- option distribution: how often each option (original index) was chosen, for choice questions.
- distractor analysis (when the key is known): a wrong option nobody chose does no work; a wrong
  option whose choosers score higher overall than the key's choosers suggests a miskey or an
  ambiguity.

By language (`item_analysis_by_language`): the same statistics over the attempts taken in each
language, so an item's English and Spanish versions can be compared; a facility that differs by
more than LANGUAGE_GAP points between two languages, each with at least MIN_ATTEMPTS attempts,
is flagged as a prompt to check the translation (a rough look, not a differential item
functioning analysis: the groups may also differ in ability).

Flags (a prompt to look, not a verdict): facility under 20 (very hard) or over 95 (very easy),
discrimination under 0.2 (does not separate strong from weak trainees) and negative discrimination
(weaker trainees do better: check the key), and the distractor findings above.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

GROUP_SHARE = Decimal("0.27")
MIN_ATTEMPTS = 5
VERY_HARD, VERY_EASY, WEAK_DISCRIMINATION = 20, 95, Decimal("0.2")
LANGUAGE_GAP = Decimal(15)


@dataclass(frozen=True)
class ItemResponse:
    question_id: int
    fraction: Decimal  # share of the question's points earned, 0..1
    answer: object = None  # canonical answer (original indices)


@dataclass(frozen=True)
class AttemptRecord:
    percent: Decimal
    responses: Sequence[ItemResponse]
    language: str = "en"  # the language the attempt showed its questions in


@dataclass
class ItemStats:
    question_id: int
    attempts: int
    facility: Decimal | None
    discrimination: Decimal | None
    option_counts: dict[int, int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    point_biserial: Decimal | None = None
    distractor_flags: dict[int, str] = field(default_factory=dict)


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


def point_biserial(pairs: Sequence[tuple[Decimal, Decimal]]) -> Decimal | None:
    """pairs: (attempt total percent, share earned on this question). Pearson's r, which for a
    right/wrong item is the point-biserial correlation."""
    if len(pairs) < MIN_ATTEMPTS:
        return None
    xs = [float(total) for total, _share in pairs]
    ys = [float(share) for _total, share in pairs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None  # everybody scored the same, or everybody got this item alike
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    r = sxy / math.sqrt(sxx * syy)
    return Decimal(str(round(max(-1.0, min(1.0, r)), 2)))


def _chosen(answer: object) -> set[int]:
    if isinstance(answer, int) and not isinstance(answer, bool):
        return {answer}
    if isinstance(answer, list):
        return {a for a in answer if isinstance(a, int) and not isinstance(a, bool)}
    return set()


def distractor_analysis(
    rows: Sequence[tuple[Decimal, object]], *, key: set[int], options: int
) -> dict[int, str]:
    """rows: (attempt total percent, canonical answer). Findings per wrong option."""
    if len(rows) < MIN_ATTEMPTS or not key:
        return {}
    by_option: dict[int, list[Decimal]] = {i: [] for i in range(options)}
    for percent, answer in rows:
        for index in _chosen(answer):
            if index in by_option:
                by_option[index].append(Decimal(percent))
    key_totals = [p for index in key for p in by_option.get(index, [])]
    key_mean = _mean(key_totals) if key_totals else None
    found = {}
    for index, totals in by_option.items():
        if index in key:
            continue
        if not totals:
            found[index] = "chosen by no one"
        elif key_mean is not None and _mean(totals) > key_mean:
            found[index] = "chosen by higher scorers than the key: check the key"
    return found


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


def item_analysis(
    records: Sequence[AttemptRecord],
    *,
    keys: Mapping[int, tuple[set[int], int]] | None = None,
) -> dict[int, ItemStats]:
    """keys: for choice questions, question id → (indices of the right options, option count),
    for the distractor analysis."""
    keys = keys or {}
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
            counts.update(_chosen(response.answer))
        distractors = {}
        if question_id in keys:
            key, options = keys[question_id]
            distractors = distractor_analysis(
                [(Decimal(p), r.answer) for p, r in rows], key=key, options=options
            )
        result[question_id] = ItemStats(
            question_id=question_id,
            attempts=len(rows),
            facility=facility,
            discrimination=discrimination,
            option_counts=dict(sorted(counts.items())),
            flags=flags_for(facility, discrimination)
            + [f"option {i + 1} {finding}" for i, finding in sorted(distractors.items())],
            point_biserial=point_biserial([(Decimal(p), Decimal(r.fraction)) for p, r in rows]),
            distractor_flags=distractors,
        )
    return result


def item_analysis_by_language(
    records: Sequence[AttemptRecord],
    *,
    keys: Mapping[int, tuple[set[int], int]] | None = None,
) -> dict[str, dict[int, ItemStats]]:
    """`item_analysis` over the attempts taken in each language, by language code. Each
    attempt's total is its own, so discrimination is measured within the language group."""
    by_language: dict[str, list[AttemptRecord]] = {}
    for record in records:
        by_language.setdefault(record.language, []).append(record)
    return {
        language: item_analysis(group, keys=keys) for language, group in sorted(by_language.items())
    }


def language_gaps(by_language: Mapping[str, Mapping[int, ItemStats]]) -> dict[int, str]:
    """Items whose facility differs by more than LANGUAGE_GAP points between two languages
    (each with at least MIN_ATTEMPTS attempts): question id → a flag naming the two figures."""
    found: dict[int, str] = {}
    languages = sorted(by_language)
    for i, first in enumerate(languages):
        for second in languages[i + 1 :]:
            for question_id, a in by_language[first].items():
                b = by_language[second].get(question_id)
                if b is None or min(a.attempts, b.attempts) < MIN_ATTEMPTS:
                    continue
                if a.facility is None or b.facility is None:
                    continue
                if abs(a.facility - b.facility) > LANGUAGE_GAP:
                    found[question_id] = (
                        f"facility {a.facility} in {first}, {b.facility} in {second}: "
                        "check the translation"
                    )
    return found
