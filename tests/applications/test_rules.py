"""The decision clock, the appeal window, lived experience and the vendor's results file, as
pure functions."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from applications import rules

START = date(2026, 1, 5)
TODAY = date(2026, 12, 31)


def test_texas_sixty_days_without_pauses():
    assert rules.due_date(started_on=START, days=60, today=TODAY) == date(2026, 3, 6)


def test_days_waiting_for_the_applicant_do_not_count():
    # Asked on day 10, answered 14 days later: the decision is due 14 days later.
    pauses = [(START + timedelta(days=10), START + timedelta(days=24))]
    assert rules.due_date(started_on=START, days=60, pauses=pauses, today=TODAY) == date(
        2026, 3, 20
    )


def test_an_open_pause_moves_the_due_date_every_day_it_stays_open():
    pauses = [(START + timedelta(days=10), None)]
    first = rules.due_date(started_on=START, days=60, pauses=pauses, today=START + timedelta(20))
    later = rules.due_date(started_on=START, days=60, pauses=pauses, today=START + timedelta(30))
    assert later - first == timedelta(days=10)


def test_a_pause_after_the_deadline_does_not_excuse_a_late_decision():
    pauses = [(START + timedelta(days=70), START + timedelta(days=80))]
    assert rules.due_date(started_on=START, days=60, pauses=pauses, today=TODAY) == START + (
        timedelta(days=60)
    )


def test_overlapping_pauses_count_once():
    pauses = [
        (START + timedelta(days=5), START + timedelta(days=15)),
        (START + timedelta(days=10), START + timedelta(days=20)),
    ]
    assert rules.due_date(started_on=START, days=30, pauses=pauses, today=TODAY) == START + (
        timedelta(days=45)
    )


def test_overdue_only_after_the_due_day():
    due = date(2026, 3, 6)
    assert not rules.is_overdue(due=due, today=due)
    assert rules.is_overdue(due=due, today=due + timedelta(days=1))
    assert not rules.is_overdue(due=None, today=due + timedelta(days=400))


days = st.integers(min_value=1, max_value=365)
offsets = st.integers(min_value=-30, max_value=500)
lengths = st.integers(min_value=0, max_value=60)
pause_lists = st.lists(st.tuples(offsets, lengths), max_size=6)


def _pauses(spec):
    return [(START + timedelta(a), START + timedelta(a + n)) for a, n in spec]


@given(days, pause_lists)
def test_the_clock_runs_exactly_the_boards_days_until_the_due_date(limit, spec):
    pauses = _pauses(spec)
    due = rules.due_date(started_on=START, days=limit, pauses=pauses, today=TODAY)
    assert due >= START + timedelta(days=limit)
    assert rules.running_days(started_on=START, until=due, pauses=pauses, today=TODAY) == limit


@given(days, pause_lists, st.tuples(offsets, lengths))
def test_another_pause_never_brings_the_due_date_forward(limit, spec, extra):
    before = rules.due_date(started_on=START, days=limit, pauses=_pauses(spec), today=TODAY)
    after = rules.due_date(
        started_on=START, days=limit, pauses=_pauses([*spec, extra]), today=TODAY
    )
    assert after >= before


@given(st.integers(min_value=1, max_value=365), st.integers(min_value=0, max_value=800))
def test_the_appeal_window_includes_its_last_day_and_nothing_after(window, elapsed):
    denied = date(2026, 2, 1)
    today = denied + timedelta(days=elapsed)
    assert rules.appeal_open(denied_on=denied, window_days=window, today=today) == (
        elapsed <= window
    )


def test_lived_experience_is_a_yes_and_enough_months():
    assert rules.lived_experience_met(attested=True, months=18, minimum=18)  # PCB
    assert not rules.lived_experience_met(attested=True, months=23, minimum=24)  # FCB, NAADAC
    assert not rules.lived_experience_met(attested=False, months=60, minimum=18)
    assert not rules.lived_experience_met(attested=None, months=None, minimum=18)
    assert rules.lived_experience_met(attested=None, months=None, minimum=None)


def test_retention_counts_whole_years_even_from_a_leap_day():
    assert rules.purge_on(decided_on=date(2026, 3, 1), retention_years=6) == date(2032, 3, 1)
    assert rules.purge_on(decided_on=date(2028, 2, 29), retention_years=1) == date(2029, 2, 28)


HEADER = "candidate_id,date,scaled_score,result\n"


def test_a_clean_file_gives_one_row_per_line():
    rows, errors = rules.parse_results(
        HEADER + "TX-1001,2026-05-02,612,pass\nTX-1002,2026-05-02,455,FAIL\n", today=TODAY
    )
    assert errors == []
    assert [(r.line, r.candidate_id, r.passed) for r in rows] == [
        (2, "TX-1001", True),
        (3, "TX-1002", False),
    ]


def test_every_bad_line_is_named_by_its_line_number():
    text = (
        HEADER
        + "TX-1001,2026-05-02,612,pass\n"
        + "TX-1002,02/05/2026,612,pass\n"  # line 3: date
        + "TX-1003,2026-05-02,lots,pass\n"  # line 4: score
        + "TX-1004,2026-05-02,612,maybe\n"  # line 5: result
        + "TX-1005,2026-05-02\n"  # line 6: columns
        + "TX-1001,2026-05-02,640,pass\n"  # line 7: duplicate of line 2
        + "TX-1006,2099-01-01,700,pass\n"  # line 8: future
    )
    rows, errors = rules.parse_results(text, today=TODAY)
    assert [error.line for error in errors] == [3, 4, 5, 6, 7, 8]
    assert "YYYY-MM-DD" in errors[0].message
    assert "line 2" in errors[4].message


def test_a_wrong_header_is_refused_before_any_line():
    rows, errors = rules.parse_results("id,day,score\nTX-1,2026-01-01,600\n", today=TODAY)
    assert rows == [] and errors[0].line == 1


@given(st.text(max_size=400))
def test_any_text_gives_rows_or_errors_never_an_exception(text):
    rows, errors = rules.parse_results(text, today=TODAY)
    assert isinstance(rows, list) and isinstance(errors, list)
