"""Invariants of CE eligibility, checked over generated records (hypothesis)."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from continuing_education import rules

CATEGORIES = ["Ethics", "Confidentiality", "Cultural competency"]
MODES = ["live_in_person", "live_online", "self_study_online", "self_study_other"]
START = date(2030, 1, 1)

IDS = st.integers(min_value=1, max_value=30)  # small, so ids repeat
quarter_hours = st.integers(min_value=0, max_value=48).map(lambda q: D(q) / 4)


# The strategies the composites draw from, made once: a strategy made inside a composite is
# made (and validated) again for every example; drawing from these draws the same values.
CYCLE_DAYS = st.integers(0, 400)
CYCLE_MONTHS = st.sampled_from([12, 24, 36])
ALLOCATIONS = st.lists(st.tuples(st.sampled_from(CATEGORIES), quarter_hours), max_size=3)
ACTIVITY_DAYS = st.integers(-200, 1800)
ACTIVITY_MODES = st.sampled_from(MODES)
MINIMUMS = st.lists(
    st.tuples(st.sampled_from(CATEGORIES), quarter_hours),
    max_size=3,
    unique_by=lambda t: t[0],
)
DAILY_CAPS = st.one_of(st.none(), quarter_hours.filter(lambda h: h > 0))
MODE_CAPS = st.lists(
    st.tuples(st.sampled_from(MODES), quarter_hours), max_size=2, unique_by=lambda t: t[0]
)


@st.composite
def cycles(draw):
    start = START + timedelta(days=draw(CYCLE_DAYS))
    return rules.cycle_from_issue(start, draw(CYCLE_MONTHS))


@st.composite
def activities(draw):
    hours = draw(quarter_hours)
    alloc = draw(ALLOCATIONS)
    return rules.Activity(
        id=draw(IDS),
        date=START + timedelta(days=draw(ACTIVITY_DAYS)),
        hours=hours,
        mode=draw(ACTIVITY_MODES),
        approved=draw(st.booleans()),
        allocations=tuple(alloc),
    )


@st.composite
def rule_sets(draw):
    minimums = draw(MINIMUMS)
    daily = draw(DAILY_CAPS)
    mode_caps = draw(MODE_CAPS)
    return rules.Rules(
        total_hours=draw(quarter_hours),
        category_minimums=tuple(minimums),
        daily_cap=daily,
        daily_capped_modes=frozenset({"self_study_online"}),
        mode_caps=tuple(mode_caps),
    )


def _unique(items):
    """What the records would be in the database: one row per id (the first one seen)."""
    seen, result = set(), []
    for item in sorted(items, key=rules._order):
        if item.id not in seen:
            seen.add(item.id)
            result.append(item)
    return result


def _eligible(items, cycle):
    return [a for a in _unique(items) if a.approved and cycle.contains(a.date)]


COMMON = settings(max_examples=150, deadline=None)


@COMMON
@given(rule_sets(), cycles(), st.lists(activities(), max_size=25))
def test_no_activity_is_counted_twice_within_one_cycle(rule_set, cycle, items):
    result = rules.evaluate(rule_set, cycle, items + items)  # every record listed twice
    ids = [c.activity_id for c in result.counted]
    assert len(ids) == len(set(ids))
    assert result.total_counted == sum((c.hours for c in result.counted), D(0))


@COMMON
@given(rule_sets(), cycles(), st.lists(activities(), max_size=25))
def test_an_activity_outside_the_cycle_never_counts(rule_set, cycle, items):
    result = rules.evaluate(rule_set, cycle, items)
    by_id = {a.id: a for a in _unique(items)}
    for counted in result.counted:
        assert cycle.contains(by_id[counted.activity_id].date)
        assert by_id[counted.activity_id].approved


@COMMON
@given(rule_sets(), cycles(), st.lists(activities(), max_size=25))
def test_total_counted_never_exceeds_the_eligible_hours(rule_set, cycle, items):
    result = rules.evaluate(rule_set, cycle, items)
    eligible = _eligible(items, cycle)
    assert result.total_counted <= sum((a.hours for a in eligible), D(0))
    by_id = {a.id: a for a in eligible}
    for counted in result.counted:
        assert 0 < counted.hours <= by_id[counted.activity_id].hours


@COMMON
@given(rule_sets(), cycles(), st.lists(activities(), max_size=25))
def test_category_hours_come_only_from_eligible_allocations(rule_set, cycle, items):
    result = rules.evaluate(rule_set, cycle, items)
    allocated = defaultdict(lambda: D(0))
    for activity in _eligible(items, cycle):
        for category, hours in activity.allocations:
            allocated[category] += hours
    for row in result.categories:
        assert row.counted <= allocated[row.category]
        assert row.met == (row.counted >= row.required)
    for counted in result.counted:
        assert sum((h for _c, h in counted.by_category), D(0)) <= counted.hours


@COMMON
@given(rule_sets(), cycles(), st.lists(activities(), max_size=25))
def test_caps_hold(rule_set, cycle, items):
    result = rules.evaluate(rule_set, cycle, items)
    by_id = {a.id: a for a in _unique(items)}
    per_day, per_mode = defaultdict(lambda: D(0)), defaultdict(lambda: D(0))
    for counted in result.counted:
        activity = by_id[counted.activity_id]
        per_mode[activity.mode] += counted.hours
        if activity.mode in rule_set.daily_capped_modes:
            per_day[activity.date] += counted.hours
    if rule_set.daily_cap is not None:
        assert all(total <= rule_set.daily_cap for total in per_day.values())
    for mode, cap in rule_set.mode_caps:
        assert per_mode[mode] <= cap


@COMMON
@given(rule_sets(), cycles(), st.lists(activities(), max_size=25), st.randoms())
def test_the_result_does_not_depend_on_input_order(rule_set, cycle, items, rnd):
    unique = _unique(items)  # same ids with different data would be different records
    shuffled = list(unique)
    rnd.shuffle(shuffled)
    assert rules.evaluate(rule_set, cycle, unique) == rules.evaluate(rule_set, cycle, shuffled)


@COMMON
@given(rule_sets(), cycles(), st.lists(activities(), max_size=25))
def test_met_means_total_and_every_minimum_reached(rule_set, cycle, items):
    result = rules.evaluate(rule_set, cycle, items)
    expected = result.total_counted >= rule_set.total_hours and all(
        result.categories[i].counted >= minimum
        for i, (_name, minimum) in enumerate(rule_set.category_minimums)
    )
    assert result.met == expected


@COMMON
@given(cycles(), st.integers(-800, 800), st.integers(0, 365), st.integers(0, 365))
def test_exactly_one_phase_and_renewal_open_matches_window_or_grace(cycle, offset, window, grace):
    day = cycle.end + timedelta(days=offset)
    phase = rules.phase(cycle, day, window_days=window, grace_days=grace)
    open_ = rules.renewal_open(cycle, day, window_days=window, grace_days=grace)
    assert open_ == (phase in (rules.Phase.WINDOW, rules.Phase.GRACE))
    assert (phase == rules.Phase.LAPSED) == rules.is_lapsed(cycle, day, grace)


@COMMON
@given(cycles(), st.sampled_from([12, 24, 36]), st.integers(1, 4))
def test_consecutive_cycles_never_overlap_and_leave_no_gap(cycle, months, steps):
    current = cycle
    for _ in range(steps):
        following = rules.next_cycle(current, months)
        assert following.start == current.end + timedelta(days=1)
        current = following
