"""The suppression rules (outcomes/privacy.py) on plain numbers: no shown count holds 1–10
people, and no hidden one can be worked out by subtracting shown ones — within a table (a
total and its parts, a funnel's steps) or between a filtered view and the unfiltered one."""

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from outcomes.privacy import (
    Chain,
    Family,
    Partition,
    disclosive,
    median_from_counts,
    suppress,
    suppress_views,
)


def test_one_to_ten_people_are_hidden_zero_and_eleven_are_shown():
    hidden = suppress({"none": 0, "one": 1, "ten": 10, "eleven": 11})
    assert hidden == {"one", "ten"}


def test_a_hidden_part_is_not_left_as_the_total_minus_the_others():
    values = {"total": 40, "passed": 35, "failed": 5}
    hidden = suppress(values, partitions=[Partition("total", ("passed", "failed"))])
    # 40 - 35 would give the 5 away: the passed count goes too.
    assert hidden == {"passed", "failed"}


def test_two_hidden_parts_that_add_up_to_a_small_group_take_a_third_with_them():
    values = {"total": 60, "a": 40, "b": 12, "c": 3, "d": 5}
    hidden = suppress(values, partitions=[Partition("total", ("a", "b", "c", "d"))])
    # c + d = 8 would be 60 - 40 - 12: b (the smallest shown) is hidden as well.
    assert hidden == {"b", "c", "d"}


def test_a_funnel_step_that_drops_a_handful_of_people_is_hidden():
    values = {"enrolled": 50, "modules": 45, "exam": 30, "certified": 29}
    hidden = suppress(values, chains=[Chain(("enrolled", "modules", "exam", "certified"))])
    # 50 - 45 = 5 people stopped after enrolling; 30 - 29 = 1 failed the last step.
    assert hidden == {"modules", "certified"}


def test_a_filtered_figure_close_to_the_unfiltered_one_is_hidden():
    unfiltered = {"enrolled": 100, "certified": 40}
    cohort = {"enrolled": 94, "certified": 20}
    assert suppress(cohort, ancestors=[unfiltered]) == {"enrolled"}


def test_an_identical_filtered_view_hides_nothing_more():
    """Filtering by the only program version changes nothing: no group is singled out."""
    view = {"enrolled": 100, "certified": 40}
    assert suppress(view, ancestors=[dict(view)]) == frozenset()


def test_median_from_frequencies():
    assert median_from_counts({}) is None
    assert median_from_counts({10: 1, 20: 1, 30: 1}) == 20
    assert median_from_counts({10: 2, 30: 2}) == 20
    assert median_from_counts({5: 3, 100: 1}) == 5


# --- nothing hidden can be derived -------------------------------------------------------------


def feasible_values(values, hidden, partition):
    """Every assignment of non-negative counts to the hidden cells that agrees with what is shown
    and with total == sum(parts), by brute force (small numbers only)."""
    keys = [partition.total, *partition.parts]
    unknown = [key for key in keys if key in hidden]
    bound = max(values.values()) + 1
    if not unknown:
        consistent = values[partition.total] == sum(values[part] for part in partition.parts)
        return unknown, [{}] if consistent else []
    # total == sum(parts) fixes the last unknown once the others are guessed: trying each of
    # its `bound` values too would find the same assignments `bound` times slower (this test
    # took 18 s that way).
    *free, last = unknown
    found = []
    for guess in product(range(bound), repeat=len(free)):
        trial = dict(values)
        trial.update(zip(free, guess, strict=True))
        others = sum(trial[part] for part in partition.parts if part != last)
        value = others if last == partition.total else trial[partition.total] - others
        if 0 <= value < bound:
            found.append(dict(zip(unknown, (*guess, value), strict=True)))
    return unknown, found


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=25), min_size=2, max_size=3))
def test_no_hidden_small_group_can_be_derived_within_a_table(parts):
    values = {"total": sum(parts)} | {f"p{i}": v for i, v in enumerate(parts)}
    partition = Partition("total", tuple(f"p{i}" for i in range(len(parts))))
    hidden = suppress(values, partitions=[partition])
    # Nothing shown is a small group.
    assert not any(disclosive(values[key]) for key in values if key not in hidden)
    unknown, found = feasible_values(values, hidden, partition)
    for key in unknown:
        if disclosive(values[key]):
            possible = {assignment[key] for assignment in found}
            assert len(possible) > 1, (values, sorted(hidden), key)
    # And the hidden parts together are not a small group either, when the total is shown.
    if "total" not in hidden:
        assert not disclosive(sum(values[k] for k in hidden))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60), min_size=2, max_size=6))
def test_shown_funnel_steps_never_differ_by_a_small_group(steps):
    steps = sorted(steps, reverse=True)
    values = {f"s{i}": v for i, v in enumerate(steps)}
    hidden = suppress(values, chains=[Chain(tuple(values))])
    shown = [values[key] for key in values if key not in hidden]
    assert not any(disclosive(v) for v in shown)
    for before, after in zip(shown, shown[1:], strict=False):
        assert not disclosive(before - after)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=2, max_size=3),
    st.lists(st.integers(min_value=0, max_value=30), min_size=2, max_size=3),
)
def test_a_filtered_view_and_the_unfiltered_one_give_no_small_group_away(inside, outside):
    """The filter splits each bucket of a distribution into the people inside it and outside
    it. Whatever is shown in both views, no shown difference is a small group."""
    n = min(len(inside), len(outside))
    inside, outside = inside[:n], outside[:n]
    parts = tuple(f"b{i}" for i in range(n))
    partition = Partition("total", parts)
    unfiltered = {"total": sum(inside) + sum(outside)} | {
        f"b{i}": inside[i] + outside[i] for i in range(n)
    }
    filtered = {"total": sum(inside)} | {f"b{i}": inside[i] for i in range(n)}
    hidden_all = suppress(unfiltered, partitions=[partition])
    hidden_filtered = suppress(filtered, partitions=[partition], ancestors=[unfiltered])
    for key in filtered:
        if key in hidden_all or key in hidden_filtered:
            continue
        assert not disclosive(unfiltered[key] - filtered[key]), (unfiltered, filtered, key)
    # Within the filtered view, a hidden small part stays underivable.
    unknown, found = feasible_values(filtered, hidden_filtered, partition)
    for key in unknown:
        if disclosive(filtered[key]):
            assert len({assignment[key] for assignment in found}) > 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=2, max_size=4))
def test_the_values_of_one_filter_cannot_be_subtracted_from_the_unfiltered_view(children):
    """Each value of a filter (a year, a version) is a view of its own: whatever the views
    show, the unfiltered figure minus the shown values is never a hidden small group, and no
    shown value is within 10 of the unfiltered figure."""
    names = tuple(f"v{i}" for i in range(len(children)))
    views = {"all": {"k": sum(children)}} | {
        name: {"k": count} for name, count in zip(names, children, strict=True)
    }
    hidden = suppress_views(
        views,
        rules={},
        ancestors={name: ["all"] for name in names},
        families=[Family("all", names)],
    )
    assert not any(disclosive(views[v]["k"]) for v in views if "k" not in hidden[v])
    if "k" in hidden["all"]:
        return
    shown = [views[name]["k"] for name in names if "k" not in hidden[name]]
    if len(shown) < len(names):
        assert not disclosive(views["all"]["k"] - sum(shown)), (children, hidden)
    for value in shown:
        assert not disclosive(views["all"]["k"] - value)


def test_a_cohort_hidden_alone_does_not_hide_the_unfiltered_figure():
    """People in no cohort are in the unfiltered figure and in no cohort's: subtracting the
    one cohort gives them, not the cohort."""
    views = {"all": {"k": 30}, "spring": {"k": 25}}
    hidden = suppress_views(
        views,
        rules={},
        ancestors={"spring": ["all"]},
        families=[Family("all", ("spring",), covers=False)],
    )
    assert hidden == {"all": frozenset(), "spring": frozenset({"k"})}
