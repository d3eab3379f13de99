"""Every view's raw outcome figures at once, set-based: what outcomes/selectors.py's
`raw_figures` computes for one set of filters, for every combination of program version,
cohort and year in one pass over the data (a few temporary tables and a handful of GROUP BY
queries), whatever the number of trainees or views. The rebuild and the refresh of
outcomes/services.py store what this returns; a test holds it equal to `raw_figures` view by
view.

How: each trainee's enrolments become rows per (program version, year) they count in — a
version's key 0 meaning "every version", a year's key 0 "all time" — with which funnel steps
they reached there and when they started; the cohort filter is a join with their cohort places
(key 0: everyone). Each figure is then one GROUP BY over those rows (people per version,
cohort, year and whatever the figure splits by); nothing loops over trainees in Python.

The row-level filters (what counts as a graded passed attempt, an issued certificate, a live
lesson done…) are the ORM's, compiled by Django for the database in use, so PostgreSQL and
SQLite get the same figures as the live aggregation; only the joins and the grouping are
written here. The temporary tables are this connection's own and dropped at the end.
"""

# Only constants, this module's table names and Django's own compiled SQL are spliced into the
# statements below; every value travels as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Context, Decimal

from django.db import connection
from django.db.models import Case, Exists, F, IntegerField, Max, OuterRef, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.utils import timezone

from assessments.models import Attempt, AttemptQuestion, AttemptState
from certificates.models import (
    AssessmentRequirement,
    Certificate,
    CourseRequirement,
    EvaluationRequirement,
)
from cohorts.models import Attendance, Cohort, CohortEnrolment, OutsideTraining
from cohorts.models import OutsideTrainingHours as OutsideHours
from continuing_education.models import CertificateLapse, RenewalApplication
from courses.models import CoursePage, Enrollment, LessonCompletion, LessonPage
from evaluations.models import Evaluation
from outcomes.selectors import (
    FUNNEL_STEPS,
    SCORE_BANDS,
    Filters,
    Raw,
    _count_subquery,
    _reached,
    _zero_bands,
    hours_row,
)

Key = tuple[int, int, int]  # (version or 0, cohort or 0, year or 0)


def _key(view: Filters) -> Key:
    return (view.version or 0, view.cohort or 0, view.year or 0)


def _sql(queryset) -> tuple[str, list]:
    sql, params = queryset.order_by().query.sql_with_params()
    return sql, list(params)


def _flag(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


class _Tables:
    """This connection's temporary tables, created from SQL (with params) and dropped after."""

    PREFIX = "outcomes_cube_"

    def __init__(self, cursor):
        self.cursor = cursor
        self.names: list[str] = []
        self.postgres = connection.vendor == "postgresql"

    def create(self, name: str, sql: str, params: Iterable = ()) -> None:
        table = self.PREFIX + name
        self.cursor.execute(f"DROP TABLE IF EXISTS {table}")
        self.cursor.execute(f"CREATE TEMPORARY TABLE {table} AS {sql}", list(params))
        self.names.append(table)
        if self.postgres:
            self.cursor.execute(f"ANALYZE {table}")  # temporary tables get no autovacuum

    def rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        self.cursor.execute(sql, list(params))
        return self.cursor.fetchall()

    def drop(self) -> None:
        for table in reversed(self.names):
            self.cursor.execute(f"DROP TABLE IF EXISTS {table}")
        self.names.clear()


def _with_cohorts(select: str, group: str, *, trainee: str = "p.trainee_id") -> str:
    """The same grouped SELECT for everyone (cohort key 0) and per cohort the trainee is
    enrolled in: ``select`` names the cohort key ``{ckey}``; ``group`` is its GROUP BY."""
    everyone = f"{select.format(ckey='0', join='')} GROUP BY {group.format(ckey='')}"
    per_cohort = (
        f"{select.format(ckey='tc.ckey', join=f'JOIN {_T}tc tc ON tc.trainee_id = {trainee}')} "
        f"GROUP BY {group.format(ckey='tc.ckey, ')}"
    )
    return f"{everyone} UNION ALL {per_cohort}"


_T = _Tables.PREFIX


@dataclass
class _Acc:
    """One view's figures as they are gathered (the live functions' own accumulators)."""

    funnel: dict = field(
        default_factory=lambda: {k: 0 for s in FUNNEL_STEPS for k in (s, f"nocohort_{s}")}
    )
    domains: dict = field(default_factory=dict)
    days: dict = field(default_factory=dict)
    cycles: dict = field(default_factory=dict)
    hours: dict = field(default_factory=dict)


def _decimal(value) -> Decimal | None:
    """A summed decimal as Django's SQLite converter makes it (PostgreSQL gives one already)."""
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Context(prec=15).create_decimal_from_float(value).quantize(Decimal("0.01"))
    return Decimal(value)


def cube_figures(views: Iterable[Filters], *, today: date | None = None) -> dict[Filters, Raw]:
    """The raw figures of these views (every combination the scopes hold, usually), equal to
    `raw_figures(view)` for each: about twenty queries however many trainees and views."""
    views = list(dict.fromkeys(views))
    keys = {_key(view): view for view in views}
    today = today or timezone.localdate()
    with connection.cursor() as cursor:
        tables = _Tables(cursor)
        # No `finally`: after an error the transaction may be unusable; the tables are the
        # session's and the next run drops them first.
        _build(tables, today)
        figures = _figures(tables, keys)
        tables.drop()
        return figures


def _build(t: _Tables, today: date) -> None:
    # Small dimension tables: a version's courses, exams and instruments (key 0: every
    # version's), and a two-row table that doubles a row into "this value" and "all".
    t.create("two", "SELECT 0 AS k UNION ALL SELECT 1 AS k")
    t.create(
        "vcourse", *_sql(CourseRequirement.objects.values("version_id", "course_id").distinct())
    )
    exams_sql, exams_params = _sql(
        AssessmentRequirement.objects.values("version_id", "assessment_id")
    )
    t.create(
        "vexam",
        f"SELECT DISTINCT version_id AS vkey, assessment_id FROM ({exams_sql}) r "
        f"UNION SELECT DISTINCT 0, assessment_id FROM ({exams_sql}) r",
        exams_params * 2,
    )
    inst_sql, inst_params = _sql(
        EvaluationRequirement.objects.values("version_id", "instrument_id")
    )
    t.create(
        "vinst",
        f"SELECT DISTINCT version_id AS vkey, instrument_id FROM ({inst_sql}) r "
        f"UNION SELECT DISTINCT 0, instrument_id FROM ({inst_sql}) r",
        inst_params * 2,
    )
    t.create(
        "vpath",
        *_sql(
            CourseRequirement.objects.annotate(cpath=F("course__path"))
            .values("version_id", "cpath")
            .distinct()
        ),
    )
    t.create(
        "tc",
        *_sql(
            CohortEnrolment.objects.filter(status=CohortEnrolment.Status.ENROLLED)
            .annotate(ckey=F("cohort_id"), ccourse=F("cohort__course_id"))
            .values("trainee_id", "ckey", "ccourse")
        ),
    )
    t.create("ic", f"SELECT DISTINCT trainee_id FROM {_T}tc")

    # Enrolments: whether every live lesson of the course is done (as the funnel's modules
    # step: the course's live lessons counted once per course, each trainee's completions of
    # them once per course), the day and the year (in the site's time zone, as the live
    # filters take them).
    lessons = LessonPage.objects.live().filter(path__startswith=OuterRef("path"))
    t.create(
        "ctotal",
        *_sql(
            CoursePage.objects.annotate(cid=F("pk"), total=_count_subquery(lessons)).values(
                "cid", "total"
            )
        ),
    )
    lesson_paths, lesson_params = _sql(
        LessonPage.objects.annotate(lid=F("pk"), lpath=F("path")).values("lid", "lpath")
    )
    course_paths, course_params = _sql(
        CoursePage.objects.annotate(cid=F("pk"), cpath=F("path")).values("cid", "cpath")
    )
    # Every lesson under each course (a lesson's course: the page whose path starts its own).
    t.create(
        "lcourse",
        f"SELECT l.lid, c.cid FROM ({lesson_paths}) l JOIN ({course_paths}) c "
        f"ON substr(l.lpath, 1, length(c.cpath)) = c.cpath",
        lesson_params + course_params,
    )
    completions_sql, completions_params = _sql(
        LessonCompletion.objects.filter(lesson__live=True).values("trainee_id", "lesson_id")
    )
    t.create(
        "done",
        f"SELECT lc.trainee_id, m.cid AS course_id, COUNT(*) AS n FROM ({completions_sql}) lc "
        f"JOIN {_T}lcourse m ON m.lid = lc.lesson_id GROUP BY lc.trainee_id, m.cid",
        completions_params,
    )
    enrolments_sql, enrolments_params = _sql(
        Enrollment.objects.annotate(
            day=TruncDate("enrolled_at"), yr=ExtractYear("enrolled_at")
        ).values("trainee_id", "course_id", "day", "yr")
    )
    t.create(
        "enr",
        f"SELECT e.trainee_id, e.course_id, e.day, e.yr, CASE WHEN ct.total > 0 "
        f"AND COALESCE(d.n, 0) >= ct.total THEN 1 ELSE 0 END AS complete "
        f"FROM ({enrolments_sql}) e LEFT JOIN {_T}ctotal ct ON ct.cid = e.course_id "
        f"LEFT JOIN {_T}done d ON d.trainee_id = e.trainee_id AND d.course_id = e.course_id",
        enrolments_params,
    )
    t.create(
        "ev",
        f"SELECT e.trainee_id, vc.version_id AS vkey, e.yr, e.day, e.complete "
        f"FROM {_T}enr e JOIN {_T}vcourse vc ON vc.course_id = e.course_id "
        f"UNION ALL SELECT e.trainee_id, 0, e.yr, e.day, e.complete FROM {_T}enr e",
    )
    # The population of each (version, year): enrolled there; modules done there; first day.
    t.create(
        "tv",
        f"SELECT trainee_id, vkey, yr AS ykey, MAX(complete) AS m, MIN(day) AS start "
        f"FROM {_T}ev GROUP BY trainee_id, vkey, yr "
        f"UNION ALL SELECT trainee_id, vkey, 0, MAX(complete), MIN(day) "
        f"FROM {_T}ev GROUP BY trainee_id, vkey",
    )
    passed_sql, passed_params = _sql(
        Attempt.objects.filter(state=AttemptState.GRADED, passed=True)
        .values("trainee_id", "assessment_id")
        .distinct()
    )
    t.create(
        "pass",
        f"SELECT DISTINCT a.trainee_id, x.vkey FROM ({passed_sql}) a "
        f"JOIN {_T}vexam x ON x.assessment_id = a.assessment_id",
        passed_params,
    )
    evaluated_sql, evaluated_params = _sql(
        Evaluation.objects.filter(status=Evaluation.Status.COMPLETED, passed=True)
        .values("trainee_id", "instrument_id")
        .distinct()
    )
    t.create(
        "eval",
        f"SELECT DISTINCT a.trainee_id, x.vkey FROM ({evaluated_sql}) a "
        f"JOIN {_T}vinst x ON x.instrument_id = a.instrument_id",
        evaluated_params,
    )
    issued_sql, issued_params = _sql(
        Certificate.objects.issued().values("holder_id", "version_id", "issued_on")
    )
    t.create(
        "cert",
        f"SELECT holder_id AS trainee_id, version_id AS vkey, MIN(issued_on) AS first "
        f"FROM ({issued_sql}) c GROUP BY holder_id, version_id "
        f"UNION ALL SELECT holder_id, 0, MIN(issued_on) FROM ({issued_sql}) c GROUP BY holder_id",
        issued_params * 2,
    )
    if connection.vendor == "postgresql":
        span = "(c.first - t.start)"
    else:
        span = "CAST(julianday(c.first) - julianday(t.start) AS INTEGER)"
    # One row per trainee and (version, year) they count in, with the funnel's flags.
    t.create(
        "p",
        f"SELECT t.trainee_id, t.vkey, t.ykey, t.m, "
        f"CASE WHEN pa.trainee_id IS NULL THEN 0 ELSE 1 END AS e, "
        f"CASE WHEN ev.trainee_id IS NOT NULL OR NOT EXISTS "
        f"(SELECT 1 FROM {_T}vinst i WHERE i.vkey = t.vkey) THEN 1 ELSE 0 END AS v, "
        f"CASE WHEN c.trainee_id IS NULL THEN 0 ELSE 1 END AS c, "
        f"CASE WHEN ic.trainee_id IS NULL THEN 0 ELSE 1 END AS ic, "
        f"{span} AS span "
        f"FROM {_T}tv t "
        f"LEFT JOIN {_T}pass pa ON pa.trainee_id = t.trainee_id AND pa.vkey = t.vkey "
        f"LEFT JOIN {_T}eval ev ON ev.trainee_id = t.trainee_id AND ev.vkey = t.vkey "
        f"LEFT JOIN {_T}cert c ON c.trainee_id = t.trainee_id AND c.vkey = t.vkey "
        f"LEFT JOIN {_T}ic ic ON ic.trainee_id = t.trainee_id",
    )

    # Exam domains: each trainee's latest graded attempt at each required exam, per domain.
    latest = (
        Attempt.objects.filter(
            assessment_id__in=AssessmentRequirement.objects.values("assessment_id"),
            state=AttemptState.GRADED,
        )
        .values("trainee_id", "assessment_id")
        .annotate(last=Max("id"))
        .values("last")
    )
    per_attempt = (
        AttemptQuestion.objects.filter(attempt_id__in=latest, question__domain__isnull=False)
        .annotate(
            a=F("attempt_id"),
            t=F("attempt__trainee_id"),
            x=F("attempt__assessment_id"),
            dom=F("question__domain_id"),
            mark=F("attempt__assessment__pass_mark"),
        )
        .values("a", "t", "x", "dom", "mark")
        .annotate(
            earned=Coalesce(Sum("response__points"), Value(Decimal(0))),
            possible=Sum("max_points"),
        )
        .values("a", "t", "x", "dom", "mark", "earned", "possible")
    )
    inner, params = _sql(per_attempt)
    bands = " ".join(
        f"WHEN 100.0 * earned < {low} * possible THEN {index - 1}"
        for index, low in enumerate(SCORE_BANDS)
        if index
    )
    t.create(
        "ad",
        f"SELECT t AS trainee_id, x AS assessment_id, dom, "
        f"CASE {bands} ELSE {len(SCORE_BANDS) - 1} END AS band, "
        f"CASE WHEN 100.0 * earned >= mark * possible THEN 1 ELSE 0 END AS passed "
        f"FROM ({inner}) per_attempt WHERE possible > 0",
        params,
    )

    # Certification cycles that have ended (by the year they ended).
    renewed = RenewalApplication.objects.filter(
        certificate=OuterRef("pk"), status=RenewalApplication.Status.APPROVED
    )
    lapsed = CertificateLapse.objects.filter(certificate=OuterRef("pk"))
    t.create(
        "ce",
        *_sql(
            Certificate.objects.issued()
            .filter(expires_on__lt=today)
            .annotate(
                r=_flag(Exists(renewed)),
                lp=_flag(Exists(lapsed)),
                ey=ExtractYear("expires_on"),
            )
            .values("holder_id", "version_id", "cycle", "r", "lp", "ey")
        ),
    )

    # Training hours, per trainee first (each counts once however many rows).
    # Each lesson under each version's courses once (a lesson under two of its courses
    # counts once), and every lesson for all versions.
    t.create(
        "lversion",
        f"SELECT DISTINCT m.lid, vc.version_id AS vkey FROM {_T}lcourse m "
        f"JOIN {_T}vcourse vc ON vc.course_id = m.cid "
        f"UNION ALL SELECT l.lid, 0 FROM ({lesson_paths}) l",
        lesson_params,
    )
    online_sql, online_params = _sql(
        LessonCompletion.objects.annotate(
            yr=ExtractYear("completed_at"), mins=F("lesson__estimated_minutes")
        ).values("trainee_id", "lesson_id", "yr", "mins")
    )
    t.create(
        "onyear",
        f"SELECT lc.trainee_id, v.vkey, lc.yr, SUM(lc.mins) AS amount FROM ({online_sql}) lc "
        f"JOIN {_T}lversion v ON v.lid = lc.lesson_id GROUP BY lc.trainee_id, v.vkey, lc.yr",
        online_params,
    )
    t.create(
        "online",
        f"SELECT trainee_id, vkey, yr AS ykey, amount FROM {_T}onyear UNION ALL "
        f"SELECT trainee_id, vkey, 0, SUM(amount) FROM {_T}onyear GROUP BY trainee_id, vkey",
    )
    t.create(
        "att",
        *_sql(
            Attendance.objects.exclude(status=Attendance.Status.ABSENT)
            .annotate(
                a_course=F("session__cohort__course_id"),
                a_cohort=F("session__cohort_id"),
                yr=ExtractYear("session__date"),
            )
            .values("trainee_id", "a_course", "a_cohort", "yr", "minutes")
        ),
    )
    by_version = (
        f"SELECT a.trainee_id, vc.version_id AS vkey, a.a_cohort, a.yr, a.minutes "
        f"FROM {_T}att a JOIN {_T}vcourse vc ON vc.course_id = a.a_course "
        f"UNION ALL SELECT a.trainee_id, 0, a.a_cohort, a.yr, a.minutes FROM {_T}att a"
    )
    # Filtered to a cohort: that cohort's sessions, to the trainees enrolled in it.
    t.create(
        "attv",
        f"SELECT trainee_id, vkey, 0 AS ckey, yr, minutes FROM ({by_version}) r "
        f"UNION ALL SELECT r.trainee_id, r.vkey, r.a_cohort, r.yr, r.minutes "
        f"FROM ({by_version}) r WHERE EXISTS (SELECT 1 FROM {_T}tc tc "
        f"WHERE tc.trainee_id = r.trainee_id AND tc.ckey = r.a_cohort)",
    )
    t.create(
        "live",
        f"SELECT trainee_id, vkey, ckey, yr AS ykey, SUM(minutes) AS amount FROM {_T}attv "
        f"GROUP BY trainee_id, vkey, ckey, yr UNION ALL "
        f"SELECT trainee_id, vkey, ckey, 0, SUM(minutes) FROM {_T}attv "
        f"GROUP BY trainee_id, vkey, ckey",
    )
    outside_sql, outside_params = _sql(
        OutsideHours.objects.filter(record__status=OutsideTraining.Status.APPROVED)
        .annotate(t=F("record__trainee_id"), yr=ExtractYear("record__ended_on"))
        .values("t", "yr", "hours_approved")
    )
    t.create(
        "outside",
        f"SELECT t AS trainee_id, yr AS ykey, SUM(hours_approved) AS amount "
        f"FROM ({outside_sql}) o GROUP BY t, yr UNION ALL "
        f"SELECT t, 0, SUM(hours_approved) FROM ({outside_sql}) o GROUP BY t",
        outside_params * 2,
    )


def _figures(t: _Tables, keys: dict[Key, Filters]) -> dict[Filters, Raw]:
    acc: dict[Key, _Acc] = {key: _Acc() for key in keys}

    def target(vkey, ckey, ykey) -> _Acc | None:
        return acc.get((int(vkey), int(ckey), int(ykey)))

    # The funnel: people grouped by the steps they reached (and whether in any cohort).
    for vkey, ckey, ykey, m, e, v, c, ic, n in t.rows(
        _with_cohorts(
            f"SELECT p.vkey, {{ckey}}, p.ykey, p.m, p.e, p.v, p.c, p.ic, COUNT(*) "
            f"FROM {_T}p p {{join}}",
            "p.vkey, {ckey}p.ykey, p.m, p.e, p.v, p.c, p.ic",
        )
    ):
        entry = target(vkey, ckey, ykey)
        if entry is None:
            continue
        for step, reached in _reached({"m": m, "e": e, "v": v, "c": c}).items():
            if reached:
                entry.funnel[step] += n
                if not ic:
                    entry.funnel[f"nocohort_{step}"] += n

    # Days from first enrolment to first certificate, for those certified in the funnel.
    for vkey, ckey, ykey, span, n in t.rows(
        _with_cohorts(
            f"SELECT p.vkey, {{ckey}}, p.ykey, p.span, COUNT(*) FROM {_T}p p {{join}} "
            f"WHERE p.m = 1 AND p.e = 1 AND p.v = 1 AND p.c = 1",
            "p.vkey, {ckey}p.ykey, p.span",
        )
    ):
        entry = target(vkey, ckey, ykey)
        if entry is None:
            continue
        days = 0 if span is None else max(0, int(span))
        entry.days[days] = entry.days.get(days, 0) + n

    # Exam domains over the latest attempts of the population at the version's exams.
    for vkey, ckey, ykey, dom, band, passed, n in t.rows(
        _with_cohorts(
            f"SELECT p.vkey, {{ckey}}, p.ykey, ad.dom, ad.band, ad.passed, COUNT(*) "
            f"FROM {_T}p p JOIN {_T}ad ad ON ad.trainee_id = p.trainee_id "
            f"JOIN {_T}vexam x ON x.vkey = p.vkey AND x.assessment_id = ad.assessment_id "
            f"{{join}}",
            "p.vkey, {ckey}p.ykey, ad.dom, ad.band, ad.passed",
        )
    ):
        entry = target(vkey, ckey, ykey)
        if entry is None:
            continue
        row = entry.domains.setdefault(
            dom, {"tested": 0, "passed": 0, "failed": 0} | _zero_bands(SCORE_BANDS)
        )
        row["tested"] += n
        row["passed" if passed else "failed"] += n
        row[f"band{int(band)}"] += n

    # Certification cycles: every issued certificate whose cycle ended (not the population).
    expanded = (
        f"SELECT CASE WHEN s.k = 1 THEN 0 ELSE ce.version_id END AS vkey, "
        f"CASE WHEN y.k = 1 THEN 0 ELSE ce.ey END AS ykey, ce.holder_id, ce.cycle, ce.r, ce.lp "
        f"FROM {_T}ce ce CROSS JOIN {_T}two s CROSS JOIN {_T}two y"
    )
    for vkey, ckey, ykey, cycle, ended, renewed, lapsed in t.rows(
        _with_cohorts(
            f"SELECT p.vkey, {{ckey}}, p.ykey, p.cycle, COUNT(*), SUM(p.r), "
            f"SUM(CASE WHEN p.r = 0 AND p.lp = 1 THEN 1 ELSE 0 END) FROM ({expanded}) p {{join}}",
            "p.vkey, {ckey}p.ykey, p.cycle",
            trainee="p.holder_id",
        )
    ):
        entry = target(vkey, ckey, ykey)
        if entry is None:
            continue
        entry.cycles[int(cycle)] = {
            "ended": ended,
            "renewed": int(renewed),
            "lapsed": int(lapsed),
            "neither": ended - int(renewed) - int(lapsed),
        }

    # Training hours by mode, to the population of the version (any year), in the year.
    hours = {
        "online": t.rows(
            _with_cohorts(
                f"SELECT o.vkey, {{ckey}}, o.ykey, SUM(o.amount), COUNT(*) FROM {_T}online o "
                f"JOIN {_T}p p ON p.trainee_id = o.trainee_id AND p.vkey = o.vkey "
                f"AND p.ykey = 0 {{join}}",
                "o.vkey, {ckey}o.ykey",
            )
        ),
        "live": t.rows(
            f"SELECT l.vkey, l.ckey, l.ykey, SUM(l.amount), COUNT(*) FROM {_T}live l "
            f"JOIN {_T}p p ON p.trainee_id = l.trainee_id AND p.vkey = l.vkey AND p.ykey = 0 "
            f"GROUP BY l.vkey, l.ckey, l.ykey"
        ),
        "outside": t.rows(
            _with_cohorts(
                f"SELECT p.vkey, {{ckey}}, o.ykey, SUM(o.amount), COUNT(*) FROM {_T}outside o "
                f"JOIN {_T}p p ON p.trainee_id = o.trainee_id AND p.ykey = 0 {{join}}",
                "p.vkey, {ckey}o.ykey",
            )
        ),
    }
    for mode, rows in hours.items():
        for vkey, ckey, ykey, amount, people in rows:
            entry = target(vkey, ckey, ykey)
            if entry is not None:
                entry.hours[mode] = (_decimal(amount), people)

    # The cohort comparison: per cohort (of the version's courses), ignoring the cohort filter.
    comparison: dict[tuple[int, int], dict[int, dict]] = {}
    cohort_ids = set()
    for vkey, ykey, cohort, m, e, v, c, n in t.rows(
        f"SELECT p.vkey, p.ykey, tc.ckey, p.m, p.e, p.v, p.c, COUNT(*) FROM {_T}p p "
        f"JOIN {_T}tc tc ON tc.trainee_id = p.trainee_id WHERE p.vkey = 0 OR EXISTS "
        f"(SELECT 1 FROM {_T}vcourse vc WHERE vc.version_id = p.vkey "
        f"AND vc.course_id = tc.ccourse) "
        f"GROUP BY p.vkey, p.ykey, tc.ckey, p.m, p.e, p.v, p.c"
    ):
        cohort_ids.add(cohort)
        entry = comparison.setdefault((int(vkey), int(ykey)), {}).setdefault(
            cohort, {"cohort": cohort, "enrolled": 0, "exam": 0, "certified": 0}
        )
        for step, reached in _reached({"m": m, "e": e, "v": v, "c": c}).items():
            if step in entry and reached:
                entry[step] += n
    titles = dict(Cohort.objects.filter(pk__in=cohort_ids).values_list("pk", "title"))

    figures = {}
    for key, view in keys.items():
        entry = acc[key]
        cohorts = [
            {"cohort": row["cohort"], "title": titles[row["cohort"]]}
            | {step: row[step] for step in ("enrolled", "exam", "certified")}
            for row in comparison.get((key[0], key[2]), {}).values()
        ]
        online = entry.hours.get("online", (None, 0))
        live = entry.hours.get("live", (None, 0))
        outside = entry.hours.get("outside", (None, 0))
        figures[view] = Raw(
            funnel=entry.funnel,
            domains=entry.domains,
            days=entry.days,
            cycles=dict(sorted(entry.cycles.items())),
            cohorts=sorted(cohorts, key=lambda row: (row["title"], row["cohort"])),
            hours={
                "online": hours_row(amount=online[0], unit="minutes", people=online[1]),
                "live": hours_row(amount=live[0], unit="minutes", people=live[1]),
                "outside": hours_row(amount=outside[0], unit="hours", people=outside[1]),
            },
        )
    return figures


__all__ = ["cube_figures"]
