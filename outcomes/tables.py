"""The dashboard's tables, made safe to show: the view's pre-aggregated raw figures
(outcomes/selectors.py, `stored_figures`) with the keys it must hide, laid out as rows and
cells for the page, the CSV files and the funder report.

What a view hides is decided by `suppress_cube` over every combination of filters at once
(outcomes/services.py runs it whenever figures change and stores the result beside them), so
every page agrees: one set of keys covers every table of a view, so a figure shown in two
tables (the funnel's certified count is the total of the time-to-certificate distribution) is
hidden in both or neither; a view hides whatever any view with fewer filters hides, and
whatever the difference with it would give away; for each filter (program version, cohort,
period), when a sibling view hides a cell, subtracting the others from the unfiltered view
cannot give it back; a view filtered to one cohort hides what that cohort's row hides in the
cohort comparison, and the other way round.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from outcomes import privacy
from outcomes.charts import Chart, bar_chart
from outcomes.selectors import (
    DAY_BANDS,
    FUNNEL_STEPS,
    SCORE_BANDS,
    Filters,
    Raw,
    domain_names,
    stored_figures,
)

NOT_SHOWN = _("not shown")

STEP_LABELS = {
    "enrolled": "Enrolled",
    "modules": "Completed every module",
    "exam": "Passed the exam",
    "evaluation": "Passed the practical evaluation",
    "certified": "Certified",
}
MODE_LABELS = {
    "online": "Self-paced online lessons",
    "live": "Live sessions in cohorts",
    "outside": "Outside training (approved)",
}
CE_COLUMNS = ("ended", "renewed", "lapsed", "neither")


def _band_labels(bands: tuple[int, ...], unit: str) -> list[str]:
    labels = []
    for index, low in enumerate(bands):
        if index + 1 < len(bands):
            labels.append(f"{low}–{bands[index + 1] - 1}{unit}")
        else:
            labels.append(f"{low}{unit} or more")
    return labels


SCORE_LABELS = _band_labels(SCORE_BANDS, "%")
DAY_LABELS = _band_labels(DAY_BANDS, " days")


# --- the keys and the rules that tie them ------------------------------------------------------


def counts_of(raw: Raw) -> dict[Hashable, int]:
    """Every count of people in a view, by key."""
    values: dict[Hashable, int] = {}
    for step in FUNNEL_STEPS:
        values[("funnel", step)] = raw.funnel[step]
        values[("nocohort", step)] = raw.funnel[f"nocohort_{step}"]
    for row in raw.cohorts:
        for step in ("enrolled", "exam", "certified"):
            values[("cohort", row["cohort"], step)] = row[step]
    for domain, row in raw.domains.items():
        for column, count in row.items():
            values[("domain", domain, column)] = count
    for index in range(len(DAY_BANDS)):
        values[("days", index)] = 0
    for days, count in raw.days.items():
        values[("days", _band_of(days, DAY_BANDS))] += count
    for cycle, row in raw.cycles.items():
        for column in CE_COLUMNS:
            values[("ce", cycle, column)] = row[column]
    for mode, row in raw.hours.items():
        values[("hours", mode)] = row["people"]
    return values


def _band_of(value: int, bands: tuple[int, ...]) -> int:
    index = 0
    for position, low in enumerate(bands):
        if value >= low:
            index = position
    return index


def rules_of(raw: Raw) -> tuple[list[privacy.Partition], list[privacy.Chain]]:
    partitions, chains = [], []
    chains.append(privacy.Chain(tuple(("funnel", step) for step in FUNNEL_STEPS)))
    chains.append(privacy.Chain(tuple(("nocohort", step) for step in FUNNEL_STEPS)))
    for row in raw.cohorts:
        chains.append(
            privacy.Chain(
                tuple(("cohort", row["cohort"], s) for s in ("enrolled", "exam", "certified"))
            )
        )
    # Each step: the cohorts' rows and the row of those in no cohort add up to the funnel's
    # (more, when someone is in two cohorts: hiding then errs on the safe side).
    for step in ("enrolled", "exam", "certified"):
        partitions.append(
            privacy.Partition(
                ("funnel", step),
                tuple(("cohort", row["cohort"], step) for row in raw.cohorts)
                + (("nocohort", step),),
            )
        )
    for domain in raw.domains:
        partitions.append(
            privacy.Partition(
                ("domain", domain, "tested"),
                (("domain", domain, "passed"), ("domain", domain, "failed")),
            )
        )
        partitions.append(
            privacy.Partition(
                ("domain", domain, "tested"),
                tuple(("domain", domain, f"band{i}") for i in range(len(SCORE_BANDS))),
            )
        )
    partitions.append(
        privacy.Partition(
            ("funnel", "certified"), tuple(("days", i) for i in range(len(DAY_BANDS)))
        )
    )
    for cycle in raw.cycles:
        partitions.append(
            privacy.Partition(
                ("ce", cycle, "ended"),
                tuple(("ce", cycle, column) for column in CE_COLUMNS[1:]),
            )
        )
    return partitions, chains


@dataclass
class View:
    filters: Filters
    raw: Raw
    values: dict
    hidden: frozenset


DIMENSIONS = ("version", "cohort", "year")


def suppress_cube(raws: Mapping[Filters, Raw]) -> dict[Filters, frozenset]:
    """What each view hides, decided over every combination of filters at once (the views
    the pre-aggregated figures hold): its own small cells and those its tables would give away
    (privacy.suppress), whatever a view with fewer filters hides or would give away by
    difference, and — for each filter alike — one more sibling's cell when subtracting the
    shown siblings from the view without that filter would give a hidden one back. A cohort's
    own view and its row in the comparison table count the same people: hidden in one, hidden
    in both."""
    views = {view: counts_of(raw) for view, raw in raws.items()}
    rules = {view: rules_of(raw) for view, raw in raws.items()}
    ancestors = {
        view: [ancestor for ancestor in view.ancestors() if ancestor in views] for view in views
    }
    children: dict[tuple[Filters, str], list[Filters]] = {}
    for view in views:
        for name in DIMENSIONS:
            if getattr(view, name) is not None:
                parent = view.without(name)
                if parent in views:
                    children.setdefault((parent, name), []).append(view)
    # Every trainee enrolled in some year, and in a course some version requires (as a rule);
    # not every trainee is in a cohort: those in none are the comparison's own row.
    families = [
        privacy.Family(parent, tuple(sorted(kids, key=str)), covers=name != "cohort")
        for (parent, name), kids in sorted(children.items(), key=lambda item: str(item[0]))
    ]
    linked = []
    for view in views:
        comparison = view.without("cohort")
        if view.cohort is not None and comparison in views:
            for step in ("enrolled", "exam", "certified"):
                row = ("cohort", view.cohort, step)
                if row in views[comparison]:
                    linked.append(((comparison, row), (view, ("funnel", step))))
    ordered = dict(sorted(views.items(), key=lambda item: (len(item[0].active), str(item[0]))))
    # Decided over plain tuples (hashed in C; a Filters' hash is Python code, and the rules
    # look views up millions of times over a thousand views), in the same order.
    plain = {view: (view.version, view.cohort, view.year) for view in views}
    hidden = privacy.suppress_views(
        {plain[view]: values for view, values in ordered.items()},
        rules={plain[view]: found for view, found in rules.items()},
        ancestors={plain[view]: [plain[a] for a in above] for view, above in ancestors.items()},
        families=[
            privacy.Family(
                plain[family.parent],
                tuple(plain[child] for child in family.children),
                covers=family.covers,
            )
            for family in families
        ],
        linked=[((plain[a], key_a), (plain[b], key_b)) for (a, key_a), (b, key_b) in linked],
    )
    return {view: hidden[plain[view]] for view in views}


def key_to_json(key: Hashable) -> list:
    return list(key)


def key_from_json(value: list) -> tuple:
    return tuple(value)


# --- cells, rows, tables -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    hidden: bool = False
    number: float | None = None  # for the chart; None when hidden

    @property
    def csv(self) -> str | float:
        if self.hidden:
            return NOT_SHOWN
        return self.text


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]


@dataclass
class Table:
    key: str
    title: str
    intro: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def hidden_cells(self) -> int:
        return sum(cell.hidden for row in self.rows for cell in row.cells)

    def csv_rows(self) -> list[list]:
        return [[self.row_header, *self.columns]] + [
            [row.label, *(cell.csv for cell in row.cells)] for row in self.rows
        ]


def _count(view: View, key) -> Cell:
    if key in view.hidden or key not in view.values:
        return Cell(NOT_SHOWN, hidden=True)
    value = view.values[key]
    return Cell(f"{value:,}", number=float(value))


def _rate(view: View, numerator, denominator) -> Cell:
    if numerator in view.hidden or denominator in view.hidden or denominator not in view.values:
        return Cell(NOT_SHOWN, hidden=True)
    total = view.values[denominator]
    if not total:
        return Cell("–", number=None)
    percent = Decimal(100 * view.values[numerator]) / Decimal(total)
    rounded = percent.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return Cell(f"{rounded}%", number=float(percent))


def _hours(value: Decimal, hidden: bool) -> Cell:
    if hidden:
        return Cell(NOT_SHOWN, hidden=True)
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Cell(f"{rounded:,}", number=float(rounded))


def funnel_table(view: View) -> Table:
    rows = []
    first = ("funnel", "enrolled")
    for step in FUNNEL_STEPS:
        key = ("funnel", step)
        rows.append(Row(_(STEP_LABELS[step]), [_count(view, key), _rate(view, key, first)]))
    table = Table(
        "funnel",
        _("From enrolment to certificate"),
        _(
            "Trainees who enrolled (in the period, when one is chosen), and how many of them "
            "reached each step and every step before it."
        ),
        _("Step"),
        [_("People"), _("Of those enrolled")],
        rows,
    )
    table.chart = bar_chart(
        title=_("Funnel: people at each step"),
        labels=[row.label for row in rows],
        cells=[row.cells[0] for row in rows],
        unit="people",
    )
    return table


def domain_table(view: View) -> Table:
    names = domain_names(view.raw.domains)
    rows = []
    for domain in sorted(view.raw.domains, key=lambda d: names.get(d, "")):
        key = lambda column, d=domain: ("domain", d, column)  # noqa: E731
        cells = [
            _count(view, key("tested")),
            _count(view, key("passed")),
            _count(view, key("failed")),
            _rate(view, key("passed"), key("tested")),
        ]
        cells += [_count(view, key(f"band{i}")) for i in range(len(SCORE_BANDS))]
        rows.append(Row(names.get(domain, "?"), cells))
    table = Table(
        "domains",
        _("Exam results by domain"),
        _(
            "Each trainee's latest graded attempt at a required exam: the share of each "
            "domain's points they earned, passed when at or above the exam's pass mark."
        ),
        _("Domain"),
        [_("Tested"), _("Passed"), _("Not passed"), _("Pass rate")] + list(SCORE_LABELS),
        rows,
    )
    table.chart = bar_chart(
        title=_("Pass rate by domain"),
        labels=[row.label for row in rows],
        cells=[row.cells[3] for row in rows],
        unit="percent",
        maximum=100,
    )
    return table


def time_table(view: View) -> Table:
    total_key = ("funnel", "certified")
    rows = [
        Row(label, [_count(view, ("days", index)), _rate(view, ("days", index), total_key)])
        for index, label in enumerate(DAY_LABELS)
    ]
    median = privacy.median_from_counts(view.raw.days)
    hidden = total_key in view.hidden or view.values.get(total_key, 0) == 0
    notes = [
        _("Median time from enrolment to certificate: %(median)s.")
        % {
            "median": NOT_SHOWN
            if hidden or median is None
            else _("%(d)s days") % {"d": f"{median:g}"}
        }
    ]
    table = Table(
        "time",
        _("Time to certification"),
        _("Days from a certified trainee's first enrolment to their first certificate."),
        _("Days"),
        [_("People"), _("Of those certified")],
        rows,
        notes=notes,
    )
    table.median = None if hidden else median  # type: ignore[attr-defined]
    table.chart = bar_chart(
        title=_("Time to certification: people by days taken"),
        labels=[row.label for row in rows],
        cells=[row.cells[0] for row in rows],
        unit="people",
    )
    return table


def ce_table(view: View) -> Table:
    rows = []
    for cycle in sorted(view.raw.cycles):
        key = lambda column, c=cycle: ("ce", c, column)  # noqa: E731
        label = (
            _("Cycle %(n)d (first certificate)") % {"n": cycle}
            if cycle == 1
            else (_("Cycle %(n)d (renewal %(r)d)") % {"n": cycle, "r": cycle - 1})
        )
        rows.append(
            Row(
                label,
                [
                    _count(view, key("ended")),
                    _count(view, key("renewed")),
                    _count(view, key("lapsed")),
                    _count(view, key("neither")),
                    _rate(view, key("renewed"), key("ended")),
                    _rate(view, key("lapsed"), key("ended")),
                ],
            )
        )
    table = Table(
        "ce",
        _("Continuing education: renewal and lapse by cycle"),
        _(
            "Certificates whose cycle has ended (expiry in the period, when one is chosen): "
            "renewed with the CE the cycle asked for, lapsed, or neither (revoked, suspended "
            "or still in the grace days)."
        ),
        _("Cycle"),
        [
            _("Cycles ended"),
            _("Renewed (CE met)"),
            _("Lapsed"),
            _("Neither"),
            _("Compliance rate"),
            _("Lapse rate"),
        ],
        rows,
    )
    table.chart = bar_chart(
        title=_("CE compliance and lapse rate by cycle"),
        labels=[row.label for row in rows],
        cells=[row.cells[4] for row in rows],
        second=[row.cells[5] for row in rows],
        series=(_("Compliance rate"), _("Lapse rate")),
        unit="percent",
        maximum=100,
    )
    return table


def cohort_table(view: View) -> Table:
    rows = []
    for row in view.raw.cohorts:
        key = lambda step, c=row["cohort"]: ("cohort", c, step)  # noqa: E731
        rows.append(
            Row(
                row["title"],
                [
                    _count(view, key("enrolled")),
                    _count(view, key("exam")),
                    _count(view, key("certified")),
                    _rate(view, key("certified"), key("enrolled")),
                ],
            )
        )
    rows.append(
        Row(
            _("In no cohort (self-paced only)"),
            [
                _count(view, ("nocohort", "enrolled")),
                _count(view, ("nocohort", "exam")),
                _count(view, ("nocohort", "certified")),
                _rate(view, ("nocohort", "certified"), ("nocohort", "enrolled")),
            ],
        )
    )
    table = Table(
        "cohorts",
        _("Cohorts compared"),
        _(
            "Trainees enrolled in each live cohort, how many passed the exam (having completed "
            "every module) and how many are certified."
        ),
        _("Cohort"),
        [_("Enrolled"), _("Passed the exam"), _("Certified"), _("Certification rate")],
        rows,
    )
    table.chart = bar_chart(
        title=_("Certification rate by cohort"),
        labels=[row.label for row in rows],
        cells=[row.cells[3] for row in rows],
        unit="percent",
        maximum=100,
    )
    return table


def hours_table(view: View) -> Table:
    rows = []
    for mode in ("online", "live", "outside"):
        hidden = ("hours", mode) in view.hidden
        rows.append(
            Row(
                _(MODE_LABELS[mode]),
                [_hours(view.raw.hours[mode]["hours"], hidden), _count(view, ("hours", mode))],
            )
        )
    table = Table(
        "hours",
        _("Training hours delivered by mode"),
        _(
            "Hours delivered in the period (all time when none is chosen): lessons completed "
            "(at each lesson's estimated length), live-session attendance, and approved hours "
            "from outside training. A person may count in more than one mode."
        ),
        _("Mode"),
        [_("Hours"), _("People")],
        rows,
    )
    table.chart = bar_chart(
        title=_("Training hours by mode"),
        labels=[row.label for row in rows],
        cells=[row.cells[0] for row in rows],
        unit="hours",
    )
    return table


@dataclass
class Dashboard:
    filters: Filters
    tables: list[Table]
    refreshed_at: datetime | None = None  # None: the figures have not been computed yet
    stale: bool = False  # a recent change is still being counted

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    @property
    def hidden_cells(self) -> int:
        return sum(table.hidden_cells for table in self.tables)


TABLE_KEYS = ("funnel", "domains", "time", "ce", "cohorts", "hours")


def dashboard(filters: Filters) -> Dashboard:
    """The dashboard for one set of filters, from the pre-aggregated figures and what they
    hide (outcomes/services.py keeps both): a fixed number of queries."""
    comparison_filters = filters.without("cohort")
    stored = stored_figures([filters, comparison_filters])
    view = View(
        filters,
        stored.figures[filters],
        counts_of(stored.figures[filters]),
        stored.hidden[filters],
    )
    raw = stored.figures[comparison_filters]
    comparison = View(comparison_filters, raw, counts_of(raw), stored.hidden[comparison_filters])
    return dashboard_of(view, comparison, refreshed_at=stored.refreshed_at, stale=stored.stale)


def dashboard_of(
    view: View, comparison: View, *, refreshed_at: datetime | None = None, stale: bool = False
) -> Dashboard:
    # The cohort comparison is the same table whichever cohort is chosen.
    return Dashboard(
        view.filters,
        [
            funnel_table(view),
            domain_table(view),
            time_table(view),
            ce_table(view),
            cohort_table(comparison),
            hours_table(view),
        ],
        refreshed_at=refreshed_at,
        stale=stale,
    )


__all__ = [
    "NOT_SHOWN",
    "TABLE_KEYS",
    "Cell",
    "Dashboard",
    "Row",
    "Table",
    "View",
    "dashboard",
    "dashboard_of",
    "key_from_json",
    "key_to_json",
    "suppress_cube",
]
