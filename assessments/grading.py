"""Grading, answer mapping and attempt arithmetic. Pure: plain data in, plain data out, no ORM.

A question is the dict a revision stores: ``{"type": ..., "points": int, "data": {...}}``.
Answers are kept in *original* indices (the order the author wrote), never display positions:

=============  ==========================================  ==================================
type           data                                        canonical answer
=============  ==========================================  ==================================
single         options: [{text, correct, feedback}]        int (option index) or None
true_false     options (two, one correct)                  int or None
multiple       options (one or more correct)               sorted list[int]
short          accepted_answers: [str]                     str
ordering       items: [str] in the correct order           {str(item index): rank 1..n}
matching       pairs: [[left, right]]                      {str(left index): right index}
essay          rubric: [{criterion, points}]               str (graded by hand)
=============  ==========================================  ==================================

Scoring rules (what the trainee is told in the rules box):

- single / true-false: all points for the correct option, else 0.
- multiple response: with k correct and w incorrect options, the fraction is
  ``max(0, chosen_correct / k − chosen_wrong / w)``. Every correct option chosen earns 1/k, every
  wrong one chosen costs 1/w, floored at 0 — so ticking every box scores 0, never a free pass.
- short answer: all points when the answer matches an accepted answer after normalising
  (Unicode NFKC, case-folded, punctuation turned into spaces, runs of whitespace collapsed).
- ordering: all or nothing — every item in its correct place. Sequences such as the overdose
  response steps are only right when the whole order is right.
- matching: per pair — points × (correct pairs / pairs).
- essay: graded by hand against the rubric; the rubric total is scaled to the question's points.

Points are rounded *down* to hundredths, and so is the percentage, so rounding never turns a fail
into a pass.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

TYPES = ("single", "multiple", "true_false", "short", "ordering", "matching", "essay")
CHOICE_TYPES = ("single", "multiple", "true_false")
# The one key of a question's data that holds its answers, per type.
DATA_KEYS = {
    "single": "options",
    "multiple": "options",
    "true_false": "options",
    "short": "accepted_answers",
    "ordering": "items",
    "matching": "pairs",
    "essay": "rubric",
}
REVIEW_ITEMS = ("score", "correctness", "feedback", "answers")
REVIEW_MOMENTS = ("submit", "pass", "last", "close")
CENT = Decimal("0.01")


class AnswerError(ValueError):
    """A submitted answer that cannot belong to the question shown (a stale or forged form)."""


# --- validation ------------------------------------------------------------------------------


def validate_question_data(qtype: str, data: Any, *, points: int | None = None) -> list[str]:
    """Everything wrong with a question's type-specific data, as sentences for the editor."""
    if qtype not in TYPES:
        return [f"Unknown question type {qtype!r}."]
    if not isinstance(data, Mapping):
        return ["The answer data must be a JSON object."]
    errors: list[str] = []
    # Only the fields grading and the editor use: anything else would be dropped silently by
    # the next save in the admin, so an import or a form says so instead of accepting it.
    unknown = sorted(set(data) - {DATA_KEYS[qtype]})
    if unknown:
        errors.append(f"Unknown field(s) in the answer data: {', '.join(unknown)}.")
    if qtype in CHOICE_TYPES:
        options = data.get("options")
        if not isinstance(options, list) or len(options) < 2:
            return ["Give at least two options."]
        for number, option in enumerate(options, start=1):
            if not isinstance(option, Mapping) or not str(option.get("text", "")).strip():
                errors.append(f"Option {number} needs a text.")
            elif not isinstance(option.get("correct", False), bool):
                errors.append(f"Option {number}: 'correct' must be true or false.")
            elif set(option) - {"text", "correct", "feedback"}:
                extra = ", ".join(sorted(set(option) - {"text", "correct", "feedback"}))
                errors.append(f"Option {number}: unknown field(s) {extra}.")
        if errors:
            return errors
        correct = sum(1 for option in options if option.get("correct"))
        if qtype in ("single", "true_false") and correct != 1:
            errors.append("Mark exactly one option correct.")
        if qtype == "multiple" and correct < 1:
            errors.append("Mark at least one option correct.")
        if qtype == "true_false" and len(options) != 2:
            errors.append("A true/false question has exactly two options.")
    elif qtype == "short":
        answers = data.get("accepted_answers")
        if not isinstance(answers, list) or not [a for a in answers if normalise_text(str(a))]:
            errors.append("Give at least one accepted answer.")
    elif qtype == "ordering":
        items = data.get("items")
        if not isinstance(items, list) or len(items) < 2:
            errors.append("Give at least two items, in the correct order.")
        elif len({str(item) for item in items}) != len(items):
            errors.append("Ordering items must be distinct.")
    elif qtype == "matching":
        pairs = data.get("pairs")
        if not isinstance(pairs, list) or len(pairs) < 2:
            errors.append("Give at least two pairs.")
        elif not all(
            isinstance(pair, Sequence)
            and not isinstance(pair, str)
            and len(pair) == 2
            and all(str(side).strip() for side in pair)
            for pair in pairs
        ):
            errors.append("Each pair is [left, right], both non-empty.")
    elif qtype == "essay":
        rubric = data.get("rubric")
        if not isinstance(rubric, list) or not rubric:
            errors.append("Give at least one rubric criterion.")
        elif not all(
            isinstance(row, Mapping)
            and str(row.get("criterion", "")).strip()
            and isinstance(row.get("points"), int)
            and row["points"] > 0
            for row in rubric
        ):
            errors.append("Each rubric criterion needs a text and whole points above 0.")
        elif any(set(row) - {"criterion", "points"} for row in rubric):
            extra = sorted({key for row in rubric for key in set(row) - {"criterion", "points"}})
            errors.append(f"Rubric criteria: unknown field(s) {', '.join(extra)}.")
    return errors


# --- answers: display positions <-> original indices -----------------------------------------


def option_count(qtype: str, data: Mapping) -> int:
    if qtype in CHOICE_TYPES:
        return len(data.get("options", []))
    if qtype == "ordering":
        return len(data.get("items", []))
    if qtype == "matching":
        return len(data.get("pairs", []))
    return 0


def display_order(qtype: str, data: Mapping, *, shuffle: bool, rng: random.Random) -> list[int]:
    """Original indices in the order shown. Ordering items and matching answers are always
    shuffled, whatever the assessment says: shown in authored order they would give the answer
    away. A shuffled ordering question is never shown already in the correct order."""
    n = option_count(qtype, data)
    order = list(range(n))
    if qtype in ("ordering", "matching") or (shuffle and qtype in ("single", "multiple")):
        rng.shuffle(order)
        if qtype == "ordering" and n > 1:
            while order == sorted(order):
                rng.shuffle(order)
    return order


def _position(raw: Any, order: Sequence[int]) -> int:
    try:
        position = int(raw)
    except (TypeError, ValueError):
        raise AnswerError("not a choice") from None
    if not 0 <= position < len(order):
        raise AnswerError("no such choice")
    return order[position]


def to_canonical(qtype: str, raw: Any, order: Sequence[int]) -> Any:
    """Map what the form sent (display positions) to original indices; AnswerError if it cannot
    belong to this question. Empty answers become None. A one-value field may arrive as a list
    (how forms send every field); its first non-empty value counts."""
    if qtype in ("single", "true_false", "short", "essay") and isinstance(raw, list | tuple):
        raw = next((value for value in raw if value not in (None, "")), "")
    if qtype in ("single", "true_false"):
        return None if raw in (None, "") else _position(raw, order)
    if qtype == "multiple":
        values = raw if isinstance(raw, list | tuple) else [raw]
        return sorted({_position(value, order) for value in values if value not in (None, "")})
    if qtype in ("short", "essay"):
        text = "" if raw is None else str(raw)
        if len(text) > 20_000:
            raise AnswerError("answer too long")
        return text
    if qtype == "ordering":
        if not isinstance(raw, Mapping):
            raise AnswerError("ordering answers are ranks per item")
        ranks = {}
        for position, rank in raw.items():
            if rank in (None, ""):
                continue
            try:
                rank_number = int(rank)
            except (TypeError, ValueError):
                raise AnswerError("not a rank") from None
            if not 1 <= rank_number <= len(order):
                raise AnswerError("no such rank")
            ranks[str(_position(position, order))] = rank_number
        return ranks
    if qtype == "matching":
        if not isinstance(raw, Mapping):
            raise AnswerError("matching answers are one choice per row")
        matches = {}
        for left, right in raw.items():
            try:
                left_index = int(left)
            except (TypeError, ValueError):
                raise AnswerError("not a row") from None
            if not 0 <= left_index < len(order):
                raise AnswerError("no such row")
            if right in (None, ""):
                continue
            matches[str(left_index)] = _position(right, order)
        return matches
    raise AnswerError(f"unknown type {qtype}")


def to_display(qtype: str, answer: Any, order: Sequence[int]) -> Any:
    """The inverse of to_canonical, to put saved answers back into the form on resume."""
    position_of = {original: position for position, original in enumerate(order)}
    if answer is None:
        return None
    if qtype in ("single", "true_false"):
        return position_of.get(answer)
    if qtype == "multiple":
        return sorted(position_of[i] for i in answer if i in position_of)
    if qtype == "ordering":
        return {position_of[int(k)]: v for k, v in answer.items() if int(k) in position_of}
    if qtype == "matching":
        return {int(k): position_of.get(v) for k, v in answer.items()}
    return answer


# --- grading ----------------------------------------------------------------------------------


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return re.sub(r"\s+", " ", text).strip()


def fraction_correct(qtype: str, data: Mapping, answer: Any) -> Fraction | None:
    """Share of the points earned, in [0, 1]; None for an essay (graded by hand)."""
    if qtype == "essay":
        return None
    if answer is None or answer == "" or answer == [] or answer == {}:
        return Fraction(0)
    if qtype in ("single", "true_false"):
        options = data["options"]
        return Fraction(
            int(
                isinstance(answer, int)
                and 0 <= answer < len(options)
                and bool(options[answer].get("correct"))
            )
        )
    if qtype == "multiple":
        options = data["options"]
        chosen = {i for i in answer if isinstance(i, int) and 0 <= i < len(options)}
        correct = {i for i, option in enumerate(options) if option.get("correct")}
        wrong = set(range(len(options))) - correct
        earned = Fraction(len(chosen & correct), len(correct))
        if wrong:
            earned -= Fraction(len(chosen & wrong), len(wrong))
        return max(Fraction(0), earned)
    if qtype == "short":
        given = normalise_text(str(answer))
        accepted = {normalise_text(str(a)) for a in data.get("accepted_answers", [])}
        return Fraction(int(bool(given) and given in accepted))
    if qtype == "ordering":
        n = len(data["items"])
        ranks = {int(k): v for k, v in answer.items()}
        return Fraction(int(all(ranks.get(i) == i + 1 for i in range(n))))
    if qtype == "matching":
        pairs = data["pairs"]
        right_of = [str(pair[1]) for pair in pairs]
        hits = 0
        for left, right in answer.items():
            left_index = int(left)
            if 0 <= left_index < len(pairs) and isinstance(right, int) and 0 <= right < len(pairs):
                hits += right_of[right] == right_of[left_index]
        return Fraction(hits, len(pairs))
    raise ValueError(f"unknown question type {qtype!r}")


def to_points(points: int | Decimal, fraction: Fraction) -> Decimal:
    exact = Fraction(Decimal(points)) * fraction
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(CENT, ROUND_DOWN)


def grade(question: Mapping, answer: Any) -> Decimal | None:
    """Points for one answer, in [0, question points]; None when a person must grade it."""
    fraction = fraction_correct(question["type"], question["data"], answer)
    return None if fraction is None else to_points(question["points"], fraction)


def grade_essay(question: Mapping, rubric_points: Sequence[int | Decimal]) -> Decimal:
    """Sum of the rubric points awarded, scaled to the question's points."""
    rubric = question["data"]["rubric"]
    if len(rubric_points) != len(rubric):
        raise ValueError("one score per rubric criterion")
    awarded = Fraction(0)
    for row, given in zip(rubric, rubric_points, strict=True):
        given = Fraction(Decimal(given))
        if not 0 <= given <= row["points"]:
            raise ValueError(f"{row['criterion']}: between 0 and {row['points']}")
        awarded += given
    total = sum(row["points"] for row in rubric)
    return to_points(question["points"], awarded / total)


def is_correct(question: Mapping, answer: Any) -> bool | None:
    fraction = fraction_correct(question["type"], question["data"], answer)
    return None if fraction is None else fraction == 1


def percent(score: Decimal, max_score: Decimal) -> Decimal:
    if max_score <= 0:
        return Decimal("0.00")
    return (Decimal(score) * 100 / Decimal(max_score)).quantize(CENT, ROUND_DOWN)


# --- regrading: carrying an answer over to another revision ---------------------------------
#
# An answer is stored in the original indices of the revision the trainee was shown. A regrade
# scores it against the current revision, where the author may have reordered, inserted or
# removed options, so an index can point at a different option. Options, items, pairs and
# rubric criteria are therefore matched by their text (normalise_text: case, punctuation and
# spacing do not matter), never by position. When the answer cannot be carried over faithfully
# the reason is returned instead, and the regrade keeps that answer's score.


@dataclass(frozen=True)
class MappedAnswer:
    """An answer re-expressed in a new revision's indices, or why that is impossible."""

    answer: Any = None
    problem: str | None = None  # None when `answer` can be graded against the new revision

    @property
    def ok(self) -> bool:
        return self.problem is None


def _quoted(text: Any) -> str:
    text = " ".join(str(text).split())
    return "'" + (text if len(text) <= 60 else text[:57] + "…") + "'"


class _Texts:
    """Where each normalised text sits in the old and the new list."""

    def __init__(self, old: Sequence[Any], new: Sequence[Any]):
        self.old = [str(text) for text in old]
        self.new = [str(text) for text in new]
        self.old_keys = [normalise_text(text) for text in self.old]
        self.new_keys = [normalise_text(text) for text in self.new]
        self.new_index: dict[str, list[int]] = {}
        for index, key in enumerate(self.new_keys):
            self.new_index.setdefault(key, []).append(index)

    def new_position(self, old_index: int, noun: str) -> tuple[int | None, str | None]:
        """The new index of old item `old_index`, or the reason it has none."""
        if not 0 <= old_index < len(self.old):
            return None, (
                f"the answer refers to {noun} {old_index + 1}, which the revision "
                "shown does not have"
            )
        key = self.old_keys[old_index]
        found = self.new_index.get(key, [])
        if not found:
            return None, f"{noun} {_quoted(self.old[old_index])} was removed"
        if len(found) > 1 or self.old_keys.count(key) > 1:
            return None, (
                f"{noun} {_quoted(self.old[old_index])} appears more than once, so it "
                "cannot be told apart"
            )
        return found[0], None

    def added(self) -> list[int]:
        """New indices whose text the old list does not have."""
        old = set(self.old_keys)
        return [index for index, key in enumerate(self.new_keys) if key not in old]

    def removed(self) -> list[int]:
        new = set(self.new_keys)
        return [index for index, key in enumerate(self.old_keys) if key not in new]


def _is_empty(answer: Any) -> bool:
    return answer is None or answer == "" or answer == [] or answer == {}


def map_answer(old: Mapping, new: Mapping, answer: Any) -> MappedAnswer:
    """Carry `answer`, given against question `old` (a revision's ``{"type", "points", "data"}``),
    over to question `new`, matching options, ordering items and matching pairs by text.

    The answer is carried over only when the trainee would have been judged on the same things:
    every option they chose (item they ranked, row they matched) must still exist, and nothing
    that would score them on something they never saw may have been added — a new correct option
    of a single-choice question, any new option of a multiple-response question (it changes the
    share each choice earns or costs), a new ordering item or matching row. Reordering, changing
    which options are correct, feedback, accepted answers and points never stop an answer from
    being carried over. Options the trainee saw but did not choose may be removed.
    """
    qtype = old["type"]
    if new["type"] != qtype:
        return MappedAnswer(problem=f"the question type changed from {qtype} to {new['type']}")
    old_data, new_data = old["data"], new["data"]
    if qtype in ("short", "essay") or old_data == new_data or _is_empty(answer):
        return MappedAnswer(answer)
    if qtype in CHOICE_TYPES:
        return _map_choice(qtype, old_data, new_data, answer)
    if qtype == "ordering":
        return _map_ordering(old_data, new_data, answer)
    if qtype == "matching":
        return _map_matching(old_data, new_data, answer)
    return MappedAnswer(problem=f"unknown question type {qtype!r}")


def _map_choice(qtype: str, old_data: Mapping, new_data: Mapping, answer: Any) -> MappedAnswer:
    new_options = new_data.get("options", [])
    texts = _Texts(
        [o.get("text", "") for o in old_data.get("options", [])],
        [o.get("text", "") for o in new_options],
    )
    chosen = answer if qtype == "multiple" else [answer]
    if not isinstance(chosen, list | tuple):
        return MappedAnswer(problem="the saved answer is not a list of options")
    mapped = []
    for old_index in chosen:
        if not isinstance(old_index, int) or isinstance(old_index, bool):
            return MappedAnswer(problem=f"the saved answer {old_index!r} is not an option")
        new_index, problem = texts.new_position(old_index, "option")
        if problem:
            return MappedAnswer(problem=problem)
        mapped.append(new_index)
    added = texts.added()
    if qtype == "multiple" and added:
        return MappedAnswer(
            problem=f"option {_quoted(texts.new[added[0]])} was added after the "
            "attempt, so the trainee never saw it"
        )
    added_correct = [index for index in added if new_options[index].get("correct")]
    if added_correct:
        return MappedAnswer(
            problem=f"option {_quoted(texts.new[added_correct[0]])} was added as "
            "a correct answer after the attempt, so the trainee never "
            "saw it"
        )
    return MappedAnswer(sorted(mapped) if qtype == "multiple" else mapped[0])


def _map_ordering(old_data: Mapping, new_data: Mapping, answer: Any) -> MappedAnswer:
    if not isinstance(answer, Mapping):
        return MappedAnswer(problem="the saved answer is not a ranking")
    texts = _Texts(old_data.get("items", []), new_data.get("items", []))
    if texts.added():
        return MappedAnswer(
            problem=f"item {_quoted(texts.new[texts.added()[0]])} was added after "
            "the attempt, so the trainee never placed it"
        )
    if texts.removed():
        return MappedAnswer(
            problem=f"item {_quoted(texts.old[texts.removed()[0]])} was removed, "
            "so the ranks given no longer fit"
        )
    mapped = {}
    for key, rank in answer.items():
        try:
            old_index = int(key)
        except (TypeError, ValueError):
            return MappedAnswer(problem=f"the saved answer names no item ({key!r})")
        new_index, problem = texts.new_position(old_index, "item")
        if problem:
            return MappedAnswer(problem=problem)
        mapped[str(new_index)] = rank
    return MappedAnswer(mapped)


def _map_matching(old_data: Mapping, new_data: Mapping, answer: Any) -> MappedAnswer:
    if not isinstance(answer, Mapping):
        return MappedAnswer(problem="the saved answer is not a set of matches")
    old_pairs, new_pairs = old_data.get("pairs", []), new_data.get("pairs", [])
    lefts = _Texts([pair[0] for pair in old_pairs], [pair[0] for pair in new_pairs])
    added = lefts.added()
    if added:
        return MappedAnswer(
            problem=f"pair {_quoted(lefts.new[added[0]])} was added after the "
            "attempt, so the trainee never matched it"
        )
    new_rights = [str(pair[1]) for pair in new_pairs]
    mapped = {}
    for key, old_right in answer.items():
        try:
            old_left = int(key)
        except (TypeError, ValueError):
            return MappedAnswer(problem=f"the saved answer names no row ({key!r})")
        new_left, problem = lefts.new_position(old_left, "pair")
        if problem:
            return MappedAnswer(problem=problem)
        if old_right is None:
            continue
        if not isinstance(old_right, int) or not 0 <= old_right < len(old_pairs):
            return MappedAnswer(problem=f"the saved answer {old_right!r} is not a choice")
        # Matching is graded on the right-hand *text*, so any pair with that text will do;
        # an exact match first, then a normalised one.
        text = str(old_pairs[old_right][1])
        candidates = [i for i, right in enumerate(new_rights) if right == text] or [
            i for i, right in enumerate(new_rights) if normalise_text(right) == normalise_text(text)
        ]
        if not candidates:
            return MappedAnswer(problem=f"answer {_quoted(text)} was removed")
        mapped[str(new_left)] = candidates[0]
    return MappedAnswer(mapped)


def map_rubric_points(
    old_data: Mapping, new_data: Mapping, rubric_points: Sequence[Any]
) -> MappedAnswer:
    """Carry a hand grade (points per criterion of the old rubric) over to the new rubric,
    matching criteria by text. Refused when a criterion was added (it was never graded), removed,
    or is now worth less than the points awarded for it."""
    old_rubric, new_rubric = old_data.get("rubric", []), new_data.get("rubric", [])
    if len(rubric_points) != len(old_rubric):
        return MappedAnswer(problem="the hand grade does not fit the rubric it was given against")
    if old_rubric == new_rubric:
        return MappedAnswer(list(rubric_points))
    texts = _Texts(
        [row.get("criterion", "") for row in old_rubric],
        [row.get("criterion", "") for row in new_rubric],
    )
    if texts.added():
        return MappedAnswer(
            problem=f"rubric criterion {_quoted(texts.new[texts.added()[0]])} "
            "was added after grading, so the hand grade is kept"
        )
    mapped: list[Any] = [None] * len(new_rubric)
    for old_index, given in enumerate(rubric_points):
        new_index, problem = texts.new_position(old_index, "rubric criterion")
        if problem:
            return MappedAnswer(problem=problem + ", so the hand grade is kept")
        if Decimal(given) > new_rubric[new_index]["points"]:
            return MappedAnswer(
                problem=f"rubric criterion {_quoted(texts.new[new_index])} is now worth "
                f"{new_rubric[new_index]['points']} points, less than the {given} awarded"
            )
        mapped[new_index] = given
    return MappedAnswer(mapped)


# --- attempts ---------------------------------------------------------------------------------


def overall_percent(method: str, percents: Sequence[Decimal]) -> Decimal | None:
    """An assessment's result from its graded attempts' percentages, in attempt order."""
    if not percents:
        return None
    if method == "highest":
        return max(percents)
    if method == "last":
        return percents[-1]
    if method == "first":
        return percents[0]
    if method == "average":
        return (sum(percents, Decimal(0)) / len(percents)).quantize(CENT, ROUND_DOWN)
    raise ValueError(f"unknown grading method {method!r}")


def overall_passed(method: str, percents: Sequence[Decimal], pass_mark: int) -> bool:
    result = overall_percent(method, percents)
    return result is not None and result >= pass_mark


@dataclass(frozen=True)
class ReviewMoment:
    graded: bool  # the attempt has its final score
    passed: bool  # the trainee has passed the assessment overall
    no_attempts_left: bool
    closed: bool


def review_allowed(policy: Mapping[str, set[str]], moment: ReviewMoment) -> set[str]:
    """What a trainee may see of a finished attempt: the union of every moment that has come.
    Nothing about correctness before an attempt is graded."""
    allowed = set(policy.get("submit", set()))
    if moment.passed:
        allowed |= policy.get("pass", set())
    if moment.no_attempts_left:
        allowed |= policy.get("last", set())
    if moment.closed:
        allowed |= policy.get("close", set())
    if not moment.graded:
        allowed.discard("score")
        allowed.discard("correctness")
    return allowed


@dataclass(frozen=True)
class Rule:
    count: int
    category_id: int | None = None
    question_id: int | None = None


def draw_questions(
    rules: Sequence[Rule], available: Mapping[int, Sequence[int]], *, rng: random.Random
) -> list[int]:
    """Question ids for one attempt: fixed questions first, then `count` drawn at random from
    each category without repeats. A category with too few questions gives what it has."""
    chosen: list[int] = [rule.question_id for rule in rules if rule.question_id is not None]
    seen = set(chosen)
    for rule in rules:
        if rule.category_id is None:
            continue
        candidates = [qid for qid in available.get(rule.category_id, []) if qid not in seen]
        picked = rng.sample(candidates, min(rule.count, len(candidates)))
        chosen.extend(picked)
        seen.update(picked)
    return chosen
