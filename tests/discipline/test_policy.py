"""Discipline's pure rules: case steps, which sanctions are public, appeal window, retention."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from discipline import policy

KINDS = ["reprimand", "conditions", "probation", "suspension", "revocation", "surrender"]


@given(st.sampled_from(KINDS), st.sets(st.sampled_from(KINDS)))
def test_a_sanction_is_public_exactly_when_the_board_lists_its_kind(kind, published):
    assert policy.is_public(kind, published) is (kind in published)


def test_a_board_that_publishes_nothing_publishes_nothing():
    assert not any(policy.is_public(kind, ()) for kind in KINDS)


@pytest.mark.parametrize("step", policy.STEPS)
def test_every_open_step_can_be_closed_and_closed_is_final(step):
    if step == policy.CLOSED:
        assert policy.next_steps(step) == frozenset()
    else:
        assert policy.may_move(step, policy.CLOSED)


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("received", "investigating", True),
        ("received", "decided", False),
        ("investigating", "hearing", True),
        ("investigating", "decided", True),
        ("hearing", "decided", True),
        ("decided", "appeal", True),
        ("appeal", "decided", True),
        ("decided", "hearing", False),
        ("closed", "received", False),
    ],
)
def test_case_steps(current, target, allowed):
    assert policy.may_move(current, target) is allowed


@given(
    decided=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    days=st.integers(min_value=1, max_value=365),
    offset=st.integers(min_value=0, max_value=800),
)
def test_an_appeal_is_open_through_the_last_day_of_the_window(decided, days, offset):
    today = decided + timedelta(days=offset)
    assert policy.appeal_open(decided_on=decided, appeal_days=days, today=today) is (offset <= days)


@given(
    closed=st.dates(min_value=date(2000, 3, 1), max_value=date(2030, 1, 1)),
    years=st.integers(min_value=1, max_value=20),
)
def test_retention_runs_from_closure(closed, years):
    try:
        anniversary = closed.replace(year=closed.year + years)
    except ValueError:  # 29 February
        anniversary = closed.replace(year=closed.year + years, day=28)
    assert policy.retention_due(
        closed_on=closed, retention_years=years, today=anniversary + timedelta(days=1)
    )
    assert not policy.retention_due(
        closed_on=closed, retention_years=years, today=anniversary - timedelta(days=1)
    )


def test_an_open_case_is_never_due_for_purging():
    assert not policy.retention_due(closed_on=None, retention_years=1, today=date(2099, 1, 1))
