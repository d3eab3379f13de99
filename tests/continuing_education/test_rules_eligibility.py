"""Which activities count toward a cycle, rule by rule (pure functions, plain data)."""

from datetime import date, timedelta
from decimal import Decimal as D

from continuing_education import rules

CYCLE = rules.Cycle(start=date(2030, 1, 15), end=date(2032, 1, 15))
MID = date(2031, 3, 1)
RULES = rules.Rules(total_hours=D("20"), category_minimums=(("Ethics", D("6")),))
SELF = "self_study_online"
LIVE = "live_in_person"


def act(id, hours, *, day=MID, mode=LIVE, approved=True, alloc=()):
    return rules.Activity(
        id=id,
        date=day,
        hours=D(hours),
        mode=mode,
        approved=approved,
        allocations=tuple((c, D(h)) for c, h in alloc),
    )


def test_approved_activities_inside_the_cycle_count_toward_the_total():
    result = rules.evaluate(RULES, CYCLE, [act(1, "5"), act(2, "3")])
    assert result.total_counted == D("8")
    assert [c.activity_id for c in result.counted] == [1, 2]


def test_submitted_or_rejected_activities_do_not_count():
    result = rules.evaluate(RULES, CYCLE, [act(1, "5", approved=False)])
    assert result.total_counted == 0
    assert result.excluded == (rules.Excluded(1, rules.NOT_APPROVED),)


def test_activities_outside_the_cycle_do_not_count_but_its_first_and_last_day_do():
    before = act(1, "2", day=CYCLE.start - timedelta(days=1))
    after = act(2, "2", day=CYCLE.end + timedelta(days=1))
    first = act(3, "2", day=CYCLE.start)
    last = act(4, "2", day=CYCLE.end)
    result = rules.evaluate(RULES, CYCLE, [before, after, first, last])
    assert {c.activity_id for c in result.counted} == {3, 4}
    assert {e.activity_id: e.reason for e in result.excluded} == {
        1: rules.OUTSIDE_CYCLE,
        2: rules.OUTSIDE_CYCLE,
    }


def test_an_activity_counts_once_even_if_listed_twice():
    result = rules.evaluate(RULES, CYCLE, [act(1, "4", alloc=[("Ethics", "4")])] * 2)
    assert result.total_counted == D("4")
    assert result.categories[0].counted == D("4")
    assert result.excluded == (rules.Excluded(1, rules.DUPLICATE),)


def test_hours_split_across_categories_count_once_toward_the_total():
    result = rules.evaluate(
        RULES, CYCLE, [act(1, "6", alloc=[("Ethics", "3"), ("Confidentiality", "3")])]
    )
    assert result.total_counted == D("6")
    assert dict((r.category, r.counted) for r in result.categories) == {
        "Ethics": D("3"),
        "Confidentiality": D("3"),
    }


def test_category_allocations_above_the_activity_hours_are_clipped():
    result = rules.evaluate(RULES, CYCLE, [act(1, "2", alloc=[("Ethics", "5")])])
    assert result.categories[0].counted == D("2")


def test_unallocated_hours_count_toward_the_total_only():
    result = rules.evaluate(RULES, CYCLE, [act(1, "5", alloc=[("Ethics", "1")])])
    assert result.total_counted == D("5")
    assert result.categories[0].counted == D("1")


def test_category_minimum_is_met_only_by_eligible_hours():
    outside = act(1, "6", day=CYCLE.end + timedelta(days=3), alloc=[("Ethics", "6")])
    pending = act(2, "6", approved=False, alloc=[("Ethics", "6")])
    inside = act(3, "2", alloc=[("Ethics", "2")])
    result = rules.evaluate(RULES, CYCLE, [outside, pending, inside])
    ethics = result.categories[0]
    assert (ethics.counted, ethics.remaining, ethics.met) == (D("2"), D("4"), False)


def test_met_needs_the_total_and_every_category_minimum():
    enough_total = [act(i, "5") for i in range(4)]
    assert not rules.evaluate(RULES, CYCLE, enough_total).met  # no ethics
    with_ethics = [*enough_total[:3], act(9, "6", alloc=[("Ethics", "6")])]
    result = rules.evaluate(RULES, CYCLE, with_ethics)
    assert result.total_counted == D("21") and result.met


def test_daily_self_study_cap_trims_hours_beyond_the_cap_on_one_day():
    capped = rules.Rules(
        total_hours=D("20"), daily_cap=D("8"), daily_capped_modes=frozenset({SELF})
    )
    result = rules.evaluate(capped, CYCLE, [act(1, "6", mode=SELF), act(2, "5", mode=SELF)])
    assert [(c.activity_id, c.hours, c.capped) for c in result.counted] == [
        (1, D("6"), False),
        (2, D("2"), True),
    ]


def test_daily_cap_resets_each_day_and_ignores_live_activities():
    capped = rules.Rules(
        total_hours=D("20"), daily_cap=D("8"), daily_capped_modes=frozenset({SELF})
    )
    result = rules.evaluate(
        capped,
        CYCLE,
        [
            act(1, "8", mode=SELF),
            act(2, "8", mode=SELF, day=MID + timedelta(days=1)),
            act(3, "8", mode=LIVE),
        ],
    )
    assert result.total_counted == D("24")


def test_an_activity_entirely_over_the_cap_is_excluded_with_a_reason():
    capped = rules.Rules(
        total_hours=D("20"), daily_cap=D("8"), daily_capped_modes=frozenset({SELF})
    )
    result = rules.evaluate(capped, CYCLE, [act(1, "8", mode=SELF), act(2, "1", mode=SELF)])
    assert result.excluded == (rules.Excluded(2, rules.CAP_REACHED),)


def test_caps_apply_in_date_then_id_order_whatever_the_input_order():
    capped = rules.Rules(
        total_hours=D("20"), daily_cap=D("8"), daily_capped_modes=frozenset({SELF})
    )
    items = [act(2, "5", mode=SELF), act(1, "5", mode=SELF)]
    assert rules.evaluate(capped, CYCLE, items) == rules.evaluate(capped, CYCLE, items[::-1])
    assert rules.evaluate(capped, CYCLE, items).counted[0].activity_id == 1


def test_mode_cap_per_cycle_limits_one_delivery_mode():
    capped = rules.Rules(total_hours=D("20"), mode_caps=(("self_study_other", D("10")),))
    result = rules.evaluate(
        capped,
        CYCLE,
        [act(i, "4", mode="self_study_other", day=MID + timedelta(days=i)) for i in range(4)],
    )
    assert result.total_counted == D("10")
    assert result.mode_room[0].remaining == 0
    assert [c.hours for c in result.counted] == [D("4"), D("4"), D("2")]


def test_capped_hours_go_to_required_categories_first():
    capped = rules.Rules(
        total_hours=D("20"),
        category_minimums=(("Ethics", D("6")),),
        daily_cap=D("4"),
        daily_capped_modes=frozenset({SELF}),
    )
    result = rules.evaluate(
        capped,
        CYCLE,
        [act(1, "6", mode=SELF, alloc=[("Cultural competency", "3"), ("Ethics", "3")])],
    )
    assert result.counted[0].by_category == (("Ethics", D("3")), ("Cultural competency", D("1")))


def test_zero_hour_records_count_nothing():
    result = rules.evaluate(RULES, CYCLE, [act(1, "0")])
    assert result.excluded == (rules.Excluded(1, rules.NO_HOURS),)


def test_checklist_reports_what_is_still_needed():
    result = rules.evaluate(RULES, CYCLE, [act(1, "8", alloc=[("Ethics", "2")])])
    assert result.total_remaining == D("12")
    assert result.percent == 40
    assert [(r.category, r.remaining) for r in result.short_categories] == [("Ethics", D("4"))]


def test_categories_without_a_minimum_are_listed_after_the_required_ones():
    result = rules.evaluate(RULES, CYCLE, [act(1, "4", alloc=[("Confidentiality", "4")])])
    assert [(r.category, r.required) for r in result.categories] == [
        ("Ethics", D("6")),
        ("Confidentiality", D("0")),
    ]
    assert [r.category for r in result.required_categories] == ["Ethics"]


def test_one_activity_counts_toward_two_credentials_when_inside_both_windows():
    other = rules.Cycle(start=date(2031, 1, 1), end=date(2032, 12, 31))
    shared = act(1, "6", alloc=[("Ethics", "6")])
    assert rules.evaluate(RULES, CYCLE, [shared]).total_counted == D("6")
    assert rules.evaluate(RULES, other, [shared]).total_counted == D("6")
