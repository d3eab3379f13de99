"""Page query counts stay the same as the data behind a page grows.

The scale data set (`seed_scale`: 50 000 trainees, 500 000 attempts, 100 000 certificates) has
the same shapes as this small world: a trainee with attempts on the course's quizzes, a chain of
renewed certificates, CE records, supervised hours waiting for sign-off, and other trainees with
all of that too. Each test measures a page with one of each (two attempts, a renewed
certificate), grows every shape to 30 and asserts the page sends no more queries than before.

What already has its own test is not repeated here: lessons per module
(tests/courses/test_learning.py) and questions per attempt (tests/assessments/test_views.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import Attempt, AttemptQuestion, AttemptState
from certificates.models import Certificate, CertificateEvent, CourseRequirement
from tests.assessments.conftest import make_assessment
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory, UserFactory
from tests.factories.certificates import (
    CertificateFactory,
    ProgramVersionFactory,
    SupervisionEntryFactory,
)
from tests.factories.continuing_education import (
    CEActivityFactory,
    CEAllocationFactory,
    CERulesFactory,
)

pytestmark = pytest.mark.django_db

LARGE = 30

# The dashboard of this world's trainee (enrolled, two quizzes taken, a renewed certificate):
#  1 the user (the session is cached)
#  2 the certificates, each with its newest "verified by" reports (one JSON column)
#  3 the enrolments with their courses            (courses.selectors.dashboard_enrollments)
#  4 the lessons completed in them
#  5 the modules' assessments with the trainee's graded attempts (modules_assessment_passed)
#  6 the outline's assessments with all the trainee's attempts and extra attempts (outline_items)
#  7 the trainee's attempts with their assessments (assessments.selectors.trainee_history)
#  8 the trainee's accommodations                  (likewise)
#  9 the next live session                          (cohorts.selectors.next_session_for)
# From the cache, no query: the person's group names (accounts.roles.group_names), whether
# their home shows applications (cms/application_home.py), each version's CE rules
# (continuing_education/cache.py), the course's pages and assessments (courses/cache.py).
# A holder with a CE cycle adds their CE records, renewal applications and lapses, one query
# each for all their certificates (tests/cms/test_dashboard_queries.py).
DASHBOARD_BUDGET = 9


@dataclass
class World:
    tree: object
    trainee: object
    supervisor: object
    quizzes: list
    version: object
    chain: list = field(default_factory=list)  # the trainee's certificates, oldest first
    attempts: int = 0
    people: int = 0

    @property
    def certificate(self) -> Certificate:
        return self.chain[-1]

    def enrol(self, user) -> None:
        EnrollmentFactory(trainee=user, course=self.tree.course)
        for lesson in self.tree.lessons[0][:2]:
            LessonCompletionFactory(trainee=user, lesson=lesson)

    def take_quiz(self, user, quiz) -> Attempt:
        """A whole attempt through the services, as a trainee's browser would drive them."""
        attempt = assessment_services.attempt_start(trainee=user, assessment=quiz)
        answers = {aq.pk: ["1"] for aq in AttemptQuestion.objects.filter(attempt=attempt)}
        assessment_services.attempt_save(attempt=attempt, answers=answers)
        return assessment_services.attempt_submit(attempt=attempt)

    def renew(self, holder=None) -> Certificate:
        holder = holder or self.trainee
        today = timezone.localdate()
        chain = self.chain if holder == self.trainee else []
        previous = chain[-1] if chain else None
        if previous is not None:
            Certificate.objects.filter(pk=previous.pk).update(status=Certificate.Status.SUPERSEDED)
        certificate = CertificateFactory(
            holder=holder,
            version=self.version,
            cycle=len(chain) + 1,
            supersedes=previous,
            issued_on=today - timedelta(days=100),
            expires_on=today + timedelta(days=630),
        )
        CertificateEvent.objects.create(
            certificate=certificate, to_status="valid", reason="Issued", reason_public=True
        )
        chain.append(certificate)
        return certificate

    def grow_to(self, size: int) -> None:
        """Every shape up to `size`: attempts (alternating quizzes), renewals, events on the
        current certificate, CE records in its cycle, pending supervised hours, other people."""
        while self.attempts < max(size, 2):
            self.take_quiz(self.trainee, self.quizzes[self.attempts % 2])
            self.attempts += 1
        while len(self.chain) < max(size, 2):
            self.renew()
        current = self.certificate
        for n in range(size - current.events.count()):
            CertificateEvent.objects.create(
                certificate=current,
                from_status="valid",
                to_status="valid",
                reason=f"Record corrected ({n})",
                reason_public=n % 2 == 0,
            )
        for n in range(size - self.trainee.ce_activities.count()):
            activity = CEActivityFactory(
                holder=self.trainee, date=current.issued_on + timedelta(days=n % 90)
            )
            CEAllocationFactory(activity=activity, hours=activity.hours)
        for _n in range(size - self.supervisor.supervised_entries.count()):
            SupervisionEntryFactory(trainee=self.trainee, supervisor=self.supervisor)
        while self.people < size:
            other = UserFactory()
            self.enrol(other)
            self.take_quiz(other, self.quizzes[0])
            self.renew(holder=other)
            SupervisionEntryFactory(trainee=other, supervisor=self.supervisor)
            self.people += 1


def build_world() -> World:
    from django.contrib.auth.models import Group

    from courses.permissions import SUPERVISORS_GROUP, ensure_role_groups
    from tests.factories import CourseIndexPageFactory
    from tests.module_data import home_page

    # tests/conftest.py's `home`, `course_index` and `trainee` fixtures, which are per test.
    home = home_page()
    trainee = UserFactory(email="learner@example.org")
    tree = build_course(CourseIndexPageFactory(parent=home), modules=2, lessons=3)
    quizzes = [
        make_assessment(
            module, types=["single", "multiple", "true_false"], max_attempts=0, cooldown_minutes=0
        )[0]
        for module in tree.modules
    ]
    version = ProgramVersionFactory(min_total_hours=Decimal("0"))
    CourseRequirement.objects.create(version=version, course=tree.course)
    CERulesFactory(version=version)
    ensure_role_groups()
    supervisor = UserFactory()
    supervisor.groups.add(Group.objects.get(name=SUPERVISORS_GROUP))
    world = World(
        tree=tree, trainee=trainee, supervisor=supervisor, quizzes=quizzes, version=version
    )
    world.enrol(trainee)
    return world


def in_progress_attempt(world: World) -> str:
    attempt = assessment_services.attempt_start(trainee=world.trainee, assessment=world.quizzes[0])
    assert attempt.state == AttemptState.IN_PROGRESS
    return reverse("assessments:attempt", args=[attempt.pk])


# page → (who asks: "trainee", "supervisor" or None for anonymous, URL for the world, status)
PAGES = {
    "lesson page": ("trainee", lambda w: w.tree.lessons[0][1].url, 200),
    "course page": ("trainee", lambda w: w.tree.course.url, 200),
    "dashboard": ("trainee", lambda w: reverse("dashboard"), 200),
    "verification page": (None, lambda w: reverse("verify_detail", args=[w.certificate.code]), 200),
    "verification API": (None, lambda w: f"/api/v1/verify/{w.certificate.code}", 200),
    "quiz page": ("trainee", lambda w: w.quizzes[0].url, 200),
    "attempt page": ("trainee", in_progress_attempt, 200),
    "supervisor queue": ("supervisor", lambda w: reverse("certificates:supervision_queue"), 200),
}


# Absolute budgets on top of "does not grow": the small world's counts when these were measured
# (lesson page 24 → 20 and dashboard 25 → 24 with one-query course routing and the course state
# reusing the dashboard's enrolment; lesson 20 → 5, course 19 → 5, dashboard 24 → 18 with
# published pages cached per content generation, courses/cache.py, and the header's roles and
# sessions read from the cache; dashboard 18 → 19 with the holder's "verified by" line, one
# query for all their certificates; dashboard 19 → 9 with CE rules, group names and "shows
# applications" from the cache, the certificates read once with their "verified by" lines,
# and CE records read with their allocations only when a certificate has a CE cycle); a page
# that needs more queries fails here.
BUDGETS = {"lesson page": 6, "course page": 5, "dashboard": DASHBOARD_BUDGET}


def signed_in(client: Client, user) -> None:
    """The session Client.force_login would make, without its user_logged_in signal: on
    PostgreSQL, axes' receiver cannot store the address-less request force_login builds."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


def fetch(world: World, page: str):
    who, url_for, status = PAGES[page]
    client = Client()
    if who is not None:
        signed_in(client, getattr(world, who))
    url = url_for(world)
    client.get(url)  # warm: per-process caches (site root, content types) are not data growth
    return client, url, status


@dataclass
class Grown:
    world: World  # grown to LARGE
    small: dict[str, tuple[int, int]]  # page → (status, queries) when the world was grown to 1


@pytest.fixture(scope="module")
def grown(django_db_setup, django_db_blocker) -> Grown:
    """The world, measured small and then grown to LARGE, once for the module: growing it took
    about 3 s of each page's test. Each page's small count is taken in a savepoint rolled back
    afterwards (the attempt page starts an attempt), as each page had a world of its own.

    It is built in a transaction that stays open while the module runs, so each test's own
    transaction is a savepoint in it and the test's changes are rolled back to the grown world;
    the outer transaction is rolled back at the end."""
    from django.db import transaction

    from tests.demo_snapshot import clear_caches

    outer = transaction.atomic()
    outer._from_testcase = True  # as a TestCase's own: durable blocks may run inside it
    entered = False
    try:
        with django_db_blocker.unblock():
            outer.__enter__()
            entered = True
            clear_caches()
            world = build_world()
            world.grow_to(1)
            small = {}
            for page in PAGES:
                with transaction.atomic():
                    client, url, _status = fetch(world, page)
                    with CaptureQueriesContext(connection) as queries:
                        status = client.get(url).status_code
                    small[page] = (status, len(queries))
                    transaction.set_rollback(True)
                clear_caches()  # nothing remembered of the rolled-back requests
            world.grow_to(LARGE)
        yield Grown(world=world, small=small)
    finally:
        if entered:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
        clear_caches()


@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_does_not_grow_with_its_data(
    grown, page, record_property, django_assert_max_num_queries
):
    # Measured cold, as the small count was: nothing of an earlier test's requests is cached
    # (tests/conftest.py empties the caches after each test).
    status, baseline = grown.small[page]
    assert status == PAGES[page][2], f"{page}: {status} when the world was small"
    if page in BUDGETS:
        assert baseline <= BUDGETS[page], f"{page}: {baseline} queries, budget {BUDGETS[page]}"
    world = grown.world
    assert Attempt.objects.filter(trainee=world.trainee).count() >= LARGE
    client, url, status = fetch(world, page)
    with django_assert_max_num_queries(baseline) as large:
        assert client.get(url).status_code == status
    record_property("queries", f"{baseline} → {len(large)}")
