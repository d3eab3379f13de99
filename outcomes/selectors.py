"""The raw figures behind the outcome dashboards: counts of people (and hours) for one set of
filters, read with a fixed number of aggregate queries whatever the number of trainees (GROUP
BY and correlated EXISTS in the database; nothing loops over trainees here). Nothing read here
names anyone: every query ends in a count, a sum or a group of identical values.

These are raw numbers, unsafe to show: outcomes/tables.py hides the small cells
(outcomes/privacy.py) before anything reaches a page or a file.

Outcomes reads the lower apps' models directly (read-only aggregates they have no selector for);
it writes nothing there.

Two ways in: `raw_figures` aggregates the live tables for one view (the definition of every
figure; outcomes/cube.py computes the same for every view at once, set-based, and that is
what the rebuild and the refresh of outcomes/services.py store — a test holds the two equal),
and `stored_figures` reads those stored rows back — what the pages, the CSV files and the
funder report use, in a fixed number of small queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from decimal import Decimal
from itertools import combinations

from django.db import connection
from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from accounts.models import User
from assessments.models import Attempt, AttemptQuestion, AttemptState
from certificates.models import (
    AssessmentRequirement,
    Certificate,
    CourseRequirement,
    EvaluationRequirement,
    ProgramVersion,
)
from cohorts.models import Attendance, Cohort, CohortEnrolment, OutsideTraining
from cohorts.models import OutsideTrainingHours as OutsideHours
from continuing_education.models import CertificateLapse, RenewalApplication
from courses.models import CoursePage, Enrollment, LessonCompletion, LessonPage, TrainingDomain
from evaluations.models import Evaluation
from outcomes.models import OutcomeFact, OutcomeScope

FUNNEL_STEPS = ("enrolled", "modules", "exam", "evaluation", "certified")
# Score bands of a domain's percentage on the exam: lower bounds.
SCORE_BANDS = (0, 60, 70, 80, 90)
# Days from enrolment to certificate: lower bounds.
DAY_BANDS = (0, 90, 180, 270, 365)


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the dashboard to. The period is a calendar year: free dates
    would let two overlapping periods be subtracted down to a day."""

    version: int | None = None
    cohort: int | None = None
    year: int | None = None

    @property
    def active(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self) if getattr(self, f.name) is not None)

    def ancestors(self) -> list[Filters]:
        """The same view with one or more of its filters taken off (the unfiltered one
        included): each is a page the reader can open and subtract from this one."""
        active = self.active
        found = []
        for size in range(len(active)):
            for kept in combinations(active, size):
                found.append(replace(self, **{name: None for name in active if name not in kept}))
        return found

    def without(self, *names: str) -> Filters:
        return replace(self, **dict.fromkeys(names))


@dataclass(frozen=True)
class Scope:
    """Which courses, exams and instruments the filters bring in (ids)."""

    courses: tuple[int, ...] | None  # None: every course
    exams: tuple[int, ...]
    instruments: tuple[int, ...]
    version: int | None


def scope_for(filters: Filters) -> Scope:
    """Two or three small queries over the program versions' requirements."""
    versions = {} if filters.version is None else {"version_id": filters.version}
    courses = None
    if filters.version is not None:
        courses = tuple(
            CourseRequirement.objects.filter(**versions).values_list("course_id", flat=True)
        )
    exams = tuple(
        AssessmentRequirement.objects.filter(**versions)
        .values_list("assessment_id", flat=True)
        .distinct()
    )
    instruments = tuple(
        EvaluationRequirement.objects.filter(**versions)
        .values_list("instrument_id", flat=True)
        .distinct()
    )
    return Scope(courses, exams, instruments, filters.version)


def _enrolments(filters: Filters, scope: Scope, *, by_year: bool = True):
    query = Enrollment.objects.all()
    if scope.courses is not None:
        query = query.filter(course_id__in=scope.courses)
    if filters.cohort is not None:
        query = query.filter(
            trainee__in=CohortEnrolment.objects.filter(
                cohort_id=filters.cohort, status=CohortEnrolment.Status.ENROLLED
            ).values("trainee_id")
        )
    if by_year and filters.year is not None:
        query = query.filter(enrolled_at__year=filters.year)
    return query


def population(filters: Filters, scope: Scope, *, by_year: bool = True):
    """The trainees the filters are about: enrolled in a course of the version (in the
    cohort; enrolled in the year)."""
    return User.objects.filter(
        Exists(_enrolments(filters, scope, by_year=by_year).filter(trainee=OuterRef("pk")))
    )


def _count_subquery(queryset):
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1],
        output_field=IntegerField(),
    )


def _modules_done(filters: Filters, scope: Scope) -> Exists:
    """Every live lesson of a course they are enrolled in (in scope) is done."""
    lessons = LessonPage.objects.live().filter(path__startswith=OuterRef("course__path"))
    done = LessonCompletion.objects.filter(
        trainee=OuterRef("trainee_id"),
        lesson__path__startswith=OuterRef("course__path"),
        lesson__live=True,
    )
    complete = (
        _enrolments(filters, scope)
        .filter(trainee=OuterRef("pk"))
        .annotate(total=_count_subquery(lessons), done=_count_subquery(done))
        .filter(total__gt=0, done__gte=F("total"))
    )
    return Exists(complete)


def _exam_passed(scope: Scope) -> Exists:
    return Exists(
        Attempt.objects.filter(
            trainee=OuterRef("pk"),
            assessment_id__in=scope.exams,
            state=AttemptState.GRADED,
            passed=True,
        )
    )


def _evaluation_passed(scope: Scope):
    if not scope.instruments:
        return Value(True)  # no practical evaluation asked: the step is passed by all
    return Exists(
        Evaluation.objects.filter(
            trainee=OuterRef("pk"),
            instrument_id__in=scope.instruments,
            status=Evaluation.Status.COMPLETED,
            passed=True,
        )
    )


def _certificates(scope: Scope):
    query = Certificate.objects.issued()
    if scope.version is not None:
        query = query.filter(version_id=scope.version)
    return query


def _certified(scope: Scope) -> Exists:
    return Exists(_certificates(scope).filter(holder=OuterRef("pk")))


def _in_a_cohort() -> Exists:
    return Exists(
        CohortEnrolment.objects.filter(
            trainee=OuterRef("pk"), status=CohortEnrolment.Status.ENROLLED
        )
    )


def _reached(row: dict) -> dict[str, bool]:
    """Which funnel steps one group of identical trainees reached (each step needs the ones
    before it)."""
    modules = bool(row["m"])
    exam = modules and bool(row["e"])
    evaluation = exam and bool(row["v"])
    return {
        "enrolled": True,
        "modules": modules,
        "exam": exam,
        "evaluation": evaluation,
        "certified": evaluation and bool(row["c"]),
    }


def funnel(filters: Filters, scope: Scope) -> dict[str, int]:
    """One query: the five steps, each counting those who reached it and every step before,
    and the same for the trainees in no cohort (the cohort table's last row). The database
    groups the trainees by which steps they reached (at most 32 groups), so each step's
    subquery runs once per trainee."""
    rows = (
        population(filters, scope)
        .annotate(
            m=_modules_done(filters, scope),
            e=_exam_passed(scope),
            v=_evaluation_passed(scope),
            c=_certified(scope),
            in_cohort=_in_a_cohort(),
        )
        .values("m", "e", "v", "c", "in_cohort")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = {key: 0 for step in FUNNEL_STEPS for key in (step, f"nocohort_{step}")}
    for row in rows:
        for step, reached in _reached(row).items():
            if reached:
                result[step] += row["n"]
                if not row["in_cohort"]:
                    result[f"nocohort_{step}"] += row["n"]
    return result


def domain_scores(filters: Filters, scope: Scope) -> dict[int, dict[str, int]]:
    """Per training domain, over each trainee's latest graded attempt at a required exam: how
    many were tested, passed the domain (its percentage at or above the exam's pass mark) and
    fell in each score band. One query (the per-attempt totals are a subquery)."""
    if not scope.exams:
        return {}
    latest = (
        Attempt.objects.filter(
            assessment_id__in=scope.exams,
            state=AttemptState.GRADED,
            trainee__in=population(filters, scope).values("pk"),
        )
        .values("trainee_id", "assessment_id")
        .annotate(last=Max("id"))
        .values("last")
    )
    per_attempt = (
        AttemptQuestion.objects.filter(attempt_id__in=latest, question__domain__isnull=False)
        .annotate(
            a=F("attempt_id"),
            dom=F("question__domain_id"),
            mark=F("attempt__assessment__pass_mark"),
        )
        .values("a", "dom", "mark")
        .annotate(
            earned=Coalesce(Sum("response__points"), Value(Decimal(0))),
            possible=Sum("max_points"),
        )
        .values("a", "dom", "mark", "earned", "possible")
    )
    inner, params = per_attempt.query.sql_with_params()
    bands = " ".join(
        f"WHEN 100.0 * earned < {low} * possible THEN {index - 1}"
        for index, low in enumerate(SCORE_BANDS)
        if index
    )
    # Only constants and Django's own compiled SQL are spliced in; values travel as params.
    sql = (
        "SELECT dom, "  # noqa: S608
        f"CASE {bands} ELSE {len(SCORE_BANDS) - 1} END AS band, "
        "CASE WHEN 100.0 * earned >= mark * possible THEN 1 ELSE 0 END AS passed, "
        "COUNT(*) "
        f"FROM ({inner}) AS per_attempt WHERE possible > 0 GROUP BY 1, 2, 3"
    )
    result: dict[int, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for domain, band, passed, n in cursor.fetchall():
            row = result.setdefault(
                domain, {"tested": 0, "passed": 0, "failed": 0} | _zero_bands(SCORE_BANDS)
            )
            row["tested"] += n
            row["passed" if passed else "failed"] += n
            row[f"band{band}"] += n
    return result


def _zero_bands(bands) -> dict[str, int]:
    return {f"band{index}": 0 for index in range(len(bands))}


def domain_names(ids) -> dict[int, str]:
    """Domain id → its name in the reader's language (the English where none is entered)."""
    return {
        domain.pk: domain.localized_name
        for domain in TrainingDomain.objects.filter(pk__in=list(ids)).only("name", "name_es")
    }


def days_to_certificate(filters: Filters, scope: Scope) -> dict[int, int]:
    """{days from first enrolment to first certificate: how many people}, for the funnel's
    certified trainees. One query, grouped by the number of days (bounded by the calendar,
    not by the number of people)."""
    enrolled_day = Subquery(
        _enrolments(filters, scope)
        .filter(trainee=OuterRef("pk"))
        .order_by("enrolled_at")
        .annotate(day=TruncDate("enrolled_at"))
        .values("day")[:1],
        output_field=DateField(),
    )
    certified_day = Subquery(
        _certificates(scope)
        .filter(holder=OuterRef("pk"))
        .order_by("issued_on")
        .values("issued_on")[:1],
        output_field=DateField(),
    )
    rows = (
        population(filters, scope)
        .annotate(
            m=_modules_done(filters, scope),
            e=_exam_passed(scope),
            v=_evaluation_passed(scope),
            c=_certified(scope),
        )
        .filter(m=True, e=True, v=True, c=True)
        .annotate(
            start=enrolled_day,
            end=certified_day,
        )
        .annotate(span=ExpressionWrapper(F("end") - F("start"), output_field=DurationField()))
        .values("span")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[int, int] = {}
    for row in rows:
        span = row["span"]
        # date − date is a number of days on PostgreSQL, a timedelta on SQLite.
        days = 0 if span is None else max(0, span if isinstance(span, int) else span.days)
        result[days] = result.get(days, 0) + row["n"]
    return result


def ce_cycles(filters: Filters, scope: Scope, *, today: date | None = None) -> dict[int, dict]:
    """Per certification cycle (1: first certificate, 2: first renewal, …), the cycles that
    have ended (the certificate's expiry passed; in the year when filtered): renewed (an
    approved renewal, which needs the CE), lapsed (recorded as lapsed, not renewed) and
    neither (revoked, suspended, or still in its grace days). One query."""
    today = today or timezone.localdate()
    certificates = _certificates(scope).filter(expires_on__lt=today)
    if filters.year is not None:
        certificates = certificates.filter(expires_on__year=filters.year)
    if filters.cohort is not None:
        certificates = certificates.filter(
            holder__in=CohortEnrolment.objects.filter(
                cohort_id=filters.cohort, status=CohortEnrolment.Status.ENROLLED
            ).values("trainee_id")
        )
    renewed = Exists(
        RenewalApplication.objects.filter(
            certificate=OuterRef("pk"), status=RenewalApplication.Status.APPROVED
        )
    )
    lapsed = Exists(CertificateLapse.objects.filter(certificate=OuterRef("pk")))
    rows = (
        certificates.annotate(r=renewed, lapse=lapsed)
        .values("cycle")
        .annotate(
            ended=Count("pk"),
            renewed=Count("pk", filter=Q(r=True)),
            lapsed=Count("pk", filter=Q(r=False, lapse=True)),
        )
        .order_by("cycle")
    )
    return {
        row["cycle"]: {
            "ended": row["ended"],
            "renewed": row["renewed"],
            "lapsed": row["lapsed"],
            "neither": row["ended"] - row["renewed"] - row["lapsed"],
        }
        for row in rows
    }


def cohort_rows(filters: Filters, scope: Scope) -> list[dict]:
    """Per cohort (of the version's courses), over the trainees the other filters keep: how
    many are enrolled in it, passed the exam having completed every module, and are certified
    (the funnel's own steps). The cohort filter itself is ignored: this table is where cohorts
    are compared. One query."""
    unfiltered = filters.without("cohort")
    in_cohort = Q(cohort_enrolments__status=CohortEnrolment.Status.ENROLLED)
    if scope.courses is not None:
        in_cohort &= Q(cohort_enrolments__cohort__course_id__in=scope.courses)
    rows = (
        population(unfiltered, scope)
        .annotate(
            m=_modules_done(unfiltered, scope),
            e=_exam_passed(scope),
            v=_evaluation_passed(scope),
            c=_certified(scope),
        )
        .filter(in_cohort)
        .values(
            "cohort_enrolments__cohort_id", "cohort_enrolments__cohort__title", "m", "e", "v", "c"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    cohorts: dict[int, dict] = {}
    for row in rows:
        pk = row["cohort_enrolments__cohort_id"]
        entry = cohorts.setdefault(
            pk,
            {
                "cohort": pk,
                "title": row["cohort_enrolments__cohort__title"],
                "enrolled": 0,
                "exam": 0,
                "certified": 0,
            },
        )
        for step, reached in _reached(row).items():
            if step in entry and reached:
                entry[step] += row["n"]
    return sorted(cohorts.values(), key=lambda entry: (entry["title"], entry["cohort"]))


def training_hours(filters: Filters, scope: Scope) -> dict[str, dict]:
    """Hours delivered by mode, in the year when filtered (the day it was delivered), to the
    trainees the other filters keep, and how many people they went to. Three queries."""
    people = population(filters, scope, by_year=False).values("pk")
    year = filters.year

    lessons = LessonCompletion.objects.filter(trainee__in=people)
    if scope.courses is not None:
        # A version requires a course or two: their lessons are those under their paths.
        under = Q(pk__in=[])
        for path in CoursePage.objects.filter(pk__in=scope.courses).values_list("path", flat=True):
            under |= Q(lesson__path__startswith=path)
        lessons = lessons.filter(under)
    if year is not None:
        lessons = lessons.filter(completed_at__year=year)
    online = lessons.aggregate(
        minutes=Sum("lesson__estimated_minutes"), people=Count("trainee_id", distinct=True)
    )

    live = Attendance.objects.filter(trainee__in=people).exclude(status=Attendance.Status.ABSENT)
    if scope.courses is not None:
        live = live.filter(session__cohort__course_id__in=scope.courses)
    if filters.cohort is not None:
        live = live.filter(session__cohort_id=filters.cohort)
    if year is not None:
        live = live.filter(session__date__year=year)
    sessions = live.aggregate(minutes=Sum("minutes"), people=Count("trainee_id", distinct=True))

    outside = OutsideHours.objects.filter(
        record__trainee__in=people, record__status=OutsideTraining.Status.APPROVED
    )
    if year is not None:
        outside = outside.filter(record__ended_on__year=year)
    elsewhere = outside.aggregate(
        hours=Sum("hours_approved"), people=Count("record__trainee_id", distinct=True)
    )
    return {
        "online": hours_row(amount=online["minutes"], unit="minutes", people=online["people"]),
        "live": hours_row(amount=sessions["minutes"], unit="minutes", people=sessions["people"]),
        "outside": hours_row(amount=elsewhere["hours"], unit="hours", people=elsewhere["people"]),
    }


def hours_row(*, amount, unit: str, people: int) -> dict:
    """One mode's hours and people, with the amount as the database summed it (minutes, or
    hours for outside training): what the pre-aggregated rows store and convert back from."""
    amount = Decimal(amount or 0)
    hours = amount / 60 if unit == "minutes" else amount
    return {"hours": hours, "people": people, "amount": amount, "unit": unit}


@dataclass(frozen=True)
class Raw:
    funnel: dict
    domains: dict
    days: dict
    cycles: dict
    cohorts: list
    hours: dict


def raw_figures(filters: Filters, *, today: date | None = None) -> Raw:
    """Every raw figure of the dashboard for one set of filters: a fixed number of queries."""
    scope = scope_for(filters)
    return Raw(
        funnel=funnel(filters, scope),
        domains=domain_scores(filters, scope),
        days=days_to_certificate(filters, scope),
        cycles=ce_cycles(filters, scope, today=today),
        cohorts=cohort_rows(filters, scope),
        hours=training_hours(filters, scope),
    )


def live_years() -> list[int]:
    """The calendar years the dashboard offers, newest first: from the first enrolment to this
    year (or the last enrolment, when later). One query; the rebuild's, not the pages'."""
    span = Enrollment.objects.aggregate(first=Min("enrolled_at"), last=Max("enrolled_at"))
    this_year = timezone.localdate().year
    first = span["first"].year if span["first"] else this_year
    last = max(span["last"].year if span["last"] else this_year, this_year)
    return list(range(last, first - 1, -1))


def filter_choices() -> dict[str, list[tuple[int, str]]]:
    """Program versions, cohorts and years the dashboard can be narrowed to. Three queries
    (the years are those the pre-aggregated figures were built for)."""
    versions = [
        (pk, f"{program} {label}")
        for pk, program, label in ProgramVersion.objects.order_by(
            "program__name", "effective_from"
        ).values_list("pk", "program__name", "label")
    ]
    cohorts = list(Cohort.objects.order_by("title", "pk").values_list("pk", "title"))
    built = set(
        OutcomeScope.objects.filter(version__isnull=True, cohort__isnull=True, year__isnull=False)
        .values_list("year", flat=True)
        .distinct()
    )
    built.add(timezone.localdate().year)
    years = [(year, str(year)) for year in sorted(built, reverse=True)]
    return {"version": versions, "cohort": cohorts, "year": years}


@dataclass(frozen=True)
class Stored:
    """Pre-aggregated figures for some views, what each must hide, and how fresh they are."""

    figures: dict[Filters, Raw]
    hidden: dict[Filters, frozenset]
    refreshed_at: datetime | None  # the oldest of the views read; None: one never computed
    stale: bool  # a change since is still being counted


def _figures_of(scopes: dict[int, tuple]) -> dict[Filters, Raw]:
    """{scope id: (filters, …)} → each scope's figures: two queries (rows, cohort titles)."""
    from outcomes.facts import FactRow, raw_of  # facts reads this module's names

    rows: dict[int, list] = {pk: [] for pk in scopes}
    cohort_ids = set()
    for scope_id, figure, group, measure, count, amount in OutcomeFact.objects.filter(
        scope_id__in=list(scopes)
    ).values_list("scope_id", "figure", "group", "measure", "count", "amount"):
        rows[scope_id].append(FactRow(figure, group, measure, count, amount))
        if figure == OutcomeFact.Figure.COHORT:
            cohort_ids.add(group)
    titles = dict(Cohort.objects.filter(pk__in=cohort_ids).values_list("pk", "title"))
    return {scopes[pk][0]: raw_of(found, cohort_titles=titles) for pk, found in rows.items()}


def all_stored_figures(*, skip: Iterable[int] = ()) -> dict[int, tuple[Filters, Raw]]:
    """Every scope's stored figures, by scope id, but those in ``skip`` (the cube the
    suppression is decided over; outcomes/services.py, inside its transaction, with the
    figures it has just computed in place of the skipped ones). Three queries."""
    scopes = {
        pk: (Filters(version, cohort, year),)
        for pk, version, cohort, year in OutcomeScope.objects.exclude(
            pk__in=list(skip)
        ).values_list("pk", "version_id", "cohort_id", "year")
    }
    figures = _figures_of(scopes)
    return {pk: (entry[0], figures[entry[0]]) for pk, entry in scopes.items()}


def stored_figures(wanted: Iterable[Filters]) -> Stored:
    """The raw figures of these views and the keys they hide, read from the pre-aggregated
    rows (outcomes/models.py): three queries however many trainees (the scopes, their rows,
    the cohorts' titles). A view never computed reads as nobody counted (zeros, which
    name nobody) and `refreshed_at` is None: the page says the figures are not ready."""
    from outcomes.facts import raw_of  # facts reads this module's names

    wanted = list(dict.fromkeys(wanted))
    where = Q(pk__in=[])
    for view in wanted:
        where |= (
            (Q(version__isnull=True) if view.version is None else Q(version_id=view.version))
            & (Q(cohort__isnull=True) if view.cohort is None else Q(cohort_id=view.cohort))
            & (Q(year__isnull=True) if view.year is None else Q(year=view.year))
        )
    scopes = {
        pk: (Filters(version, cohort, year), stale, refreshed, hidden)
        for pk, version, cohort, year, stale, refreshed, hidden in OutcomeScope.objects.filter(
            where
        ).values_list("pk", "version_id", "cohort_id", "year", "stale", "refreshed_at", "hidden")
    }
    figures = _figures_of(scopes)
    found = {entry[0]: entry[1:] for entry in scopes.values()}
    computed = [found[view][1] for view in wanted if view in found and found[view][1]]
    return Stored(
        figures={view: figures.get(view) or raw_of([], cohort_titles={}) for view in wanted},
        hidden={
            view: frozenset(tuple(key) for key in found[view][2]) if view in found else frozenset()
            for view in wanted
        },
        refreshed_at=min(computed) if len(computed) == len(wanted) else None,
        stale=any(found[view][0] for view in wanted if view in found),
    )


__all__ = [
    "DAY_BANDS",
    "FUNNEL_STEPS",
    "SCORE_BANDS",
    "Filters",
    "Raw",
    "Scope",
    "Stored",
    "domain_names",
    "filter_choices",
    "all_stored_figures",
    "live_years",
    "raw_figures",
    "stored_figures",
    "scope_for",
]


@dataclass(frozen=True)
class HomeCounts:
    versions: int
    cohorts: int


def home_counts() -> HomeCounts:
    """For the program administrator's home: what the dashboard covers (no people). Two
    queries."""
    return HomeCounts(ProgramVersion.objects.count(), Cohort.objects.count())
