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


def _records(rows):
    """rows: (total percent, share on question 1, answer on question 1)."""
    return [AttemptRecord(D(p), [ItemResponse(1, D(share), answer)]) for p, share, answer in rows]


def test_point_biserial_is_high_when_strong_trainees_get_the_item_right():
    records = _records([(90, 1, 0), (85, 1, 0), (80, 1, 0), (40, 0, 1), (35, 0, 2), (30, 0, 3)])
    [item] = item_analysis(records).values()
    assert item.point_biserial >= D("0.9")


def test_point_biserial_is_none_when_everybody_scores_alike():
    records = _records([(70, 1, 0)] * 6)
    [item] = item_analysis(records).values()
    assert item.point_biserial is None


def test_a_distractor_nobody_chooses_is_flagged():
    records = _records([(90, 1, 0), (80, 1, 0), (70, 1, 0), (40, 0, 1), (30, 0, 1), (20, 0, 2)])
    [item] = item_analysis(records, keys={1: ({0}, 4)}).values()
    assert item.distractor_flags == {3: "chosen by no one"}
    assert "option 4 chosen by no one" in item.flags


def test_a_distractor_chosen_by_higher_scorers_than_the_key_says_check_the_key():
    records = _records([(95, 0, 2), (90, 0, 2), (85, 0, 2), (40, 1, 0), (30, 1, 0), (20, 0, 1)])
    [item] = item_analysis(records, keys={1: ({0}, 3)}).values()
    assert item.distractor_flags[2].startswith("chosen by higher scorers")


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=100),
            st.sampled_from([0, 1]),
            st.integers(min_value=0, max_value=3),
        ),
        min_size=5,
        max_size=40,
    )
)
def test_point_biserial_stays_between_minus_one_and_one(rows):
    [item] = item_analysis(_records(rows)).values()
    assert item.point_biserial is None or D(-1) <= item.point_biserial <= D(1)
