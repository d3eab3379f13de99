"""Small-cell suppression for the outcome dashboards: which counts may be shown. Pure: plain
numbers in, the keys to hide out; no ORM.

People in recovery are counted here, so no shown figure may single out a small group. The rule
public-health reporting uses (CMS's cell-size suppression policy) is the one applied: a count of
1 to 10 people is never shown (a zero is: it names nobody). Hiding one cell is not enough when
the others give it away by subtraction, so hidden cells are protected three ways:

- **Partitions** (``total = part + part + …``: passed and not passed, the buckets of a
  distribution): when what is hidden could be worked out from the total and the shown parts,
  or the hidden parts together add up to 1–10 people, one more part is hidden (the smallest
  that helps; the total when none is left) until they cannot.
- **Chains** (nested counts, each a subset of the one before: the funnel): the difference
  between two neighbouring shown steps is itself a group of people, so a step whose drop from
  the last shown step is 1–10 is hidden too.
- **Ancestor views** (the same table with fewer filters): a filtered figure subtracted from the
  unfiltered one gives the people outside the filter; a cell whose difference with any ancestor
  view is 1–10 is hidden.
- **Sibling views** (the same table for each value of one filter: each program version, each
  cohort, each year): the unfiltered figure minus the shown siblings gives back a hidden one,
  so when one sibling's cell is hidden another is too (complementary suppression), for every
  filter alike (`suppress_views`, which decides every view at once).

Hiding one cell can expose another, so the rules run until nothing changes. `suppress`
returns the keys to hide; a rate or median built on a hidden count is hidden by its caller.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

# The smallest number of people a shown count may hold.
MIN_CELL = 11
EXPLANATION = "fewer than 11 people: not shown to protect privacy"


def disclosive(count: int) -> bool:
    """A group of 1 to 10 people: never shown, nor derivable."""
    return 0 < count < MIN_CELL


@dataclass(frozen=True)
class Partition:
    """``values[total] == sum(values[part] for part in parts)``."""

    total: Hashable
    parts: tuple[Hashable, ...]


@dataclass(frozen=True)
class Chain:
    """Nested counts: each key's people are among the previous key's."""

    keys: tuple[Hashable, ...]


def _hide_one_more(
    values: Mapping[Hashable, int], candidates: Iterable[Hashable], hidden: set[Hashable]
) -> Hashable | None:
    """The smallest shown non-zero candidate (hiding a zero protects nothing)."""
    shown = [key for key in candidates if key not in hidden and values[key] > 0]
    if not shown:
        return None
    return min(shown, key=lambda key: (values[key], str(key)))


def _partition_step(
    partition: Partition, values: Mapping[Hashable, int], hidden: set[Hashable]
) -> bool:
    total, parts = partition.total, partition.parts
    hidden_parts = [part for part in parts if part in hidden]
    unknowns = len(hidden_parts) + (total in hidden)
    if unknowns == 0:
        return False
    if unknowns == 1:
        # The one hidden cell is the total minus (or the sum of) the shown ones.
        extra = _hide_one_more(values, parts, hidden)
        if extra is None:
            extra = total if total not in hidden else None
        if extra is None:
            return False
        hidden.add(extra)
        return True
    if total in hidden:
        return False  # two or more unknowns, one of them the total: nothing adds up
    # The hidden parts together are the total minus the shown parts.
    if disclosive(sum(values[part] for part in hidden_parts)):
        extra = _hide_one_more(values, parts, hidden)
        hidden.add(total if extra is None else extra)
        return True
    return False


def _chain_step(chain: Chain, values: Mapping[Hashable, int], hidden: set[Hashable]) -> bool:
    last_shown = None
    for key in chain.keys:
        if key in hidden:
            continue
        if last_shown is not None and disclosive(values[last_shown] - values[key]):
            hidden.add(key)
            return True
        last_shown = key
    return False


def suppress(
    values: Mapping[Hashable, int],
    *,
    partitions: Sequence[Partition] = (),
    chains: Sequence[Chain] = (),
    ancestors: Sequence[Mapping[Hashable, int]] = (),
    also_hidden: Iterable[Hashable] = (),
) -> frozenset[Hashable]:
    """The keys of ``values`` (counts of people) that must not be shown.

    ``ancestors``: the same cells in views with fewer filters (a key missing from one is not
    compared). ``also_hidden``: cells hidden for a reason decided elsewhere (the same figure is
    hidden in another table the reader can open)."""
    hidden = {key for key, count in values.items() if disclosive(count)}
    hidden.update(key for key in also_hidden if key in values)
    for ancestor in ancestors:
        hidden.update(
            key
            for key, count in values.items()
            if key in ancestor and disclosive(ancestor[key] - count)
        )
    changed = True
    while changed:
        changed = False
        for partition in partitions:
            while _partition_step(partition, values, hidden):
                changed = True
        for chain in chains:
            while _chain_step(chain, values, hidden):
                changed = True
    return frozenset(hidden)


@dataclass(frozen=True)
class Family:
    """A view and the views that split it by one filter: each value of that filter, the
    other filters the same (the years of one version; the cohorts of all trainees). The
    children's counts add up to the parent's, or to more (a person in two cohorts, enrolled
    in two years) or less (people in no cohort): treated as a partition, which errs on the
    side of hiding."""

    parent: Hashable
    children: tuple[Hashable, ...]
    # False when people outside every child are in the parent and nowhere else (those in no
    # cohort): the parent minus the children is then not a hidden child alone, and the
    # parent is never hidden to protect one.
    covers: bool = True


def _family_step(
    family: Family,
    key: Hashable,
    views: Mapping[Hashable, Mapping[Hashable, int]],
    hidden: Mapping[Hashable, set],
) -> bool:
    nodes = (family.parent, *family.children)
    if not any(key in hidden[node] for node in nodes):
        return False  # nothing of this cell hidden along the family: nothing to protect
    values = {node: views[node].get(key, 0) for node in nodes}
    hidden_nodes = {node for node in nodes if key in hidden[node]}
    before = set(hidden_nodes)
    if not _partition_step(Partition(family.parent, family.children), values, hidden_nodes):
        return False
    if not family.covers and family.parent in hidden_nodes - before:
        return False
    for node in hidden_nodes - before:
        hidden[node].add(key)
    return True


def suppress_views(
    views: Mapping[Hashable, Mapping[Hashable, int]],
    *,
    rules: Mapping[Hashable, tuple[Sequence[Partition], Sequence[Chain]]],
    ancestors: Mapping[Hashable, Sequence[Hashable]],
    families: Sequence[Family] = (),
    linked: Sequence[tuple[tuple[Hashable, Hashable], tuple[Hashable, Hashable]]] = (),
) -> dict[Hashable, frozenset]:
    """The keys each view must not show, decided for all the views at once so that no
    subtraction across them gives a small group away.

    ``views``: {view: {key: count}}. ``rules``: each view's partitions and chains (within
    it). ``ancestors``: for each view, the views with fewer filters (a cell whose difference
    with one is 1–10 people is hidden: it or its complement is a small group; and what an
    ancestor hides, the view hides). ``families``: a view and its children along one filter
    — when a child's cell is hidden, subtracting the other children's from the parent's would
    give it back, so one more is hidden (complementary suppression, as across the rows of a
    table). ``linked``: two cells that count the same people in two places (a cohort's row in
    the comparison and that cohort's own view): hidden in one, hidden in both."""
    hidden: dict[Hashable, set] = {}
    for view, values in views.items():
        cells = {key for key, count in values.items() if disclosive(count)}
        for ancestor in ancestors.get(view, ()):
            above = views[ancestor]
            cells.update(
                key
                for key, count in values.items()
                if key in above and disclosive(above[key] - count)
            )
        hidden[view] = cells
    settled: dict[tuple[int, Hashable], int] = {}
    changed = True
    while changed:
        changed = False
        for view, values in views.items():
            also = set(hidden[view])
            for ancestor in ancestors.get(view, ()):
                also.update(key for key in hidden[ancestor] if key in values)
            partitions, chains = rules.get(view, ((), ()))
            found = suppress(values, partitions=partitions, chains=chains, also_hidden=also)
            if found != hidden[view]:
                hidden[view] = set(found)
                changed = True
        for (view_a, key_a), (view_b, key_b) in linked:
            a, b = key_a in hidden[view_a], key_b in hidden[view_b]
            if a != b:
                hidden[view_a].add(key_a)
                hidden[view_b].add(key_b)
                changed = True
        for number, family in enumerate(families):
            # Only a cell hidden somewhere along the family can need another hidden, and a
            # step hides nothing but that cell. Hidden cells only ever grow in number, so a
            # cell hidden in as many of the family's views as when it last needed nothing
            # more still needs nothing: both are skipped without a look.
            nodes = (family.parent, *family.children)
            hidden_in = Counter()
            for node in nodes:
                hidden_in.update(hidden[node])
            for key in views[family.parent]:
                count = hidden_in.get(key, 0)
                if not count or settled.get((number, key)) == count:
                    continue
                while _family_step(family, key, views, hidden):
                    changed = True
                settled[(number, key)] = sum(key in hidden[node] for node in nodes)
    return {view: frozenset(cells) for view, cells in hidden.items()}


def median_from_counts(frequencies: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how many people}; None for nobody."""
    n = sum(frequencies.values())
    if n == 0:
        return None
    ordered = sorted(item for item in frequencies.items() if item[1] > 0)

    def nth(index: int) -> int:  # 0-based
        seen = 0
        for value, count in ordered:
            seen += count
            if index < seen:
                return value
        raise IndexError(index)  # pragma: no cover - index < n always

    if n % 2:
        return float(nth(n // 2))
    return (nth(n // 2 - 1) + nth(n // 2)) / 2


__all__ = [
    "EXPLANATION",
    "MIN_CELL",
    "Chain",
    "Family",
    "Partition",
    "disclosive",
    "median_from_counts",
    "suppress",
    "suppress_views",
]
