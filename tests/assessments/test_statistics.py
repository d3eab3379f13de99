"""Item analysis: facility, discrimination (upper/lower 27 %), option distribution, flags."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from assessments.statistics import AttemptRecord, ItemResponse, discrimination_index, item_analysis


def record(percent, *responses):
    return AttemptRecord(percent=D(percent), responses=[ItemResponse(*r) for r in responses])


def test_facility_is_the_mean_share_earned():
    stats = item_analysis([record(100, (1, D(1))), record(50, (1, D("0.5"))), record(0, (1, D(0)))])
    assert stats[1].facility == D("50.0")
    assert stats[1].attempts == 3


def test_a_question_strong_trainees_get_right_discriminates():
    records = [record(90 - i * 10, (7, D(1) if i < 5 else D(0))) for i in range(10)]
    assert item_analysis(records)[7].discrimination == D("1.00")


def test_a_question_weak_trainees_get_right_is_flagged_to_check_the_key():
    records = [record(90 - i * 10, (7, D(0) if i < 5 else D(1))) for i in range(10)]
    stats = item_analysis(records)[7]
    assert stats.discrimination == D("-1.00")
    assert "negative discrimination: check the key" in stats.flags


def test_very_easy_and_very_hard_questions_are_flagged():
    easy = item_analysis([record(80, (1, D(1)))] * 6)[1]
    hard = item_analysis([record(80, (1, D(0)))] * 6)[1]
    assert "very easy" in easy.flags and "very hard" in hard.flags


def test_too_few_attempts_give_no_discrimination():
    assert discrimination_index([(D(50), D(1))] * 4) is None


def test_option_distribution_counts_each_choice():
    stats = item_analysis(
        [
            record(50, (1, D(1), 2)),
            record(50, (1, D(0), 0)),
            record(50, (1, D(1), 2)),
            record(50, (2, D(1), [0, 3])),
        ]
    )
    assert stats[1].option_counts == {0: 1, 2: 2}
    assert stats[2].option_counts == {0: 1, 3: 1}


@given(
    st.lists(
        st.tuples(st.decimals(0, 100, places=2), st.decimals(0, 1, places=2)),
        min_size=5,
        max_size=40,
    )
)
def test_discrimination_stays_within_minus_one_and_one(pairs):
    value = discrimination_index(pairs)
    assert D(-1) <= value <= D(1)


@given(st.lists(st.decimals(0, 1, places=2), min_size=1, max_size=30))
def test_facility_stays_within_0_and_100(shares):
    stats = item_analysis([record(50, (1, share)) for share in shares])[1]
    assert D(0) <= stats.facility <= D(100)
