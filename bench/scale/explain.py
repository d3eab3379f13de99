"""Proof that the hot queries use indexes on the scale data set, with EXPLAIN (ANALYZE, BUFFERS).

Runs against a database filled by `seed_demo --force` then `seed_scale` (default: database
peercert_scale on the local PostgreSQL) and exits non-zero if any hot query has a Seq Scan on a
big table (more than --min-rows rows, default 10 000). Nothing is written: every request and
every EXPLAIN ANALYZE (which executes the statement) runs in a transaction that is rolled back.

Two kinds of checks, both on the SQL the application itself sends (captured while it runs,
not re-typed here):

1. Named hot queries, each plan printed in full: verification by code (page and API), a
   holder's certificates, a trainee's enrolments and lesson completions, attempts of one
   trainee on one assessment, the questions of one attempt, the grading queue (instructor and
   superuser), the supervisor queue, the status sweep's expiry statement (and the lapse and
   reminder queries of the same nightly job), a holder's CE records, sign-in by e-mail, one
   status list's set bits.
2. Page scenarios, every query of the request explained and summarised: lesson page, course
   page, dashboard, verification page, API verify, the quiz page, starting an attempt, the
   attempt page, autosave, submit, sign-in, the grading queue and the supervisor queue.

    .venv/bin/python bench/scale/explain.py                 # database peercert_scale
    .venv/bin/python bench/scale/explain.py --database peercert_load --min-rows 5000
    DATABASE_URL=postgres://… .venv/bin/python bench/scale/explain.py

The machine is shared: timings in the plans are indicative, the plan shapes are the point.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")

SEQ_SCAN = re.compile(r"(?:Parallel )?Seq Scan on (\w+)")
INDEX_USE = re.compile(
    r"(Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) "
    r"(\w+)"
)
EXPLAINABLE = ("SELECT", "WITH", "UPDATE", "DELETE", "INSERT")
# Shown, not asserted: a query that reads a whole status list (half the entries table at this
# scale), where a scan and a hash join are a fair plan and PostgreSQL picks either.
NOT_ASSERTED = "(shown only) "


@dataclass
class Finding:
    label: str
    sql: str
    plan: str
    big_seq_scans: list[str]
    indexes: list[str]
    ms: float | None


@dataclass
class Report:
    min_rows: int
    sizes: dict[str, int]
    findings: list[Finding] = field(default_factory=list)

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.big_seq_scans]


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"  # renders without collectstatic
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def table_sizes() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class "
            "WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace"
        )
        return dict(cursor.fetchall())


def explain(sql: str) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) in a savepoint that is rolled back: ANALYZE executes. A
    statement that cannot run twice (an INSERT of rows that now exist) gets a plain EXPLAIN."""
    from django.db import DatabaseError, connection, transaction

    for options in ("ANALYZE, BUFFERS", "COSTS"):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN ({options}) {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                transaction.set_rollback(True)
            return plan
        except DatabaseError:
            continue
    return "(no plan: the statement fails on its own)"


def analyse(label: str, sql: str, report: Report) -> Finding:
    plan = explain(sql)
    big = sorted(
        {
            t
            for t in SEQ_SCAN.findall(plan)
            if report.sizes.get(t, 0) > report.min_rows and not label.startswith(NOT_ASSERTED)
        }
    )
    indexes = sorted({name for _kind, name in INDEX_USE.findall(plan)})
    match = re.search(r"Execution Time: ([\d.]+) ms", plan)
    finding = Finding(label, sql, plan, big, indexes, float(match.group(1)) if match else None)
    report.findings.append(finding)
    return finding


def captured(run: Callable[[], object]) -> list[str]:
    """The statements `run` sends, in order, without repeats and without transaction noise."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        run()
    seen, statements = set(), []
    for query in context.captured_queries:
        sql = query["sql"].strip()
        if sql.split(None, 1)[0].upper() not in EXPLAINABLE:
            continue
        if sql.upper().startswith("INSERT") and " SELECT " not in sql.upper():
            continue  # INSERT … VALUES: nothing to plan
        if sql not in seen:
            seen.add(sql)
            statements.append(sql)
    return statements


# --- subjects ---------------------------------------------------------------------------------


@dataclass
class Subjects:
    trainee: object
    code: str
    attempt: object
    quiz: object
    lesson: object
    course: object
    instructor: object
    superuser: object
    supervisor: object
    status_list: object
    password: str


def pick_subjects(password: str) -> Subjects:
    from django.db.models import Count

    from accounts.models import User
    from assessments.models import AssessmentPage, Attempt
    from certificates.models import Certificate, SupervisionEntry
    from cms.management.commands.seed_scale import SCALE_EMAIL_SUFFIX
    from courses.demo import COURSE_SLUG
    from courses.models import CoursePage
    from credentials.models import StatusList

    course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    if course is None or not User.objects.filter(email__endswith=SCALE_EMAIL_SUFFIX).exists():
        sys.exit(
            "No scale data here: run `manage.py seed_demo --force` and "
            "`manage.py seed_scale` on this database first."
        )
    # The busiest trainee who holds a valid certificate: the worst case for their own pages.
    busiest = (
        Attempt.objects.filter(
            trainee__email__endswith=SCALE_EMAIL_SUFFIX,
            trainee__enrollments__withdrawn_at__isnull=True,
        )
        .values("trainee")
        .annotate(n=Count("id"))
        .order_by("-n")[:200]
    )
    trainee = certificate = None
    for row in busiest:
        certificate = (
            Certificate.objects.filter(
                holder_id=row["trainee"], status="valid", supersedes__isnull=False
            )
            .order_by("-cycle")
            .first()
        )
        if certificate is not None:
            trainee = User.objects.get(pk=row["trainee"])
            break
    if trainee is None:
        sys.exit("No scale trainee with attempts and a renewed, valid certificate.")
    supervisor = User.objects.get(
        pk=SupervisionEntry.objects.filter(status=SupervisionEntry.Status.PENDING)
        .values("supervisor")
        .annotate(n=Count("id"))
        .order_by("-n")[0]["supervisor"]
    )
    return Subjects(
        trainee=trainee,
        code=certificate.code,
        attempt=Attempt.objects.filter(trainee=trainee).order_by("-started_at").first(),
        quiz=AssessmentPage.objects.live().descendant_of(course).order_by("path").first(),
        lesson=course.live_lessons().order_by("-path").first(),
        course=course,
        instructor=User.objects.get(email="instructor@example.org"),
        superuser=User.objects.filter(is_superuser=True).order_by("pk").first(),
        supervisor=supervisor,
        status_list=StatusList.objects.get(purpose="revocation", number=1),
        password=password,
    )


# --- named hot queries -------------------------------------------------------------------------


def named_queries(s: Subjects) -> list[tuple[str, Callable[[], object]]]:
    from django.utils import timezone

    from accounts.models import User
    from assessments import selectors as assessment_selectors
    from assessments.models import Attempt
    from certificates import sweep as certificate_sweep
    from certificates.models import SupervisionEntry
    from certificates.selectors import holder_certificates, public_events, public_page
    from continuing_education import sweep
    from continuing_education.selectors import holder_activities
    from courses.models import Enrollment, LessonCompletion
    from courses.selectors import course_state
    from credentials.status import set_indices
    from verification.selectors import public_record

    today = timezone.localdate()
    return [
        (
            "verification by code, API (verification.selectors.public_record)",
            lambda: public_record(s.code),
        ),
        (
            "verification by code, page (certificates.selectors.public_page + public_events)",
            lambda: (public_page(s.code), public_events(s.code)),
        ),
        (
            "certificates of a holder (certificates.selectors.holder_certificates)",
            lambda: list(holder_certificates(user=s.trainee)),
        ),
        (
            "enrolments of a trainee (Enrollment.objects.active().for_user)",
            lambda: list(
                Enrollment.objects.active()
                .for_user(s.trainee)
                .select_related("course", "last_lesson")
            ),
        ),
        (
            "lesson completions of a trainee in a course (courses.selectors.course_state)",
            lambda: course_state(course=s.course, user=s.trainee),
        ),
        (
            "completions of a trainee, all courses (LessonCompletion by trainee)",
            lambda: list(LessonCompletion.objects.filter(trainee=s.trainee)),
        ),
        (
            "attempts of a trainee on one assessment (assessments.selectors.trainee_standing)",
            lambda: assessment_selectors.trainee_standing(assessment=s.quiz, trainee=s.trainee),
        ),
        (
            "attempt history of a trainee (assessments.selectors.trainee_history)",
            lambda: assessment_selectors.trainee_history(user=s.trainee),
        ),
        (
            "questions of one attempt (assessments.selectors.attempt_questions)",
            lambda: assessment_selectors.attempt_questions(attempt=s.attempt),
        ),
        (
            "grading queue, course instructor (assessments.selectors.grading_queue)",
            lambda: list(assessment_selectors.grading_queue(user=s.instructor)),
        ),
        (
            "grading queue, superuser (assessments.selectors.grading_queue)",
            lambda: list(assessment_selectors.grading_queue(user=s.superuser)),
        ),
        (
            "grading queue count, superuser (admin index badge)",
            lambda: assessment_selectors.grading_queue(user=s.superuser).count(),
        ),
        (
            "supervisor queue (the query of certificates.views.supervision_queue)",
            lambda: list(
                SupervisionEntry.objects.filter(
                    supervisor=s.supervisor, status=SupervisionEntry.Status.PENDING
                ).select_related("trainee", "domain")
            ),
        ),
        (
            "status sweep: valid → expired (certificates.sweep.expire_due)",
            lambda: certificate_sweep.expire_due(today=today),
        ),
        (
            "status sweep: lapses (continuing_education.sweep.lapse_due)",
            lambda: sweep.lapse_due(today=today),
        ),
        (
            "status sweep: reminder candidates (continuing_education.sweep.reminders_due)",
            lambda: _reminder_candidates(today),
        ),
        (
            "CE records of a holder (continuing_education.selectors.holder_activities)",
            lambda: list(holder_activities(user=s.trainee)),
        ),
        (
            "sign-in by e-mail (User.objects.get_by_natural_key, as ModelBackend does)",
            lambda: User._default_manager.get_by_natural_key(s.trainee.email.upper()),
        ),
        (
            f"{NOT_ASSERTED}one status list's set bits (credentials.status.set_indices)",
            lambda: set_indices(s.status_list),
        ),
        (
            "in-progress attempts of a trainee (AttemptQuerySet.for_trainee)",
            lambda: list(Attempt.objects.for_trainee(s.trainee).filter(state="in_progress")),
        ),
    ]


def _reminder_candidates(today):
    """The candidate query of sweep.reminders_due, taken from it rather than copied: its loop
    creates reminder rows and enqueues e-mails, which this script must not do."""
    from unittest import mock

    from continuing_education import sweep

    with mock.patch.object(sweep.rules, "reminder_due", lambda expires_on, today: None):
        sweep.reminders_due(today=today)


# --- page scenarios ----------------------------------------------------------------------------


def scenarios(s: Subjects) -> list[tuple[str, Callable[[object], object]]]:
    from django.urls import reverse

    from assessments.models import Accommodation, AttemptQuestion

    state: dict = {}

    def client_for(user):
        """A client with a session made directly (Client.force_login sends user_logged_in,
        whose axes receiver cannot log a request without an address)."""
        from django.conf import settings
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore
        from django.test import Client

        client = Client()
        if user is not None:
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return client

    def get(user, url, expect=(200,)):
        def run(_ctx):
            response = client_for(user).get(url)
            assert response.status_code in expect, (
                url,
                response.status_code,
                response.get("Location"),
            )

        return run

    def start(_ctx):
        # An accommodation so the start is allowed whatever the seeded attempts were.
        Accommodation.objects.update_or_create(
            trainee=s.trainee, assessment=s.quiz, defaults={"extra_attempts": 20}
        )
        client = client_for(s.trainee)
        response = client.post(reverse("assessments:start", args=[s.quiz.pk]))
        assert response.status_code == 302, response.status_code
        attempt_id = int(re.search(r"/attempts/(\d+)/", response["Location"]).group(1))
        state["attempt_id"] = attempt_id
        state["client"] = client

    def attempt_page(_ctx):
        response = state["client"].get(reverse("assessments:attempt", args=[state["attempt_id"]]))
        assert response.status_code == 200, response.status_code

    def answers():
        return {
            f"q-{aq.pk}": "0"
            for aq in AttemptQuestion.objects.filter(
                attempt_id=state["attempt_id"], qtype__in=("single", "true_false", "multiple")
            )
        }

    def autosave(_ctx):
        response = state["client"].post(
            reverse("assessments:autosave", args=[state["attempt_id"]]), answers()
        )
        assert response.status_code == 200, response.status_code

    def submit(_ctx):
        response = state["client"].post(
            reverse("assessments:submit", args=[state["attempt_id"]]), answers()
        )
        assert response.status_code == 302, response.status_code

    def sign_in(_ctx):
        from django.test import Client

        response = Client().post(
            reverse("login"), {"username": s.trainee.email, "password": s.password}
        )
        # 200 (form error) when the data set was hashed with another settings' hasher: the
        # lookups under test are the same either way.
        assert response.status_code in (200, 302), response.status_code

    return [
        ("lesson page (signed in)", get(s.trainee, s.lesson.url)),
        ("course page (signed in)", get(s.trainee, s.course.url)),
        ("course page (anonymous)", get(None, s.course.url)),
        ("dashboard", get(s.trainee, reverse("dashboard"))),
        ("verification page", get(None, reverse("verify_detail", args=[s.code]))),
        ("API verify", get(None, f"/api/v1/verify/{s.code}")),
        ("quiz page (standing and attempts)", get(s.trainee, s.quiz.url)),
        ("attempt history", get(s.trainee, reverse("assessments:history"))),
        ("start an attempt", start),
        ("attempt page", attempt_page),
        ("autosave", autosave),
        ("submit", submit),
        ("sign in (login form)", sign_in),
        ("grading queue page (instructor)", get(s.instructor, reverse("assessments_admin:queue"))),
        ("grading queue page (superuser)", get(s.superuser, reverse("assessments_admin:queue"))),
        ("supervisor queue page", get(s.supervisor, reverse("certificates:supervision_queue"))),
        ("certification overview", get(s.trainee, reverse("certificates:overview"))),
    ]


# --- main ---------------------------------------------------------------------------------------


def short(sql: str, width: int = 400) -> str:
    sql = " ".join(sql.split())
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="peercert_scale")
    parser.add_argument(
        "--min-rows",
        type=int,
        default=10_000,
        help="a Seq Scan on a table with more rows than this fails",
    )
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "peer-demo-pass"))
    parser.add_argument(
        "--plans",
        choices=("named", "all", "failing"),
        default="named",
        help="which full plans to print (default: the named queries')",
    )
    args = parser.parse_args()
    setup_django(os.environ.get("DATABASE_URL") or f"{PG}/{args.database}")

    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        sys.exit("EXPLAIN proof needs PostgreSQL.")
    report = Report(min_rows=args.min_rows, sizes=table_sizes())
    big = {t: n for t, n in report.sizes.items() if n > args.min_rows}
    print(
        f"Database {connection.settings_dict['NAME']}: tables over {args.min_rows:,} rows: "
        + ", ".join(f"{t} {n:,}" for t, n in sorted(big.items(), key=lambda kv: -kv[1]))
    )
    subjects = pick_subjects(args.password)
    print(
        f"Subjects: trainee {subjects.trainee.email} (pk {subjects.trainee.pk}), code "
        f"{subjects.code}, attempt {subjects.attempt.pk}, supervisor "
        f"{subjects.supervisor.email}\n"
    )

    print("=" * 100 + "\n1. Named hot queries\n" + "=" * 100)
    for label, run in named_queries(subjects):
        with transaction.atomic():
            statements = captured(run)
            transaction.set_rollback(True)
        with transaction.atomic():
            for n, sql in enumerate(statements, start=1):
                finding = analyse(f"{label} [{n}/{len(statements)}]", sql, report)
                verdict = (
                    "FAIL: Seq Scan on " + ", ".join(finding.big_seq_scans)
                    if finding.big_seq_scans
                    else "ok"
                )
                if label.startswith(NOT_ASSERTED):
                    scans = sorted(set(SEQ_SCAN.findall(finding.plan)))
                    verdict = "not asserted" + (
                        f"; Seq Scan on {', '.join(scans)}" if scans else ""
                    )
                print(f"\n--- {finding.label}: {verdict}")
                print(f"SQL: {short(sql)}")
                print("indexes: " + (", ".join(finding.indexes) or "none (small tables only)"))
                if args.plans in ("named", "all") or finding.big_seq_scans:
                    print(finding.plan)
            transaction.set_rollback(True)

    print("\n" + "=" * 100 + "\n2. Page scenarios: every query of the request\n" + "=" * 100)
    print(f"{'scenario':<36}{'queries':>8}{'max ms':>9}  seq scans on big tables / indexes used")
    with transaction.atomic():  # one transaction: start → attempt → autosave → submit
        for label, run in scenarios(subjects):
            statements = captured(lambda run=run: run(None))
            findings = [
                analyse(f"{label} #{n}", sql, report) for n, sql in enumerate(statements, start=1)
            ]
            bad = sorted({t for f in findings for t in f.big_seq_scans})
            used = sorted({i for f in findings for i in f.indexes})
            slowest = max((f.ms or 0 for f in findings), default=0)
            print(
                f"{label:<36}{len(statements):>8}{slowest:>9.1f}  "
                + ("FAIL: " + ", ".join(bad) if bad else "ok")
                + f" | {', '.join(used)}"
            )
            for f in findings:
                if args.plans == "all" or f.big_seq_scans:
                    print(
                        f"\n  --- {f.label}\n  SQL: {short(f.sql)}\n"
                        + "\n".join("  " + line for line in f.plan.splitlines())
                        + "\n"
                    )
        transaction.set_rollback(True)

    failures = report.failures
    print(
        f"\n{len(report.findings)} statements explained; "
        f"{len(failures)} with a Seq Scan on a table over {args.min_rows:,} rows."
    )
    for f in failures:
        print(f"  FAIL {f.label}: {', '.join(f.big_seq_scans)}\n       {short(f.sql, 300)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
