"""Cycle arithmetic, rule by rule. Dates are arbitrary fixed points; nothing reads the clock."""

from datetime import date, timedelta

import pytest

from continuing_education import rules

ISSUED = date(2030, 1, 15)
CYCLE = rules.cycle_from_issue(ISSUED, 24)


def test_first_cycle_runs_from_the_issue_date_to_the_printed_expiry_date():
    assert rules.Cycle(start=date(2030, 1, 15), end=date(2032, 1, 15)) == CYCLE


def test_cycle_end_matches_issuance_arithmetic_at_month_ends():
    # relativedelta clamps 31 January + 1 month to the end of February, as issuance does.
    assert rules.cycle_from_issue(date(2031, 1, 31), 1).end == date(2031, 2, 28)
    assert rules.cycle_from_issue(date(2032, 2, 29), 12).end == date(2033, 2, 28)


def test_a_cycle_contains_both_its_first_and_last_day_and_nothing_outside():
    assert CYCLE.contains(CYCLE.start) and CYCLE.contains(CYCLE.end)
    assert not CYCLE.contains(CYCLE.start - timedelta(days=1))
    assert not CYCLE.contains(CYCLE.end + timedelta(days=1))


def test_next_cycle_starts_the_day_after_expiry_and_keeps_the_anniversary():
    following = rules.next_cycle(CYCLE, 24)
    assert following.start == CYCLE.end + timedelta(days=1)
    assert following.end == date(2034, 1, 15)
    assert not (following.contains(CYCLE.end) or CYCLE.contains(following.start))


def test_cycle_length_must_be_positive():
    with pytest.raises(ValueError):
        rules.cycle_from_issue(ISSUED, 0)
    with pytest.raises(ValueError):
        rules.Cycle(start=ISSUED, end=ISSUED - timedelta(days=1))


def test_days_left_is_zero_on_the_expiry_day_and_negative_after():
    assert rules.days_left(CYCLE, CYCLE.end - timedelta(days=30)) == 30
    assert rules.days_left(CYCLE, CYCLE.end) == 0
    assert rules.days_left(CYCLE, CYCLE.end + timedelta(days=2)) == -2


def test_window_opens_the_configured_number_of_days_before_expiry():
    opens = rules.window_opens_on(CYCLE, 90)
    assert opens == CYCLE.end - timedelta(days=90)
    assert not rules.renewal_open(CYCLE, opens - timedelta(days=1), window_days=90, grace_days=90)
    assert rules.renewal_open(CYCLE, opens, window_days=90, grace_days=90)


def test_renewal_stays_open_through_the_grace_period_and_closes_after_it():
    last = rules.grace_ends_on(CYCLE, 90)
    assert last == CYCLE.end + timedelta(days=90)
    assert rules.renewal_open(CYCLE, last, window_days=90, grace_days=90)
    assert not rules.renewal_open(CYCLE, last + timedelta(days=1), window_days=90, grace_days=90)


def test_grace_starts_the_day_after_expiry():
    assert not rules.in_grace(CYCLE, CYCLE.end, 90)
    assert rules.in_grace(CYCLE, CYCLE.end + timedelta(days=1), 90)
    assert rules.in_grace(CYCLE, CYCLE.end + timedelta(days=90), 90)
    assert not rules.in_grace(CYCLE, CYCLE.end + timedelta(days=91), 90)


def test_lapsed_only_after_the_grace_period():
    assert not rules.is_lapsed(CYCLE, CYCLE.end + timedelta(days=90), 90)
    assert rules.is_lapsed(CYCLE, CYCLE.end + timedelta(days=91), 90)


def test_no_grace_period_means_lapsed_the_day_after_expiry():
    assert rules.is_lapsed(CYCLE, CYCLE.end + timedelta(days=1), 0)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-400, rules.Phase.ACTIVE),
        (-91, rules.Phase.ACTIVE),
        (-90, rules.Phase.WINDOW),
        (0, rules.Phase.WINDOW),
        (1, rules.Phase.GRACE),
        (90, rules.Phase.GRACE),
        (91, rules.Phase.LAPSED),
    ],
)
def test_phase_through_the_life_of_a_cycle(offset, expected):
    day = CYCLE.end + timedelta(days=offset)
    assert rules.phase(CYCLE, day, window_days=90, grace_days=90) == expected


@pytest.mark.parametrize(
    ("days_before", "expected"),
    [
        (120, None),
        (91, None),
        (90, 90),
        (31, 90),
        (30, 30),
        (8, 30),
        (7, 7),
        (0, 7),
        (-1, None),
    ],
)
def test_the_one_reminder_due_depends_on_days_left(days_before, expected):
    assert rules.reminder_due(CYCLE.end, CYCLE.end - timedelta(days=days_before)) == expected


def test_audit_sampling_is_deterministic_per_key_and_honours_0_and_100_percent():
    from decimal import Decimal

    assert rules.sampled_for_audit("k", Decimal("0")) is False
    assert rules.sampled_for_audit("k", Decimal("100")) is True
    assert rules.sampled_for_audit("renewal:X", Decimal("5")) == rules.sampled_for_audit(
        "renewal:X", Decimal("5")
    )


def test_audit_sampling_rate_is_close_to_the_configured_share():
    from decimal import Decimal

    sampled = sum(rules.sampled_for_audit(f"renewal:{n}", Decimal("5")) for n in range(20_000))
    assert 800 <= sampled <= 1200  # 5 % of 20 000 = 1 000
