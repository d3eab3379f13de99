"""Build the scale data set on top of seed_demo's curriculum: tens of thousands of trainees with
enrolments, progress, attempts, certificates, supervised hours and CE records.

    manage.py seed_scale --trainees 50000 --attempts 500000 --certificates 100000 [--batch 5000]

What it is for: proof that the hot queries use indexes (bench/scale/explain.py) and a load test
on a realistically large database (bench/scale/load.py). It is not demo data: rows are written in
bulk, in chunks of --batch trainees, with primary keys reserved up front so that no row has to be
read back; every account shares one precomputed password hash; no service, signal or job runs
per row. Statuses, events and dates are consistent with each other, but these certificates have
no PDF and no signed Open Badge.

On PostgreSQL the rows go in with COPY (what bulk_create would send, minus the per-object model
machinery, which dominated: ~2,500 rows/s against ~50,000 on this machine); on any other database
with bulk_create(batch_size=--batch).

Every scale account has an e-mail under @scale.example; that is how the command recognises its
own data. It refuses to add a second set unless --reset, which deletes the first.

Shapes:
- every trainee enrolled in the demo course (2 % withdrawn), with a prefix of its lessons done
  (all of them for certificate holders);
- --attempts spread over the demo quizzes and final exam (±50 % per trainee, 1–3 numbered
  attempts per assessment, more only when the average demands it): mostly graded, those of
  the last five days on an assessment with an essay waiting for a hand grade (the attempt then
  contains the essay), 1 % left in progress; each with --questions-per-attempt drawn questions (default 1) and a Response each,
  so attempt and review pages render;
- --certificates as renewal chains (cycle 1 → 2 → …, older cycles superseded) over ~40 % as many
  holders, the newest in every status (valid, expired, suspended, revoked, pending, and valid
  but due for tonight's status sweep), with their events and, once issued, their two Bitstring
  Status List entries;
- --supervision entries (default two per trainee) with a pool of 20 scale supervisors;
- --ce-records CE activities (default one per certificate), one allocation each, for holders of
  a current certificate, dated inside its cycle;
- what the outcome dashboards count (outcomes/): --cohorts cohorts of the demo course (default
  one per 500 trainees) with 40 % of the trainees enrolled in one; the program's practical
  evaluation completed by every certificate holder (passed) and by some who finished the
  course (mostly passed); each renewed cycle an approved renewal application, each newest
  certificate that expired a recorded CE lapse.
"""

from __future__ import annotations

import json
import math
import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from accounts import roles
from accounts.models import User
from assessments.grading import display_order
from assessments.models import (
    AssessmentPage,
    Attempt,
    AttemptQuestion,
    AttemptState,
    PoolRule,
    Question,
    QuestionType,
    Response,
)
from certificates.models import (
    Certificate,
    CertificateEvent,
    CourseRequirement,
    EvaluationRequirement,
    SupervisionEntry,
    new_verification_code,
)
from certificates.sweep import EXPIRY_REASON
from cohorts.models import Cohort, CohortEnrolment
from continuing_education.models import (
    CEActivity,
    CEAllocation,
    CECategory,
    CertificateLapse,
    DeliveryMode,
    RenewalApplication,
)
from courses.demo import COURSE_SLUG
from courses.models import CoursePage, Enrollment, LessonCompletion, TrainingDomain
from credentials.models import StatusEntry, StatusList, StatusPurpose
from evaluations.models import Evaluation, Instrument

SCALE_EMAIL_SUFFIX = "@scale.example"
SCALE_COHORT_PREFIX = "Scale cohort "
COHORT_SHARE = 0.4  # trainees enrolled in a cohort
SUPERVISOR_POOL = 20
HOLDER_SHARE = 2.5  # certificates per holder on average: chains of renewals

FIRST_NAMES = [
    "Alex",
    "Bailey",
    "Cameron",
    "Dakota",
    "Emerson",
    "Finley",
    "Harper",
    "Jesse",
    "Kai",
    "Logan",
    "Morgan",
    "Noel",
    "Parker",
    "Quinn",
    "Reese",
    "Rowan",
    "Sage",
    "Skyler",
    "Taylor",
    "Jordan",
]

# Status of the newest certificate of a chain, with weights; older cycles are superseded.
# "due": valid, but its expiry date was yesterday: what tonight's status sweep will move.
NEWEST_STATUS = [
    ("valid", 72),
    ("expired", 14),
    ("suspended", 3),
    ("revoked", 5),
    ("pending", 2),
    ("due", 4),
]
CURRENT = ("valid", "expired", "suspended")


def scale_users():
    return User.objects.filter(email__endswith=SCALE_EMAIL_SUFFIX)


def trainee_email(index: int) -> str:
    return f"trainee{index:06d}{SCALE_EMAIL_SUFFIX}"


@dataclass
class Curriculum:
    course_id: int
    lessons: list[int]  # LessonPage ids in course order
    assessments: list[dict]
    version_id: int
    validity_months: int
    domain_ids: list[int]
    ce_category_ids: list[int]
    supervisors_group_id: int
    instrument: tuple[int, int] | None = None  # the program's evaluation: (id, live revision)


class Writer:
    """Bulk inserts with primary keys reserved up front: COPY on PostgreSQL, bulk_create
    elsewhere. Columns a caller leaves out get the model field's default, so a field added to
    a model later does not break the command (one without a default stops it with its name)."""

    def __init__(self, batch: int):
        self.batch = batch
        self.postgres = connection.vendor == "postgresql"
        self.rows: dict[str, int] = defaultdict(int)
        self.seconds: dict[str, float] = defaultdict(float)
        self._next: dict[type, int] = {}
        self._sequence: dict[type, str] = {}

    def ids(self, model, count: int) -> int:
        """Reserve `count` consecutive primary keys; returns the first."""
        if count <= 0:
            return 0
        if self.postgres:
            with connection.cursor() as cursor:
                if model not in self._sequence:
                    cursor.execute(
                        "SELECT pg_get_serial_sequence(%s, %s)",
                        [model._meta.db_table, model._meta.pk.column],
                    )
                    self._sequence[model] = cursor.fetchone()[0]
                sequence = self._sequence[model]
                # Sequences are outside transactions: the block stays ours even on rollback.
                cursor.execute(
                    "SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, count]
                )
                return cursor.fetchone()[0] - count + 1
        if model not in self._next:
            self._next[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        first = self._next[model]
        self._next[model] += count
        return first

    def write(self, model, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        started = time.perf_counter()
        meta = model._meta
        fields = [meta.get_field(name) for name in columns]
        given = {f.attname for f in fields}
        filled = []
        for f in meta.concrete_fields:
            if f.attname in given:
                continue
            value = f.get_default()
            if value is None and not f.null:
                raise CommandError(
                    f"{meta.label}.{f.name} has no default: seed_scale must set it explicitly."
                )
            filled.append((f, value))
        if self.postgres:
            self._copy(model, fields, filled, rows)
        else:
            extra = {f.attname: value for f, value in filled}
            names = [f.attname for f in fields]
            model.objects.bulk_create(
                [model(**dict(zip(names, row, strict=True)), **extra) for row in rows],
                batch_size=self.batch,
            )
        self.rows[meta.label] += len(rows)
        self.seconds[meta.label] += time.perf_counter() - started

    def _copy(self, model, fields, filled, rows) -> None:
        quote = connection.ops.quote_name
        all_fields = fields + [f for f, _v in filled]
        columns = ", ".join(quote(f.column) for f in all_fields)
        tail = tuple(_to_copy(f, value) for f, value in filled)
        json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor: Django's wrapper has no copy()
            table = quote(model._meta.db_table)
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    if json_at:
                        row = list(row)
                        for i in json_at:
                            row[i] = json.dumps(row[i], cls=DjangoJSONEncoder)
                    copy.write_row((*row, *tail))


def _to_copy(field, value):
    if isinstance(field, models.JSONField):
        return json.dumps(value, cls=DjangoJSONEncoder)
    return value


class Command(BaseCommand):
    help = "Bulk-build a large data set (trainees, attempts, certificates) on the demo curriculum."

    def add_arguments(self, parser):
        parser.add_argument("--trainees", type=int, default=50_000)
        parser.add_argument("--attempts", type=int, default=500_000)
        parser.add_argument("--certificates", type=int, default=100_000)
        parser.add_argument(
            "--batch",
            type=int,
            default=5_000,
            help="Trainees per chunk (one transaction) and rows per INSERT.",
        )
        parser.add_argument(
            "--questions-per-attempt",
            type=int,
            default=1,
            help="AttemptQuestion + Response rows per attempt (default 1).",
        )
        parser.add_argument(
            "--supervision",
            type=int,
            default=None,
            help="Supervision entries (default: two per trainee).",
        )
        parser.add_argument(
            "--ce-records",
            type=int,
            default=None,
            help="CE activities (default: one per certificate).",
        )
        parser.add_argument(
            "--cohorts",
            type=int,
            default=None,
            help="Cohorts of the demo course (default: one per 500 trainees).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed for shapes.")
        parser.add_argument(
            "--password",
            default=os.environ.get("DEMO_PASSWORD", "peer-demo-pass"),
            help="Password of every scale account (default: DEMO_PASSWORD).",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete an existing scale data set first."
        )
        parser.add_argument(
            "--no-analyze",
            action="store_true",
            help="Skip VACUUM ANALYZE of the filled tables (PostgreSQL).",
        )

    # --- entry point ---------------------------------------------------------------------------

    def handle(self, *args, **opts):
        started = time.perf_counter()
        trainees, attempts, certificates = opts["trainees"], opts["attempts"], opts["certificates"]
        if trainees < 1 or attempts < 0 or certificates < 0 or opts["batch"] < 1:
            raise CommandError("--trainees and --batch must be positive, the others ≥ 0.")
        if opts["questions_per_attempt"] < 1:
            raise CommandError("--questions-per-attempt must be at least 1 (pages need one).")
        if scale_users().exists():
            if not opts["reset"]:
                raise CommandError(
                    f"Scale data already exists (accounts under {SCALE_EMAIL_SUFFIX}). Pass "
                    "--reset to delete it and build a new set."
                )
            self.reset()
        started = time.perf_counter()
        cur = self.load_curriculum()
        if attempts > trainees * len(cur.assessments) * 9:
            raise CommandError(f"{attempts} attempts are too many for {trainees} trainees.")
        self.rng = random.Random(opts["seed"])
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.writer = Writer(opts["batch"])
        self.questions_per_attempt = opts["questions_per_attempt"]
        self.password_hash = make_password(opts["password"])
        self.status_slots = StatusSlots(self.rng)
        self.renewals: list[tuple] = []
        self.lapses: list[tuple] = []
        supervision = 2 * trainees if opts["supervision"] is None else opts["supervision"]
        ce_records = certificates if opts["ce_records"] is None else opts["ce_records"]

        holders = min(trainees, math.ceil(certificates / HOLDER_SHARE))
        attempt_plan = spread(attempts, trainees, self.rng)
        cert_plan = spread(certificates, holders, self.rng, low=1) + [0] * (trainees - holders)
        self.rng.shuffle(cert_plan)
        holder_attempts(attempt_plan, cert_plan, len(cur.assessments))
        supervision_plan = spread(supervision, trainees, self.rng)
        current_share = sum(w for s, w in NEWEST_STATUS if s in (*CURRENT, "due")) / sum(
            w for _s, w in NEWEST_STATUS
        )
        self.ce_per_holder = ce_records / max(1.0, holders * current_share)
        self.ce_left = ce_records

        self.commit_seconds = 0.0
        cohorts = max(1, trainees // 500) if opts["cohorts"] is None else opts["cohorts"]
        with transaction.atomic():
            supervisors = self.build_supervisors(cur)
            self.cohort_ids = self.build_cohorts(cur, cohorts)
        batch = opts["batch"]
        for start in range(0, trainees, batch):
            stop = min(trainees, start + batch)
            with transaction.atomic():
                self.build_chunk(
                    cur,
                    start,
                    stop,
                    attempt_plan[start:stop],
                    cert_plan[start:stop],
                    supervision_plan[start:stop],
                    supervisors,
                )
                mark = time.perf_counter()
            # Foreign keys are DEFERRABLE INITIALLY DEFERRED: PostgreSQL checks them here.
            self.commit_seconds += time.perf_counter() - mark
            self.stdout.write(
                f"  trainees {stop:>7,}/{trainees:,}  {time.perf_counter() - started:7.1f} s"
            )
        built = time.perf_counter() - started
        analyzed = 0.0
        if self.writer.postgres and not opts["no_analyze"]:
            mark = time.perf_counter()
            self.analyze()
            analyzed = time.perf_counter() - mark
        self.report(built, analyzed, time.perf_counter() - started)

    # --- prerequisites -------------------------------------------------------------------------

    def load_curriculum(self) -> Curriculum:
        course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
        requirement = (
            CourseRequirement.objects.filter(course=course).select_related("version").first()
            if course
            else None
        )
        if course is None or requirement is None:
            raise CommandError(
                "The demo course or its program is missing: run "
                "`manage.py seed_demo --force` first."
            )
        lessons = list(course.live_lessons().order_by("path").values_list("pk", flat=True))
        live = {q.pk: q for q in Question.objects.filter(live=True, live_revision__isnull=False)}
        by_category = defaultdict(list)
        for question in sorted(live.values(), key=lambda q: q.key):
            by_category[question.category_id].append(question)
        order_rng = random.Random(0)
        assessments = []
        for page in AssessmentPage.objects.live().descendant_of(course).order_by("path"):
            rules = list(PoolRule.objects.filter(assessment=page).order_by("sort_order"))
            pool, seen = [], set()
            for rule in rules:
                for q in (
                    [live[rule.question_id]]
                    if rule.question_id in live
                    else by_category.get(rule.category_id, [])
                ):
                    if q.pk in seen:
                        continue
                    seen.add(q.pk)
                    order = display_order(
                        q.type, q.data, shuffle=page.shuffle_options, rng=order_rng
                    )
                    pool.append(
                        {
                            "id": q.pk,
                            "revision": q.live_revision_id,
                            "type": q.type,
                            "points": Decimal(q.points),
                            "order": order,
                            "data": q.data,
                        }
                    )
            if not pool:
                continue
            assessments.append(
                {
                    "id": page.pk,
                    "pass_mark": page.pass_mark,
                    "time_limit": page.time_limit_minutes,
                    "pool": pool,
                    "essay": next((q for q in pool if q["type"] == QuestionType.ESSAY), None),
                    "max_score": Decimal(sum(r.count if r.category_id else 1 for r in rules)),
                }
            )
        if not assessments or not lessons:
            raise CommandError("The demo course has no lessons or assessments: run seed_demo.")
        return Curriculum(
            course_id=course.pk,
            lessons=lessons,
            assessments=assessments,
            version_id=requirement.version_id,
            validity_months=requirement.version.validity_months,
            domain_ids=list(TrainingDomain.objects.values_list("pk", flat=True)),
            ce_category_ids=list(CECategory.objects.values_list("pk", flat=True)),
            supervisors_group_id=Group.objects.get_or_create(name=roles.SUPERVISORS)[0].pk,
            instrument=(
                Instrument.objects.filter(
                    pk__in=EvaluationRequirement.objects.filter(
                        version_id=requirement.version_id
                    ).values("instrument_id"),
                    live_revision__isnull=False,
                )
                .values_list("pk", "live_revision_id")
                .first()
            ),
        )

    def build_supervisors(self, cur: Curriculum) -> list[int]:
        first = self.writer.ids(User, SUPERVISOR_POOL)
        ids = list(range(first, first + SUPERVISOR_POOL))
        self.writer.write(
            User,
            ("id", "email", "first_name", "last_name", "password", "date_joined"),
            [
                (
                    pk,
                    f"supervisor{n:03d}{SCALE_EMAIL_SUFFIX}",
                    "Scale",
                    f"Supervisor {n}",
                    self.password_hash,
                    self.now,
                )
                for n, pk in enumerate(ids)
            ],
        )
        through = User.groups.through
        first = self.writer.ids(through, len(ids))
        self.writer.write(
            through,
            ("id", "user_id", "group_id"),
            [(first + n, pk, cur.supervisors_group_id) for n, pk in enumerate(ids)],
        )
        return ids

    # --- one chunk of trainees -----------------------------------------------------------------

    def build_chunk(self, cur, start, stop, attempt_plan, cert_plan, supervision_plan, supervisors):
        rng, now = self.rng, self.now
        first = self.writer.ids(User, stop - start)
        people = []  # (id, first name, last name)
        rows = []
        for offset, index in enumerate(range(start, stop)):
            pk = first + offset
            person = (pk, FIRST_NAMES[index % len(FIRST_NAMES)], f"Scale{index}")
            people.append(person)
            rows.append(
                (
                    pk,
                    trainee_email(index),
                    person[1],
                    person[2],
                    self.password_hash,
                    now - timedelta(days=rng.randint(30, 1100)),
                )
            )
        self.writer.write(
            User, ("id", "email", "first_name", "last_name", "password", "date_joined"), rows
        )
        # Certificate holders finished the course; everyone else is somewhere in it.
        progress = [
            len(cur.lessons) if certs else rng.randint(0, len(cur.lessons)) for certs in cert_plan
        ]
        self.build_learning(cur, people, progress)
        self.build_attempts(cur, people, attempt_plan, [bool(c) for c in cert_plan])
        current = self.build_certificates(cur, people, cert_plan)
        self.build_supervision(cur, people, supervision_plan, supervisors)
        self.build_ce(cur, current)
        self.build_cohort_places(people)
        self.build_evaluations(cur, people, cert_plan, progress)

    def build_learning(self, cur: Curriculum, people, progress):
        rng, now = self.rng, self.now
        enrollments, completions = [], []
        for (pk, _f, _l), done in zip(people, progress, strict=True):
            enrolled_at = now - timedelta(days=rng.randint(30, 800))
            last = cur.lessons[min(done, len(cur.lessons) - 1)] if done else None
            enrollments.append(
                (
                    pk,
                    cur.course_id,
                    enrolled_at,
                    last,
                    now - timedelta(minutes=rng.randint(5, 60 * 24 * 400)),
                    now - timedelta(days=3) if rng.random() < 0.02 else None,
                )
            )
            for n, lesson in enumerate(cur.lessons[:done]):
                completions.append((pk, lesson, enrolled_at + timedelta(hours=6 * n)))
        first = self.writer.ids(Enrollment, len(enrollments))
        self.writer.write(
            Enrollment,
            (
                "id",
                "trainee_id",
                "course_id",
                "enrolled_at",
                "last_lesson_id",
                "last_activity_at",
                "withdrawn_at",
            ),
            [(first + n, *row) for n, row in enumerate(enrollments)],
        )
        first = self.writer.ids(LessonCompletion, len(completions))
        self.writer.write(
            LessonCompletion,
            ("id", "trainee_id", "lesson_id", "completed_at"),
            [(first + n, *row) for n, row in enumerate(completions)],
        )

    def build_attempts(self, cur: Curriculum, people, plan, holds_certificate):
        rng, now = self.rng, self.now
        attempts, specs = [], []  # spec per attempt: (assessment, state, answered well)
        count_assessments = len(cur.assessments)
        for (pk, _f, _l), count, holder in zip(people, plan, holds_certificate, strict=True):
            if not count:
                continue
            per = [0] * count_assessments
            cap = max(3, math.ceil(count / count_assessments))
            # One attempt per assessment in course order, then retakes spread over them.
            left, j = count, 0
            while left:
                index = j % count_assessments
                take = 1 if j < count_assessments else rng.choice((0, 0, 1, 1, 2))
                take = min(left, cap - per[index], take)
                per[index] += take
                left -= take
                j += 1
            base = now - timedelta(days=rng.randint(30, 700))
            for index, assessment in enumerate(cur.assessments):
                for number in range(1, per[index] + 1):
                    newest = number == per[index]
                    started = min(
                        base + timedelta(days=index * 4 + number, minutes=rng.randint(0, 600)),
                        now - timedelta(hours=rng.randint(2, 240)),
                    )
                    # Holders passed everything; others' newest attempt passed 85 % of times.
                    # Essays are graded within days: only recent ones still wait for it.
                    state = AttemptState.GRADED
                    passed = newest and (holder or rng.random() < 0.85)
                    if (
                        not holder
                        and newest
                        and assessment["essay"]
                        and started > now - timedelta(days=5)
                    ):
                        state, passed = AttemptState.NEEDS_GRADING, False
                    elif not holder and newest and rng.random() < 0.01:
                        state, passed = AttemptState.IN_PROGRESS, False
                    mark, max_score = assessment["pass_mark"], assessment["max_score"]
                    percent = score = None
                    if state == AttemptState.GRADED:
                        percent = Decimal(
                            rng.randint(mark, 100) if passed else rng.randint(20, mark - 1)
                        )
                        score = (max_score * percent / 100).quantize(Decimal("0.01"))
                    limit = assessment["time_limit"]
                    finished = state != AttemptState.IN_PROGRESS
                    submitted = started + timedelta(minutes=12) if finished else None
                    attempts.append(
                        [
                            pk,
                            assessment["id"],
                            number,
                            started,
                            started + timedelta(minutes=limit) if limit else None,
                            submitted,
                            submitted if state == AttemptState.GRADED else None,
                            state,
                            score,
                            max_score,
                            percent,
                            None if percent is None else percent >= mark,
                        ]
                    )
                    specs.append((assessment, state, passed))
        first = self.writer.ids(Attempt, len(attempts))
        for n, row in enumerate(attempts):
            row.insert(0, first + n)
        self.writer.write(
            Attempt,
            (
                "id",
                "trainee_id",
                "assessment_id",
                "number",
                "started_at",
                "deadline",
                "submitted_at",
                "graded_at",
                "state",
                "score",
                "max_score",
                "percent",
                "passed",
            ),
            attempts,
        )

        chosen_per_attempt = []
        for assessment, state, _good in specs:
            pool = assessment["pool"]
            chosen = rng.sample(pool, min(self.questions_per_attempt, len(pool)))
            if state == AttemptState.NEEDS_GRADING and assessment["essay"] not in chosen:
                chosen = [assessment["essay"], *chosen[: self.questions_per_attempt - 1]]
            chosen_per_attempt.append(chosen)
        total = sum(len(c) for c in chosen_per_attempt)
        first_aq = self.writer.ids(AttemptQuestion, total)
        first_response = self.writer.ids(Response, total)
        questions, responses = [], []
        n = 0
        for row, (_a, state, good), chosen in zip(attempts, specs, chosen_per_attempt, strict=True):
            for position, q in enumerate(chosen):
                questions.append(
                    (
                        first_aq + n,
                        row[0],
                        q["id"],
                        q["revision"],
                        q["type"],
                        position,
                        q["order"],
                        q["points"],
                    )
                )
                answered = state != AttemptState.IN_PROGRESS or rng.random() < 0.5
                answer = sample_answer(q["type"], q["data"], good) if answered else None
                points = None
                if state == AttemptState.GRADED:
                    points = q["points"] if good else Decimal(0)
                responses.append(
                    (
                        first_response + n,
                        first_aq + n,
                        answer,
                        row[6] or now - timedelta(hours=1) if answer is not None else None,
                        points,
                    )
                )
                n += 1
        self.writer.write(
            AttemptQuestion,
            (
                "id",
                "attempt_id",
                "question_id",
                "revision_id",
                "qtype",
                "position",
                "option_order",
                "max_points",
            ),
            questions,
        )
        self.writer.write(
            Response, ("id", "attempt_question_id", "answer", "saved_at", "points"), responses
        )

    def build_certificates(self, cur: Curriculum, people, plan) -> list[tuple]:
        """Renewal chains. Returns (holder id, id, issued_on, expires_on) of current ones."""
        rng, today, now = self.rng, self.today, self.now
        months = relativedelta(months=cur.validity_months)
        statuses, weights = zip(*NEWEST_STATUS, strict=True)
        first = self.writer.ids(Certificate, sum(plan))
        certificates, events, issued, current = [], [], [], []
        next_id = first
        for (pk, first_name, last_name), count in zip(people, plan, strict=True):
            if not count:
                continue
            newest_status = rng.choices(statuses, weights)[0]
            if newest_status == "expired":
                newest_issue = today - months - timedelta(days=rng.randint(1, 400))
            elif newest_status == "due":
                newest_issue = today - months - timedelta(days=1)
            elif newest_status == "pending":
                newest_issue = today
            else:
                newest_issue = today - timedelta(days=rng.randint(0, 700))
            # Older cycles were superseded when the next one was issued; a renewal still
            # pending leaves the certificate it renews valid.
            chain_status = ["superseded"] * (count - 1) + [newest_status]
            if newest_status == "pending" and count > 1:
                chain_status[-2] = "valid"
            chain = []
            for cycle, status in enumerate(chain_status, start=1):
                cid = next_id
                next_id += 1
                issued_on = newest_issue - relativedelta(
                    months=cur.validity_months * (count - cycle)
                )
                at = datetime.combine(
                    issued_on, datetime.min.time(), tzinfo=now.tzinfo
                ) + timedelta(hours=10)
                pending = status == "pending"
                expires_on = issued_on + months
                serial = f"PRS-{issued_on:%Y}-S{pk:07d}C{cycle}"
                certificates.append(
                    (
                        cid,
                        pk,
                        cur.version_id,
                        cycle,
                        0,
                        new_verification_code(),
                        serial,
                        "valid" if status == "due" else status,
                        f"{first_name} {last_name}",
                        issued_on,
                        expires_on,
                        Decimal("49"),
                        [
                            ["Advocacy", "10"],
                            ["Ethical Responsibility", "16"],
                            ["Mentoring/Education", "11"],
                            ["Recovery/Wellness Support", "12"],
                        ],
                        chain[-1][0] if chain else None,
                        at - timedelta(minutes=5),
                        at - timedelta(minutes=5),
                        None if pending else at,
                        0 if pending else 1,
                        None if pending else at,
                    )
                )
                events.append(
                    (cid, "", "pending", at - timedelta(minutes=5), "Requirements met", False)
                )
                if not pending:
                    issued.append(cid)
                    events.append((cid, "pending", "valid", at, "Issued", True))
                    if chain:
                        events.append(
                            (
                                chain[-1][0],
                                "valid",
                                "superseded",
                                at,
                                f"Superseded by {serial}",
                                True,
                            )
                        )
                chain.append((cid, issued_on, expires_on, status))
            for cid, issued_on, expires_on, status in chain:
                if status == "expired":
                    events.append(
                        (
                            cid,
                            "valid",
                            "expired",
                            datetime.combine(
                                expires_on + timedelta(days=1),
                                datetime.min.time(),
                                tzinfo=now.tzinfo,
                            ),
                            EXPIRY_REASON,
                            True,
                        )
                    )
                elif status in ("suspended", "revoked"):
                    events.append(
                        (
                            cid,
                            "valid",
                            status,
                            min(
                                now,
                                datetime.combine(issued_on, datetime.min.time(), tzinfo=now.tzinfo)
                                + timedelta(days=rng.randint(1, 300)),
                            ),
                            "Board decision",
                            status == "revoked",
                        )
                    )
                if status in (*CURRENT, "due"):
                    current.append((pk, cid, issued_on, expires_on))
            # The outcome of each ended cycle: renewed (an approved application, which led to
            # the next certificate) or, for the newest one expired, a recorded CE lapse.
            for (cid, issued_on, expires_on, status), following in zip(
                chain, [*chain[1:], None], strict=True
            ):
                if status == "superseded" and following is not None:
                    submitted = datetime.combine(
                        following[1] - timedelta(days=30), datetime.min.time(), tzinfo=now.tzinfo
                    )
                    self.renewals.append((cid, pk, issued_on, expires_on, submitted, following[0]))
                elif status == "expired":
                    self.lapses.append((cid, min(today, expires_on + timedelta(days=90))))
        self.writer.write(
            Certificate,
            (
                "id",
                "holder_id",
                "version_id",
                "cycle",
                "reissue",
                "code",
                "serial",
                "status",
                "holder_name",
                "issued_on",
                "expires_on",
                "hours_total",
                "hours_by_domain",
                "supersedes_id",
                "requested_at",
                "enqueued_at",
                "issued_at",
                "job_attempts",
                "email_sent_at",
            ),
            certificates,
        )
        first = self.writer.ids(CertificateEvent, len(events))
        self.writer.write(
            CertificateEvent,
            ("id", "certificate_id", "from_status", "to_status", "at", "reason", "reason_public"),
            [(first + n, *row) for n, row in enumerate(events)],
        )
        self.build_status_entries(issued)
        self.build_cycle_outcomes()
        return current

    def build_cycle_outcomes(self):
        now = self.now
        renewals, self.renewals = self.renewals, []
        lapses, self.lapses = self.lapses, []
        first = self.writer.ids(RenewalApplication, len(renewals))
        self.writer.write(
            RenewalApplication,
            (
                "id",
                "certificate_id",
                "holder_id",
                "cycle_start",
                "cycle_end",
                "submitted_at",
                "status",
                "decided_at",
                "new_certificate_id",
            ),
            [
                (
                    first + n,
                    cid,
                    holder,
                    start,
                    end,
                    submitted,
                    RenewalApplication.Status.APPROVED,
                    submitted + timedelta(days=10),
                    new,
                )
                for n, (cid, holder, start, end, submitted, new) in enumerate(renewals)
            ],
        )
        first = self.writer.ids(CertificateLapse, len(lapses))
        self.writer.write(
            CertificateLapse,
            ("id", "certificate_id", "lapsed_on", "recorded_at"),
            [(first + n, cid, day, now) for n, (cid, day) in enumerate(lapses)],
        )

    def build_cohorts(self, cur: Curriculum, count: int) -> list[int]:
        first = self.writer.ids(Cohort, count)
        ids = list(range(first, first + count))
        self.writer.write(
            Cohort,
            ("id", "course_id", "title", "capacity", "time_zone"),
            [
                (pk, cur.course_id, f"{SCALE_COHORT_PREFIX}{n + 1:04d}", 500, "America/New_York")
                for n, pk in enumerate(ids)
            ],
        )
        return ids

    def build_cohort_places(self, people):
        rng, now = self.rng, self.now
        rows = []
        for pk, _f, _l in people:
            if rng.random() < COHORT_SHARE:
                joined = now - timedelta(days=rng.randint(30, 800))
                rows.append(
                    (
                        pk,
                        rng.choice(self.cohort_ids),
                        CohortEnrolment.Status.ENROLLED,
                        joined,
                        joined,
                    )
                )
        first = self.writer.ids(CohortEnrolment, len(rows))
        self.writer.write(
            CohortEnrolment,
            ("id", "trainee_id", "cohort_id", "status", "queued_at", "enrolled_at"),
            [(first + n, *row) for n, row in enumerate(rows)],
        )

    def build_evaluations(self, cur: Curriculum, people, cert_plan, progress):
        """The program's practical evaluation: passed by every holder; taken by 60 % of those
        who finished the course without a certificate, 80 % of whom passed."""
        if cur.instrument is None:
            return
        rng, now = self.rng, self.now
        instrument, revision = cur.instrument
        rows = []
        for (pk, _f, _l), certificates, done in zip(people, cert_plan, progress, strict=True):
            finished = done == len(cur.lessons)
            if not certificates and not (finished and rng.random() < 0.6):
                continue
            passed = bool(certificates) or rng.random() < 0.8
            at = now - timedelta(days=rng.randint(20, 700))
            rows.append(
                (
                    pk,
                    instrument,
                    revision,
                    Evaluation.Status.COMPLETED,
                    at - timedelta(days=14),
                    at,
                    passed,
                    rng.randint(70, 100) if passed else rng.randint(30, 69),
                )
            )
        first = self.writer.ids(Evaluation, len(rows))
        self.writer.write(
            Evaluation,
            (
                "id",
                "trainee_id",
                "instrument_id",
                "revision_id",
                "status",
                "requested_at",
                "completed_at",
                "passed",
                "score_percent",
            ),
            [(first + n, *row) for n, row in enumerate(rows)],
        )

    def build_status_entries(self, issued: list[int]):
        rows = []
        for purpose in (StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION):
            for certificate_id in issued:
                status_list, index = self.status_slots.take(purpose)
                rows.append((status_list, certificate_id, purpose, index, self.now))
        first = self.writer.ids(StatusEntry, len(rows))
        self.writer.write(
            StatusEntry,
            ("id", "status_list_id", "certificate_id", "purpose", "index", "created_at"),
            [(first + n, *row) for n, row in enumerate(rows)],
        )

    def build_supervision(self, cur: Curriculum, people, plan, supervisors):
        rng, today, now = self.rng, self.today, self.now
        kinds, formats = SupervisionEntry.Kind, SupervisionEntry.Format
        statuses = (
            SupervisionEntry.Status.SIGNED,
            SupervisionEntry.Status.PENDING,
            SupervisionEntry.Status.REJECTED,
        )
        rows = []
        for (pk, _f, _l), count in zip(people, plan, strict=True):
            for n in range(count):
                practice = n % 4 != 3
                status = rng.choices(statuses, (85, 10, 5))[0]
                day = today - timedelta(days=rng.randint(1, 700))
                created = datetime.combine(day, datetime.min.time(), tzinfo=now.tzinfo) + timedelta(
                    hours=18
                )
                rows.append(
                    (
                        pk,
                        rng.choice(supervisors),
                        kinds.PRACTICE if practice else kinds.SUPERVISION,
                        day,
                        240 if practice else 60,
                        rng.choice(cur.domain_ids),
                        formats.INDIVIDUAL if n % 3 else formats.GROUP,
                        status,
                        None
                        if status == SupervisionEntry.Status.PENDING
                        else created + timedelta(days=2),
                        "Dates do not match the rota"
                        if status == SupervisionEntry.Status.REJECTED
                        else "",
                        created,
                    )
                )
        first = self.writer.ids(SupervisionEntry, len(rows))
        self.writer.write(
            SupervisionEntry,
            (
                "id",
                "trainee_id",
                "supervisor_id",
                "kind",
                "date",
                "minutes",
                "domain_id",
                "format",
                "status",
                "reviewed_at",
                "rejection_reason",
                "created_at",
            ),
            [(first + n, *row) for n, row in enumerate(rows)],
        )

    def build_ce(self, cur: Curriculum, current: list[tuple]):
        if not cur.ce_category_ids:
            return
        rng, today, now = self.rng, self.today, self.now
        modes = [mode for mode, _label in DeliveryMode.choices]
        statuses = (
            CEActivity.Status.APPROVED,
            CEActivity.Status.SUBMITTED,
            CEActivity.Status.REJECTED,
        )
        activities = []
        carry = 0.0
        for holder_id, _cid, issued_on, expires_on in current:
            carry += self.ce_per_holder
            count = min(int(carry), self.ce_left)
            carry -= int(carry)
            self.ce_left -= count
            span = max(0, (min(today, expires_on) - issued_on).days)
            for _n in range(count):
                status = rng.choices(statuses, (80, 12, 8))[0]
                day = issued_on + timedelta(days=rng.randint(0, span))
                submitted = datetime.combine(
                    day, datetime.min.time(), tzinfo=now.tzinfo
                ) + timedelta(days=2)
                activities.append(
                    (
                        holder_id,
                        "Ethics in peer support workshop",
                        "Regional Recovery Network",
                        day,
                        Decimal(rng.choice(("1", "1.5", "2", "3", "6"))),
                        rng.choice(modes),
                        status,
                        None
                        if status == CEActivity.Status.SUBMITTED
                        else submitted + timedelta(days=3),
                        "No certificate of attendance"
                        if status == CEActivity.Status.REJECTED
                        else "",
                        min(now, submitted),
                    )
                )
        first = self.writer.ids(CEActivity, len(activities))
        self.writer.write(
            CEActivity,
            (
                "id",
                "holder_id",
                "title",
                "provider",
                "date",
                "hours",
                "delivery_mode",
                "status",
                "reviewed_at",
                "rejection_reason",
                "submitted_at",
            ),
            [(first + n, *row) for n, row in enumerate(activities)],
        )
        allocation = self.writer.ids(CEAllocation, len(activities))
        self.writer.write(
            CEAllocation,
            ("id", "activity_id", "category_id", "hours"),
            [
                (allocation + n, first + n, rng.choice(cur.ce_category_ids), row[4])
                for n, row in enumerate(activities)
            ],
        )

    # --- reset and finish ----------------------------------------------------------------------

    def reset(self):
        """Delete the previous scale set, and whatever points at it (rows a load run created,
        say), following each relation's on_delete like Django's delete collector would, but
        with one statement per table instead of loading every row into memory first."""
        started = time.perf_counter()
        with transaction.atomic():  # foreign keys are checked at commit
            purge(scale_users())
            purge(Cohort.objects.filter(title__startswith=SCALE_COHORT_PREFIX))
        self.stdout.write(
            f"Deleted the previous scale data set in {time.perf_counter() - started:.1f} s."
        )

    def analyze(self):
        """Fresh statistics and visibility maps, so plans (and index-only scans) are those of a
        settled database rather than of one that has just been bulk-loaded."""
        quote = connection.ops.quote_name
        tables = {label for label in self.writer.rows}

        with connection.cursor() as cursor:  # autocommit: VACUUM refuses to run in a transaction
            for label in sorted(tables):
                cursor.execute(f"VACUUM ANALYZE {quote(apps.get_model(label)._meta.db_table)}")

    def report(self, built: float, analyzed: float, total: float):
        rows, seconds = self.writer.rows, self.writer.seconds
        self.stdout.write(f"\n{'table':<36}{'rows':>11}{'write s':>9}")
        for label in sorted(rows, key=lambda k: -rows[k]):
            self.stdout.write(f"{label:<36}{rows[label]:>11,}{seconds[label]:>9.1f}")
        count = sum(rows.values())
        self.stdout.write(
            f"{'total':<36}{count:>11,}{sum(seconds.values()):>9.1f}\n"
            f"{'commits (deferred foreign-key checks)':<47}{self.commit_seconds:>9.1f}\n\n"
            f"Built in {built:.1f} s ({count / max(built, 1e-9):,.0f} rows/s), "
            f"VACUUM ANALYZE {analyzed:.1f} s, total {total:.1f} s."
        )


def purge(queryset, path: tuple = ()) -> None:
    """Set-based cascade delete of `queryset`: dependants first (CASCADE, PROTECT and RESTRICT
    rows are ours to delete too; SET_NULL ones are nulled, self-references included), then the
    rows themselves with one DELETE. Hidden reverse relations (related_name="+") count."""
    model = queryset.model
    if model in path:
        return
    path = (*path, model)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        purge(through._base_manager.filter(**{f"{field.m2m_field_name()}__in": queryset}), path)
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        related, name = rel.related_model, rel.field.name
        dependants = related._base_manager.filter(**{f"{name}__in": queryset})
        if rel.on_delete is models.SET_NULL or (related is model and rel.field.null):
            dependants.update(**{name: None})
        elif rel.on_delete in (models.CASCADE, models.PROTECT, models.RESTRICT):
            purge(dependants, path)
    # QuerySet._raw_delete: one DELETE … WHERE, without the collector's row-by-row load.
    queryset._raw_delete(queryset.db)


def holder_attempts(attempt_plan: list[int], cert_plan: list[int], assessments: int) -> None:
    """Certificate holders passed every assessment, so each needs at least one attempt on
    each; the attempts this adds are taken from the busiest non-holders (total unchanged)."""
    deficit = 0
    for i, certificates in enumerate(cert_plan):
        if certificates and attempt_plan[i] < assessments:
            deficit += assessments - attempt_plan[i]
            attempt_plan[i] = assessments
    donors = sorted((i for i, c in enumerate(cert_plan) if not c), key=lambda i: -attempt_plan[i])
    while deficit > 0 and donors:
        for i in donors:
            if deficit and attempt_plan[i]:
                attempt_plan[i] -= 1
                deficit -= 1
        donors = [i for i in donors if attempt_plan[i]]


def spread(total: int, buckets: int, rng: random.Random, *, low: int = 0) -> list[int]:
    """`total` split over `buckets` with ±50 % jitter around the mean, summing exactly to
    `total`; every bucket gets at least `low` (callers make sure total ≥ low × buckets)."""
    if buckets <= 0:
        return []
    extra = max(0, total - low * buckets)
    weights = [rng.uniform(0.5, 1.5) for _ in range(buckets)]
    factor = extra / sum(weights)
    counts = [low + int(w * factor) for w in weights]
    for _ in range(total - sum(counts)):
        counts[rng.randrange(buckets)] += 1
    return counts


def sample_answer(qtype: str, data: dict, good: bool):
    """A stored (canonical, original-index) answer of the right shape for each type."""
    if qtype in ("single", "true_false"):
        flags = [bool(option.get("correct")) for option in data["options"]]
        return flags.index(good) if good in flags else 0
    if qtype == "multiple":
        return [
            i for i, option in enumerate(data["options"]) if bool(option.get("correct")) == good
        ]
    if qtype == "short":
        return data["accepted_answers"][0] if good else "not sure"
    if qtype == "essay":
        return "I would stay calm, ask about safety, and call my supervisor."
    return None


class StatusSlots:
    """Free Bitstring Status List positions per purpose, random and never reused; opens the
    next list when one is full, as credentials.status does one certificate at a time."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.free: dict[str, list[int]] = {}
        self.list_id: dict[str, int] = {}
        self.number: dict[str, int] = {}

    def _open(self, purpose: str, number: int | None = None) -> None:
        status_list = None
        if number is None:
            status_list = StatusList.objects.filter(purpose=purpose).order_by("-number").first()
            number = 1
        if status_list is None:
            status_list, _created = StatusList.objects.get_or_create(
                purpose=purpose,
                number=number,
                defaults={"slug": StatusList.slug_for(purpose, number)},
            )
        taken = set(
            StatusEntry.objects.filter(status_list=status_list).values_list("index", flat=True)
        )
        free = [i for i in range(status_list.size) if i not in taken]
        self.rng.shuffle(free)
        self.free[purpose] = free
        self.list_id[purpose] = status_list.pk
        self.number[purpose] = status_list.number

    def take(self, purpose: str) -> tuple[int, int]:
        if purpose not in self.free:
            self._open(purpose)
        while not self.free[purpose]:
            self._open(purpose, self.number[purpose] + 1)
        return self.list_id[purpose], self.free[purpose].pop()
