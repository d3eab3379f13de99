"""The pure rules of practical evaluations: the pass rule with critical criteria, who may ask,
the second-rater sample, and agreement between raters (percent and Cohen's kappa)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluations import rules
from evaluations.rules import (
    COOLDOWN,
    DRIFT,
    ELIGIBLE,
    NO_ATTEMPTS_LEFT,
    OK,
    OPEN_REQUEST,
    PASSED,
    PREREQUISITES,
    TOO_FEW,
    Agreement,
    CriterionRule,
    History,
    IncompleteRating,
    PassRule,
    RetakeRule,
    cohens_kappa,
    drift_flag,
    eligibility,
    grade,
    percent_agreement,
    sampled,
)

FOUR = [CriterionRule(1), CriterionRule(2), CriterionRule(3, critical=True), CriterionRule(4)]
SEVENTY = PassRule(pass_percent=70)


# --- the pass rule -------------------------------------------------------------------------------


def test_a_critical_criterion_below_met_fails_whatever_the_total():
    outcome = grade(FOUR, {1: 3, 2: 3, 3: 1, 4: 3}, SEVENTY)
    assert outcome.total == 10 and outcome.max_total == 12
    assert outcome.percent == 83
    assert outcome.critical_unmet == (3,)
    assert not outcome.passed


def test_all_critical_criteria_met_and_the_total_reached_passes():
    outcome = grade(FOUR, {1: 2, 2: 2, 3: 2, 4: 3}, SEVENTY)
    assert outcome.passed and outcome.critical_unmet == ()


def test_the_pass_mark_is_compared_exactly_not_after_rounding():
    # One criterion at "met": 2 of 3 is 66.67 %, shown floored as 66 %.
    one = [CriterionRule(1)]
    assert grade(one, {1: 2}, PassRule(pass_percent=66)).passed
    assert not grade(one, {1: 2}, PassRule(pass_percent=67)).passed
    assert grade(one, {1: 2}, PassRule(pass_percent=67)).percent == 66
    # Exactly on the mark passes: 21 of 30 is 70 %; one level less is not.
    ten = [CriterionRule(i) for i in range(10)]
    levels = dict.fromkeys(range(10), 2) | {0: 3}
    assert grade(ten, levels, SEVENTY).total == 21
    assert grade(ten, levels, SEVENTY).passed
    assert not grade(ten, levels | {1: 1}, SEVENTY).passed


def test_the_critical_minimum_is_data():
    exemplary_only = PassRule(pass_percent=0, critical_min_level=rules.EXEMPLARY)
    assert not grade(FOUR, {1: 3, 2: 3, 3: 2, 4: 3}, exemplary_only).passed
    assert grade(FOUR, {1: 0, 2: 0, 3: 3, 4: 0}, exemplary_only).passed


@pytest.mark.parametrize(
    "levels",
    [
        {1: 2, 2: 2, 3: 2},  # one criterion missing
        {1: 2, 2: 2, 3: 2, 4: 2, 5: 2},  # a criterion of another instrument
        {1: 2, 2: 2, 3: 4, 4: 2},  # off the scale
        {1: 2, 2: -1, 3: 2, 4: 2},
    ],
)
def test_an_incomplete_or_off_scale_rating_is_refused(levels):
    with pytest.raises(IncompleteRating):
        grade(FOUR, levels, SEVENTY)


def test_an_instrument_without_criteria_cannot_be_rated():
    with pytest.raises(IncompleteRating):
        grade([], {}, SEVENTY)


criteria_and_levels = st.lists(st.booleans(), min_size=1, max_size=8).flatmap(
    lambda flags: st.tuples(
        st.just([CriterionRule(i, critical=flag) for i, flag in enumerate(flags)]),
        st.lists(st.sampled_from(rules.LEVELS), min_size=len(flags), max_size=len(flags)),
        st.integers(min_value=0, max_value=100),
        st.sampled_from(rules.LEVELS),
    )
)


@given(criteria_and_levels)
def test_a_critical_criterion_below_the_minimum_never_passes(case):
    criteria, levels, pass_percent, minimum = case
    outcome = grade(
        criteria, dict(enumerate(levels)), PassRule(pass_percent, critical_min_level=minimum)
    )
    below = any(c.critical and levels[c.id] < minimum for c in criteria)
    if below:
        assert not outcome.passed
    assert 0 <= outcome.percent <= 100


@given(criteria_and_levels, st.data())
def test_raising_a_level_never_turns_a_pass_into_a_fail(case, data):
    criteria, levels, pass_percent, minimum = case
    rule = PassRule(pass_percent, critical_min_level=minimum)
    before = grade(criteria, dict(enumerate(levels)), rule)
    index = data.draw(st.integers(min_value=0, max_value=len(levels) - 1))
    raised = list(levels)
    raised[index] = min(rules.MAX_LEVEL, raised[index] + 1)
    after = grade(criteria, dict(enumerate(raised)), rule)
    assert after.total >= before.total
    if before.passed:
        assert after.passed


# --- who may ask -------------------------------------------------------------------------------

TODAY = date(2026, 6, 1)
RETAKE = RetakeRule(cooldown_days=14, max_attempts=3)
DONE = [("Module 1", True), ("OARS lesson", True)]


def test_eligible_when_prerequisites_are_met_and_nothing_stands_in_the_way():
    result = eligibility(prerequisites=DONE, history=History(), retake=RETAKE, today=TODAY)
    assert result.status == ELIGIBLE and result.may_request and result.attempts_left == 3


def test_unmet_prerequisites_are_named():
    result = eligibility(
        prerequisites=[("Module 1", True), ("Module 2", False)],
        history=History(),
        retake=RETAKE,
        today=TODAY,
    )
    assert result.status == PREREQUISITES and result.missing == ("Module 2",)
    assert not result.may_request


def test_a_fail_starts_the_cooldown_and_it_ends_on_the_stated_day():
    history = History(attempts=1, last_failed_on=date(2026, 5, 25))
    waiting = eligibility(prerequisites=DONE, history=history, retake=RETAKE, today=TODAY)
    assert waiting.status == COOLDOWN and waiting.next_on == date(2026, 6, 8)
    assert waiting.attempts_left == 2
    on_the_day = eligibility(
        prerequisites=DONE, history=history, retake=RETAKE, today=date(2026, 6, 8)
    )
    assert on_the_day.status == ELIGIBLE


def test_attempts_run_out():
    history = History(attempts=3, last_failed_on=date(2026, 1, 1))
    result = eligibility(prerequisites=DONE, history=history, retake=RETAKE, today=TODAY)
    assert result.status == NO_ATTEMPTS_LEFT and result.attempts_left == 0


def test_a_pass_or_an_open_request_comes_first():
    passed = History(attempts=1, passed_on=date(2026, 5, 1))
    assert eligibility(prerequisites=[], history=passed, retake=RETAKE, today=TODAY).status == (
        PASSED
    )
    open_one = History(open_request=True)
    result = eligibility(
        prerequisites=[("Module 2", False)], history=open_one, retake=RETAKE, today=TODAY
    )
    assert result.status == OPEN_REQUEST


# --- the second-rater sample ------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=rules.SAMPLE_SCALE - 1))
def test_rates_of_zero_and_a_hundred_pick_none_and_all(draw):
    assert not sampled(0, draw)
    assert sampled(100, draw)


def test_a_rate_picks_that_share_of_the_draws():
    picked = sum(sampled(20, draw) for draw in range(rules.SAMPLE_SCALE))
    assert picked == rules.SAMPLE_SCALE // 5


# --- agreement ---------------------------------------------------------------------------------


def test_kappa_matches_a_worked_example():
    # 50 ratings: both "met" 20, both "partly" 15, disagreeing 5 + 10. p_o = 0.7, p_e = 0.5.
    pairs = [(2, 2)] * 20 + [(2, 1)] * 5 + [(1, 2)] * 10 + [(1, 1)] * 15
    assert percent_agreement(pairs) == 70.0
    assert cohens_kappa(pairs) == pytest.approx(0.4)


def test_agreement_no_better_than_chance_is_zero_and_systematic_disagreement_is_negative():
    assert cohens_kappa([(1, 1), (1, 2), (2, 1), (2, 2)]) == pytest.approx(0.0)
    assert cohens_kappa([(1, 2), (2, 1)]) == pytest.approx(-1.0)


def test_no_pairs_no_numbers():
    assert cohens_kappa([]) is None and percent_agreement([]) is None
    assert drift_flag(rules.agreement([]), kappa_threshold=0.6, min_pairs=1) == TOO_FEW


pairs = st.lists(
    st.tuples(st.sampled_from(rules.LEVELS), st.sampled_from(rules.LEVELS)), min_size=1
)


@given(pairs)
def test_kappa_lies_between_minus_one_and_one(ratings):
    kappa = cohens_kappa(ratings)
    assert -1.0 <= kappa <= 1.0
    assert 0.0 <= percent_agreement(ratings) <= 100.0


@given(st.lists(st.sampled_from(rules.LEVELS), min_size=1))
def test_perfect_agreement_gives_kappa_one(levels):
    same = [(level, level) for level in levels]
    assert cohens_kappa(same) == 1.0
    assert percent_agreement(same) == 100.0


@given(pairs)
def test_kappa_does_not_depend_on_which_rater_is_first(ratings):
    swapped = [(b, a) for a, b in ratings]
    assert cohens_kappa(swapped) == pytest.approx(cohens_kappa(ratings))
    assert percent_agreement(swapped) == percent_agreement(ratings)


@given(pairs, st.permutations(list(range(20))))
def test_kappa_does_not_depend_on_the_order_of_the_pairs(ratings, order):
    shuffled = sorted(ratings, key=lambda pair: order[(pair[0] * 4 + pair[1]) % 20])
    assert cohens_kappa(shuffled) == pytest.approx(cohens_kappa(ratings))


def test_drift_is_flagged_only_with_enough_pairs_and_kappa_below_the_threshold():
    low = Agreement(pairs=12, percent=50.0, kappa=0.3)
    assert drift_flag(low, kappa_threshold=0.6, min_pairs=10) == DRIFT
    assert drift_flag(low, kappa_threshold=0.6, min_pairs=20) == TOO_FEW
    assert drift_flag(low, kappa_threshold=0.25, min_pairs=10) == OK
