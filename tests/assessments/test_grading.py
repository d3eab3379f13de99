"""Pure grading: plain question data and answers in, points out."""

import random
import string
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import grading
from tests.factories.assessments import SAMPLE_DATA


def q(qtype, points=1, data=None):
    return {"type": qtype, "points": points, "data": data or SAMPLE_DATA[qtype]}


class TestEachType:
    def test_single_choice_scores_all_or_nothing(self):
        assert grading.grade(q("single", 2), 1) == Decimal("2.00")
        assert grading.grade(q("single", 2), 0) == Decimal("0.00")
        assert grading.grade(q("single", 2), None) == Decimal("0.00")

    def test_true_false(self):
        assert grading.grade(q("true_false"), 1) == 1
        assert grading.grade(q("true_false"), 0) == 0

    def test_multiple_response_gives_a_share_per_correct_choice(self):
        # 3 correct (0, 1, 3), 1 wrong (2): each correct earns 1/3.
        assert grading.grade(q("multiple", 3), [0, 1, 3]) == 3
        assert grading.grade(q("multiple", 3), [0, 1]) == 2
        assert grading.grade(q("multiple", 3), [0]) == 1

    def test_multiple_response_wrong_choices_cost_a_share_floored_at_zero(self):
        # A wrong choice costs 1/w = 1 (one wrong option): never below zero.
        assert grading.grade(q("multiple", 3), [0, 2]) == 0
        assert grading.grade(q("multiple", 3), [2]) == 0

    def test_ticking_every_box_scores_zero(self):
        assert grading.grade(q("multiple", 3), [0, 1, 2, 3]) == 0

    def test_short_answer_ignores_case_whitespace_and_punctuation(self):
        question = q("short", data={"accepted_answers": ["recovery capital"]})
        for answer in [
            "Recovery Capital",
            "  recovery   capital ",
            "recovery-capital.",
            "RECOVERY\tCAPITAL",
        ]:
            assert grading.grade(question, answer) == 1, answer
        assert grading.grade(question, "recovery") == 0
        assert grading.grade(question, "") == 0

    def test_short_answer_accepts_any_listed_answer(self):
        question = q("short", data={"accepted_answers": ["988", "nine eight eight"]})
        assert grading.grade(question, "Nine-Eight-Eight") == 1

    def test_ordering_is_all_or_nothing(self):
        correct = {str(i): i + 1 for i in range(5)}
        assert grading.grade(q("ordering", 2), correct) == 2
        swapped = dict(correct, **{"3": 5, "4": 4})
        assert grading.grade(q("ordering", 2), swapped) == 0
        assert grading.grade(q("ordering", 2), {"0": 1}) == 0

    def test_matching_scores_per_pair(self):
        assert grading.grade(q("matching", 4), {"0": 0, "1": 1, "2": 2, "3": 3}) == 4
        assert grading.grade(q("matching", 4), {"0": 0, "1": 1, "2": 3, "3": 2}) == 2
        assert grading.grade(q("matching", 4), {"0": 0}) == 1

    def test_essay_waits_for_a_person(self):
        assert grading.grade(q("essay", 4), "My answer") is None

    def test_essay_rubric_points_are_scaled_to_the_question_points(self):
        assert grading.grade_essay(q("essay", 4), [2, 1]) == 3
        assert grading.grade_essay(q("essay", 8), [2, 1]) == 6
        with pytest.raises(ValueError):
            grading.grade_essay(q("essay", 4), [3, 0])  # above the criterion's 2 points

    def test_points_round_down_so_rounding_never_passes_anyone(self):
        # 1 of 3 correct choices of a 1-point question is 0.333… → 0.33
        assert grading.grade(q("multiple", 1), [0]) == Decimal("0.33")
        assert grading.percent(Decimal("2"), Decimal("3")) == Decimal("66.66")


class TestValidation:
    @pytest.mark.parametrize("qtype", list(SAMPLE_DATA))
    def test_sample_data_of_every_type_is_valid(self, qtype):
        assert grading.validate_question_data(qtype, SAMPLE_DATA[qtype]) == []

    @pytest.mark.parametrize(
        "qtype, data, message",
        [
            (
                "single",
                {"options": [{"text": "a", "correct": True}, {"text": "b", "correct": True}]},
                "exactly one",
            ),
            (
                "multiple",
                {"options": [{"text": "a"}, {"text": "b"}]},
                "at least one option correct",
            ),
            (
                "true_false",
                {"options": [{"text": "a", "correct": True}, {"text": "b"}, {"text": "c"}]},
                "exactly two",
            ),
            ("short", {"accepted_answers": ["  "]}, "accepted answer"),
            ("ordering", {"items": ["a"]}, "two items"),
            ("matching", {"pairs": [["a", "b"], ["c"]]}, "[left, right]"),
            ("essay", {"rubric": [{"criterion": "x", "points": 0}]}, "above 0"),
        ],
    )
    def test_invalid_data_is_explained(self, qtype, data, message):
        errors = grading.validate_question_data(qtype, data)
        assert any(message in error for error in errors), errors


class TestAnswerMapping:
    def test_form_positions_map_to_original_indices_and_back(self):
        order = [2, 0, 1]
        assert grading.to_canonical("single", "0", order) == 2
        assert grading.to_canonical("multiple", ["", "1", "0"], order) == [0, 2]
        assert grading.to_display("multiple", [0, 2], order) == [0, 1]

    def test_a_position_outside_the_question_is_refused(self):
        with pytest.raises(grading.AnswerError):
            grading.to_canonical("single", "7", [0, 1, 2])
        with pytest.raises(grading.AnswerError):
            grading.to_canonical("ordering", {"0": "9"}, [1, 0])

    def test_ordering_items_are_never_shown_in_the_correct_order(self):
        rng = random.Random(1)
        for _ in range(50):
            order = grading.display_order(
                "ordering", SAMPLE_DATA["ordering"], shuffle=False, rng=rng
            )
            assert order != sorted(order)

    def test_matching_answers_are_always_shuffled(self):
        orders = {
            tuple(
                grading.display_order(
                    "matching", SAMPLE_DATA["matching"], shuffle=False, rng=random.Random(seed)
                )
            )
            for seed in range(20)
        }
        assert len(orders) > 1


class TestAggregation:
    P = [Decimal("40"), Decimal("90"), Decimal("60")]

    @pytest.mark.parametrize(
        "method, expected",
        [("highest", "90"), ("last", "60"), ("first", "40"), ("average", "63.33")],
    )
    def test_grading_methods(self, method, expected):
        assert grading.overall_percent(method, self.P) == Decimal(expected)

    def test_no_graded_attempt_is_not_a_pass(self):
        assert grading.overall_percent("highest", []) is None
        assert not grading.overall_passed("highest", [], 70)

    def test_a_failed_attempt_never_passes(self):
        assert not grading.overall_passed("highest", [Decimal("69.99")], 70)


class TestReviewPolicy:
    POLICY = {
        "submit": {"score"},
        "pass": {"correctness"},
        "last": {"feedback"},
        "close": {"answers"},
    }

    def moment(self, **kw):
        return grading.ReviewMoment(
            **{"graded": True, "passed": False, "no_attempts_left": False, "closed": False, **kw}
        )

    def test_each_moment_adds_what_it_allows(self):
        assert grading.review_allowed(self.POLICY, self.moment()) == {"score"}
        assert grading.review_allowed(self.POLICY, self.moment(passed=True)) == {
            "score",
            "correctness",
        }
        assert grading.review_allowed(self.POLICY, self.moment(no_attempts_left=True)) == {
            "score",
            "feedback",
        }
        assert grading.review_allowed(self.POLICY, self.moment(closed=True)) == {"score", "answers"}

    def test_no_score_or_correctness_before_grading_is_final(self):
        allowed = grading.review_allowed(self.POLICY, self.moment(graded=False, passed=True))
        assert allowed == set()


class TestDraw:
    def test_draws_the_count_from_each_category_without_repeats(self):
        rules = [grading.Rule(count=2, category_id=1), grading.Rule(count=3, category_id=2)]
        available = {1: [10, 11, 12, 13], 2: [20, 21, 22]}
        drawn = grading.draw_questions(rules, available, rng=random.Random(3))
        assert len(drawn) == 5 and len(set(drawn)) == 5
        assert sum(1 for qid in drawn if qid < 20) == 2

    def test_fixed_questions_are_always_included_once(self):
        rules = [grading.Rule(count=1, question_id=11), grading.Rule(count=4, category_id=1)]
        drawn = grading.draw_questions(rules, {1: [10, 11, 12]}, rng=random.Random(0))
        assert drawn[0] == 11 and sorted(drawn) == [10, 11, 12]


# --- properties -----------------------------------------------------------------------------

options_st = (
    st.lists(st.booleans(), min_size=2, max_size=8)
    .filter(any)
    .map(lambda flags: {"options": [{"text": f"o{i}", "correct": f} for i, f in enumerate(flags)]})
)
points_st = st.integers(min_value=1, max_value=20)


@given(data=options_st, points=points_st, chosen=st.lists(st.integers(0, 7), max_size=8))
def test_multiple_response_score_is_within_zero_and_max(data, points, chosen):
    chosen = [c for c in chosen if c < len(data["options"])]
    score = grading.grade({"type": "multiple", "points": points, "data": data}, chosen)
    assert Decimal(0) <= score <= points


@given(
    data=options_st,
    points=points_st,
    chosen=st.lists(st.integers(0, 7), max_size=8),
    seed=st.integers(),
)
def test_multiple_response_ignores_the_order_of_choices(data, points, chosen, seed):
    chosen = [c for c in chosen if c < len(data["options"])]
    shuffled = list(chosen)
    random.Random(seed).shuffle(shuffled)
    question = {"type": "multiple", "points": points, "data": data}
    assert grading.grade(question, chosen) == grading.grade(question, shuffled)


@given(data=options_st, points=points_st)
def test_choosing_exactly_the_correct_options_earns_full_points(data, points):
    correct = [i for i, o in enumerate(data["options"]) if o["correct"]]
    assert grading.grade({"type": "multiple", "points": points, "data": data}, correct) == points


@given(data=options_st, seed=st.integers())
def test_display_order_round_trips_every_answer(data, seed):
    rng = random.Random(seed)
    order = grading.display_order("multiple", data, shuffle=True, rng=rng)
    assert sorted(order) == list(range(len(data["options"])))
    positions = sorted(rng.sample(range(len(order)), rng.randint(0, len(order))))
    canonical = grading.to_canonical("multiple", [str(p) for p in positions], order)
    assert grading.to_display("multiple", canonical, order) == positions


@given(n=st.integers(2, 6), points=points_st, seed=st.integers())
def test_matching_score_is_within_bounds_and_grows_with_correct_pairs(n, points, seed):
    rng = random.Random(seed)
    data = {"pairs": [[f"l{i}", f"r{i}"] for i in range(n)]}
    answer = {str(i): rng.randrange(n) for i in range(n)}
    question = {"type": "matching", "points": points, "data": data}
    score = grading.grade(question, answer)
    assert 0 <= score <= points
    fixed = dict(answer)
    wrong = [k for k, v in answer.items() if int(k) != v]
    if wrong:
        fixed[wrong[0]] = int(wrong[0])
        assert grading.grade(question, fixed) > score


@given(n=st.integers(2, 6), seed=st.integers())
def test_ordering_scores_full_only_for_the_exact_order(n, seed):
    rng = random.Random(seed)
    ranks = list(range(1, n + 1))
    rng.shuffle(ranks)
    answer = {str(i): r for i, r in enumerate(ranks)}
    question = {"type": "ordering", "points": 2, "data": {"items": [f"i{i}" for i in range(n)]}}
    expected = 2 if ranks == sorted(ranks) else 0
    assert grading.grade(question, answer) == expected


@given(text=st.text(alphabet=string.ascii_letters + string.digits + " -.,'", max_size=40))
def test_short_answer_normalisation_is_case_and_space_insensitive(text):
    question = {"type": "short", "points": 1, "data": {"accepted_answers": [text or "x"]}}
    variant = "  " + (text or "x").upper() + "  "
    if grading.normalise_text(text or "x"):
        assert grading.grade(question, variant) == grading.grade(question, text or "x") == 1


@given(
    percents=st.lists(st.decimals(0, 100, places=2), max_size=6),
    method=st.sampled_from(["highest", "last", "first", "average"]),
)
def test_overall_result_stays_within_the_attempts_range(percents, method):
    result = grading.overall_percent(method, percents)
    if not percents:
        assert result is None
    else:
        assert min(percents) <= result <= max(percents)


def test_answer_data_with_fields_nothing_reads_is_refused():
    """Grading and the editor read one field per type; anything else would be lost unseen."""
    assert grading.validate_question_data("short", {"accepted_answers": ["988"], "hint": "x"}) == [
        "Unknown field(s) in the answer data: hint."
    ]
    rubric = {"rubric": [{"criterion": "Names 988", "points": 2, "weight": 1}]}
    assert grading.validate_question_data("essay", rubric) == [
        "Rubric criteria: unknown field(s) weight."
    ]
    assert (
        grading.validate_question_data(
            "essay", {"rubric": [{"criterion": "Names 988", "points": 2}]}
        )
        == []
    )
