"""A view's raw figures as pre-aggregated rows and back (outcomes/models.py stores them). Pure:
plain data in and out, no ORM, so `rows_of` then `raw_of` gives back exactly what the live
aggregation computed (a test compares the two on factory data)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from outcomes.selectors import FUNNEL_STEPS, Raw, hours_row

COHORT_STEPS = ("enrolled", "exam", "certified")
HOUR_MODES = ("online", "live", "outside")


class FactRow(NamedTuple):
    figure: str
    group: int
    measure: str
    count: int
    amount: Decimal | None = None


def rows_of(raw: Raw) -> list[FactRow]:
    rows = [FactRow("funnel", 0, key, count) for key, count in raw.funnel.items()]
    for domain, columns in raw.domains.items():
        rows += [FactRow("domain", domain, column, n) for column, n in columns.items()]
    rows += [FactRow("days", days, "", n) for days, n in raw.days.items()]
    for cycle, columns in raw.cycles.items():
        rows += [FactRow("ce", cycle, column, n) for column, n in columns.items()]
    for entry in raw.cohorts:
        rows += [FactRow("cohort", entry["cohort"], step, entry[step]) for step in COHORT_STEPS]
    for mode, entry in raw.hours.items():
        rows.append(
            FactRow("hours", 0, f"{mode}:{entry['unit']}", entry["people"], entry["amount"])
        )
    return rows


def raw_of(rows: Iterable[FactRow], *, cohort_titles: Mapping[int, str]) -> Raw:
    """The figures back from their rows. A scope with no rows at all (never computed) reads as
    nobody counted."""
    funnel = {key: 0 for step in FUNNEL_STEPS for key in (step, f"nocohort_{step}")}
    domains: dict[int, dict[str, int]] = {}
    days: dict[int, int] = {}
    cycles: dict[int, dict[str, int]] = {}
    cohorts: dict[int, dict] = {}
    hours = {
        "online": hours_row(amount=0, unit="minutes", people=0),
        "live": hours_row(amount=0, unit="minutes", people=0),
        "outside": hours_row(amount=0, unit="hours", people=0),
    }
    for row in rows:
        if row.figure == "funnel":
            funnel[row.measure] = row.count
        elif row.figure == "domain":
            domains.setdefault(row.group, {})[row.measure] = row.count
        elif row.figure == "days":
            days[row.group] = row.count
        elif row.figure == "ce":
            cycles.setdefault(row.group, {})[row.measure] = row.count
        elif row.figure == "cohort":
            entry = cohorts.setdefault(
                row.group,
                {"cohort": row.group, "title": cohort_titles.get(row.group, "")}
                | dict.fromkeys(COHORT_STEPS, 0),
            )
            entry[row.measure] = row.count
        elif row.figure == "hours":
            mode, unit = row.measure.split(":")
            hours[mode] = hours_row(amount=row.amount, unit=unit, people=row.count)
    return Raw(
        funnel=funnel,
        domains=domains,
        days=days,
        cycles=dict(sorted(cycles.items())),
        cohorts=sorted(cohorts.values(), key=lambda entry: (entry["title"], entry["cohort"])),
        hours=hours,
    )


__all__ = ["COHORT_STEPS", "HOUR_MODES", "FactRow", "raw_of", "rows_of"]
