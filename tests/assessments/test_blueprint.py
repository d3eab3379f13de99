"""assessments.blueprint: exam forms by published domain weights, scaled scores, domain profiles."""

import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.blueprint import (
    DomainScore,
    PoolItem,
    ScaledScale,
    allocate,
    assemble,
    domain_profile,
    scaled_score,
)

# IC&RC Peer Recovery examination weights, as the demo exam stores them.
ICRC = {
    "Advocacy": 24,
    "Mentoring/Education": 24,
    "Recovery/Wellness Support": 31,
    "Ethical Responsibility": 21,
}


def make_pool(per_domain: int = 40) -> list[PoolItem]:
    items, next_id = [], 1
    for domain in ICRC:
        for n in range(per_domain):
            items.append(PoolItem(next_id, domain, ("easy", "medium", "medium", "hard")[n % 4]))
            next_id += 1
    return items


def test_fifty_items_follow_the_published_weights():
    assert allocate(ICRC, 50) == {
        "Advocacy": 12,
        "Mentoring/Education": 12,
        "Recovery/Wellness Support": 16,
        "Ethical Responsibility": 10,
    }


@given(
    weights=st.dictionaries(
        st.sampled_from(list("ABCDEFG")), st.integers(min_value=1, max_value=100), min_size=1
    ),
    length=st.integers(min_value=0, max_value=200),
)
def test_allocation_adds_up_and_stays_within_one_item_of_each_share(weights, length):
    counts = allocate(weights, length)
    assert sum(counts.values()) == length
    total = sum(weights.values())
    for domain, weight in weights.items():
        assert abs(counts[domain] - Decimal(weight) * length / total) < 1


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_every_form_has_the_blueprint_counts_and_no_repeats(seed):
    pool = make_pool()
    domain_of = {item.id: item.domain for item in pool}
    form = assemble(pool, ICRC, 50, rng=random.Random(seed))
    assert len(form) == len(set(form)) == 50
    counts = {d: sum(1 for i in form if domain_of[i] == d) for d in ICRC}
    assert counts == allocate(ICRC, 50)


def test_difficulty_follows_the_pools_mix():
    pool = make_pool()
    difficulty = {item.id: item.difficulty for item in pool}
    form = assemble(pool, ICRC, 50, rng=random.Random(3))
    mix = {level: sum(1 for i in form if difficulty[i] == level) for level in ("easy", "hard")}
    # The pool is a quarter easy and a quarter hard: so is every domain's share of the form,
    # within one item per domain.
    assert 12 - 4 <= mix["easy"] <= 13 + 4
    assert 12 - 4 <= mix["hard"] <= 13 + 4


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_enemy_items_never_share_a_form(seed):
    pool = make_pool(per_domain=20)
    # Pair every item with its neighbour: a form may hold one of each pair only.
    enemies = {}
    for item in pool:
        partner = item.id + 1 if item.id % 2 else item.id - 1
        enemies[item.id] = {partner}
    form = set(assemble(pool, ICRC, 40, enemies=enemies, rng=random.Random(seed)))
    assert all(not (enemies[i] & form) for i in form)


def test_items_seen_in_a_failed_attempt_are_kept_back_while_the_pool_has_others():
    pool = make_pool(per_domain=40)
    first = assemble(pool, ICRC, 50, rng=random.Random(1))
    second = assemble(pool, ICRC, 50, avoid=first, rng=random.Random(2))
    assert not set(first) & set(second)


def test_a_small_pool_reuses_seen_items_rather_than_shortening_the_form():
    pool = make_pool(per_domain=20)
    first = assemble(pool, ICRC, 50, rng=random.Random(1))
    second = assemble(pool, ICRC, 50, avoid=first, rng=random.Random(2))
    assert len(second) == 50


def test_a_domain_without_enough_items_gives_what_it_has_and_borrows_from_no_one():
    pool = [item for item in make_pool() if item.domain != "Advocacy"] + [
        PoolItem(9001, "Advocacy"),
        PoolItem(9002, "Advocacy"),
    ]
    form = assemble(pool, ICRC, 50, rng=random.Random(0))
    assert len(form) == 50 - 12 + 2


ICRC_SCALE = ScaledScale(low=200, high=800, cut=500)


@pytest.mark.parametrize(
    ("percent", "scaled"), [(0, 200), (35, 350), (70, 500), (85, 650), (100, 800)]
)
def test_scaled_score_maps_the_pass_mark_onto_the_cut(percent, scaled):
    assert scaled_score(Decimal(percent), pass_mark=70, scale=ICRC_SCALE) == scaled


@given(
    a=st.decimals(min_value=0, max_value=100, places=2),
    b=st.decimals(min_value=0, max_value=100, places=2),
    pass_mark=st.integers(min_value=1, max_value=100),
)
def test_scaled_score_is_monotonic_and_passes_exactly_with_the_raw_score(a, b, pass_mark):
    low, high = sorted((a, b))
    s_low = scaled_score(low, pass_mark=pass_mark, scale=ICRC_SCALE)
    s_high = scaled_score(high, pass_mark=pass_mark, scale=ICRC_SCALE)
    assert 200 <= s_low <= s_high <= 800
    assert (s_low >= 500) == (low >= pass_mark)


def test_a_scale_needs_its_cut_inside_it():
    with pytest.raises(ValueError):
        ScaledScale(low=200, high=800, cut=800)


def test_domain_profile_sums_per_domain_and_names_what_to_review():
    rows = [
        ("Advocacy", Decimal(1), Decimal(1)),
        ("Advocacy", Decimal(1), Decimal(1)),
        ("Ethical Responsibility", Decimal(0), Decimal(1)),
        ("Ethical Responsibility", Decimal(1), Decimal(1)),
        (None, Decimal(1), Decimal(1)),
    ]
    profile = domain_profile(rows)
    assert [(d.domain, d.percent) for d in profile] == [
        ("Advocacy", 100),
        ("Ethical Responsibility", 50),
    ]
    assert profile[0].band(pass_mark=70) == "strong"
    assert profile[1].band(pass_mark=70) == "review"
    assert DomainScore("X", Decimal(3), Decimal(4)).band(pass_mark=70) == "adequate"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.integers(min_value=0, max_value=3),
            st.integers(min_value=3, max_value=3),
        ),
        min_size=1,
    )
)
def test_domain_profile_never_exceeds_one_hundred_percent_and_keeps_every_point(rows):
    profile = domain_profile((d, Decimal(p), Decimal(m)) for d, p, m in rows)
    assert all(0 <= line.percent <= 100 for line in profile)
    assert sum(line.points for line in profile) == sum(p for _d, p, _m in rows)
