"""The dashboard keeps the holder's part — certificates, CE cycles, the next live session —
rendered in the cache (cms/dashboard.py). What a holder or staff changes is on their next
request; a day turning or a session ending changes it too; one person's cards are never shown
to another; and every form on it carries the reader's own CSRF token, so it submits."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import AttemptQuestion
from certificates import services as certificate_services
from certificates.models import Certificate
from courses.permissions import ensure_role_groups
from tests.assessments.conftest import make_assessment
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory, UserFactory
from tests.factories.certificates import CertificateFactory
from tests.factories.cohorts import enrol, make_cohort, make_instructor, make_session, midday_zone
from tests.factories.continuing_education import CEActivityFactory, CERulesFactory
from verification.models import VerificationReport

pytestmark = pytest.mark.django_db

# What a trainee's dashboard may send (issue #18: at most 8; tests/cms/test_dashboard_queries.py
# counts a holder's), and what it sends once its caches are warm: the user, their enrolments and
# (counters in the database) the generations; the session is cached.
TRAINEE_BUDGET = 8
WARM_BUDGET = 4


@pytest.fixture(autouse=True)
def _no_axes(settings):
    # force_login has no client address, which django-axes cannot record on PostgreSQL.
    settings.AXES_ENABLED = False


@pytest.fixture(params=["shared cache", "per-process cache"])
def cache_kind(request, settings):
    settings.CURRICULUM_CACHE_SHARED = request.param == "shared cache"
    return request.param


@pytest.fixture
def course(course_index):
    ensure_role_groups(course_index=course_index)
    return build_course(course_index, modules=1, lessons=2, title="Foundations")


@pytest.fixture
def cohort(course):
    return make_cohort(course=course.course, title="Evening cohort", time_zone=midday_zone())


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def dashboard(client, path: str = "") -> str:
    response = client.get(path or reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def certificate_for(holder, **fields):
    today = timezone.localdate()
    values = {
        "issued_on": today - timedelta(days=100),
        "expires_on": today + timedelta(days=600),
        **fields,
    }
    return CertificateFactory(holder=holder, **values)


def later(monkeypatch, delta: timedelta) -> None:
    """Move the clock on by `delta` (what every timezone.now() and localdate() reads)."""
    moved = timezone.now() + delta
    monkeypatch.setattr(timezone, "now", lambda: moved)


# --- what the holder (or staff) writes is on the next page -------------------------------------


def test_a_suspension_shows_on_the_next_dashboard(cache_kind, trainee):
    certificate = certificate_for(trainee)
    reader = signed_in(trainee)
    for _ in range(2):  # the second from the cache
        assert 'data-status="valid"' in dashboard(reader)
    certificate_services.certificate_set_status(
        certificate_id=certificate.pk,
        to_status=Certificate.Status.SUSPENDED,
        actor=UserFactory(is_staff=True),
        reason="Under review by the board",
        reason_public=True,
    )
    page = dashboard(reader)
    assert 'data-status="suspended"' in page and 'data-status="valid"' not in page
    assert "Under review by the board" in page


def test_a_new_ce_record_shows_on_the_next_dashboard(cache_kind, trainee):
    rules = CERulesFactory(total_hours=Decimal("20"))
    certificate_for(trainee, version=rules.version)
    reader = signed_in(trainee)
    for _ in range(2):
        assert "All CE: 0 / 20 h" in dashboard(reader)
    CEActivityFactory(holder=trainee, date=timezone.localdate(), hours=Decimal("3"))
    page = dashboard(reader)
    assert "All CE: 3 / 20 h" in page and "All CE: 0 / 20 h" not in page


def test_a_verification_report_shows_on_the_next_dashboard(cache_kind, trainee):
    certificate = certificate_for(trainee)
    reader = signed_in(trainee)
    dashboard(reader)
    VerificationReport.objects.create(certificate=certificate, organisation="Harbor Clinic")
    assert "verified by Harbor Clinic" in dashboard(reader)


def test_a_session_moved_shows_its_new_time_on_the_next_dashboard(cache_kind, cohort, trainee):
    session = make_session(cohort=cohort, start=timezone.now() + timedelta(days=3), title="Intro")
    enrol(cohort=cohort, trainee=trainee)  # enrols them in the course too
    reader = signed_in(trainee)
    before = session.local_start().strftime("%H:%M")
    for _ in range(2):
        assert before in dashboard(reader)
    session.start_time = (session.local_start() - timedelta(hours=2)).time()
    session.save()
    session.refresh_from_db()
    moved = session.local_start().strftime("%H:%M")
    page = dashboard(reader)
    assert moved in page and before not in page


def test_a_cancelled_session_leaves_the_dashboard_and_the_next_one_shows(
    cache_kind, cohort, trainee
):
    first = make_session(cohort=cohort, start=timezone.now() + timedelta(days=2), title="First")
    make_session(cohort=cohort, start=timezone.now() + timedelta(days=9), title="Second")
    enrol(cohort=cohort, trainee=trainee)
    reader = signed_in(trainee)
    for _ in range(2):
        assert ">First</a>" in dashboard(reader)
    first.cancelled = True
    first.save()
    page = dashboard(reader)
    assert ">First</a>" not in page and ">Second</a>" in page


def test_joining_a_cohort_shows_its_next_session_at_once(cache_kind, cohort, trainee):
    make_session(cohort=cohort, start=timezone.now() + timedelta(days=2), title="Welcome night")
    EnrollmentFactory(trainee=trainee, course=cohort.course)
    reader = signed_in(trainee)
    for _ in range(2):
        assert "Welcome night" not in dashboard(reader)
    enrol(cohort=cohort, trainee=trainee)
    assert "Welcome night" in dashboard(reader)


# --- what time changes: a session over, a day turned ------------------------------------------


def test_a_session_that_has_ended_gives_way_to_the_next(cache_kind, cohort, trainee, monkeypatch):
    make_session(cohort=cohort, start=timezone.now() + timedelta(hours=1), title="Tonight")
    make_session(cohort=cohort, start=timezone.now() + timedelta(days=7), title="Next week")
    enrol(cohort=cohort, trainee=trainee)
    reader = signed_in(trainee)
    for _ in range(2):
        assert ">Tonight</a>" in dashboard(reader)
    later(monkeypatch, timedelta(hours=5))
    page = dashboard(reader)
    assert ">Tonight</a>" not in page and ">Next week</a>" in page


def test_a_certificate_reads_expired_the_day_after_it_expires(cache_kind, trainee, monkeypatch):
    certificate_for(trainee, expires_on=timezone.localdate())
    reader = signed_in(trainee)
    for _ in range(2):
        assert 'data-status="valid"' in dashboard(reader)
    later(monkeypatch, timedelta(days=1))
    page = dashboard(reader)
    assert 'data-status="expired"' in page and 'data-status="valid"' not in page


# --- nobody sees another's cards; each form carries the reader's own token --------------------


def test_two_trainees_never_see_each_others_certificates_or_sessions(cache_kind, course, trainee):
    other = UserFactory(email="other@example.org")
    mine = make_cohort(course=course.course, title="Mornings", time_zone=midday_zone())
    theirs = make_cohort(course=course.course, title="Evenings", time_zone=midday_zone())
    make_session(cohort=mine, start=timezone.now() + timedelta(days=2), title="Morning circle")
    make_session(cohort=theirs, start=timezone.now() + timedelta(days=3), title="Evening circle")
    enrol(cohort=mine, trainee=trainee)
    enrol(cohort=theirs, trainee=other)
    my_certificate = certificate_for(trainee)
    their_certificate = certificate_for(other)
    me, them = signed_in(trainee), signed_in(other)
    for _ in range(2):
        page = dashboard(me)
        assert my_certificate.serial in page and their_certificate.serial not in page
        assert "Morning circle" in page and "Evening circle" not in page
        page = dashboard(them)
        assert their_certificate.serial in page and my_certificate.serial not in page
        assert "Evening circle" in page and "Morning circle" not in page


def _pdf_language_token(page: str, certificate) -> str:
    form = re.search(
        rf'data-pdf-language="{certificate.pk}">.*?name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
        re.DOTALL,
    )
    assert form, "the certificate's PDF language form"
    return form.group(1)


def test_each_browser_posts_the_cached_cards_forms_with_its_own_token(cache_kind, trainee):
    certificate = certificate_for(trainee)
    url = reverse("certificates:pdf_language", args=[certificate.pk])
    browsers = []
    for _ in range(2):  # two browsers of one holder: the second reads the cached cards
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(trainee)
        browsers.append((browser, _pdf_language_token(dashboard(browser), certificate)))
    (first, first_token), (second, second_token) = browsers
    assert first_token != second_token
    # Each browser's token passes from that browser (an unknown language is then turned back
    # with a redirect, before any PDF is made) and is refused from the other.
    refused = second.post(url, {"language": "xx", "csrfmiddlewaretoken": first_token})
    assert refused.status_code == 403
    for browser, token in browsers:
        response = browser.post(url, {"language": "xx", "csrfmiddlewaretoken": token})
        assert response.status_code == 302


# --- the next session in another language (#22) ----------------------------------------------


def test_an_english_cohort_on_the_spanish_dashboard_says_it_is_taught_in_english(cohort, trainee):
    make_session(cohort=cohort, start=timezone.now() + timedelta(days=2), title="Open circle")
    enrol(cohort=cohort, trainee=trainee)
    reader = signed_in(trainee)
    spanish = dashboard(reader, "/es/dashboard/")
    assert "Se imparte en inglés" in spanish
    assert 'lang="en">Open circle</a>' in spanish
    english = dashboard(reader, "/dashboard/")
    assert "Taught in English" not in english and "Open circle</a>" in english


# --- queries ---------------------------------------------------------------------------------


def test_a_trainees_dashboard_stays_within_its_query_budget(cache_kind, course, cohort, trainee):
    rules = CERulesFactory(total_hours=Decimal("20"))
    certificate_for(trainee, version=rules.version)
    CEActivityFactory(holder=trainee, date=timezone.localdate(), hours=Decimal("2"))
    make_session(cohort=cohort, start=timezone.now() + timedelta(days=2), title="Circle")
    enrol(cohort=cohort, trainee=trainee)  # enrols them in the course too
    reader = signed_in(trainee)
    with CaptureQueriesContext(connection) as cold:
        dashboard(reader)
    with CaptureQueriesContext(connection) as warm:
        page = dashboard(reader)
    assert "Circle" in page and "All CE: 2 / 20 h" in page
    sql = "\n".join(query["sql"] for query in warm.captured_queries)
    assert len(warm.captured_queries) <= WARM_BUDGET <= TRAINEE_BUDGET, sql
    assert len(warm.captured_queries) < len(cold.captured_queries), sql


# --- the course cards ------------------------------------------------------------------------


def _quiz(course, **fields):
    assessment, _questions = make_assessment(
        course.modules[0], types=["single"], title="Module quiz", **fields
    )
    return assessment


def _take(trainee, quiz, *, right: bool) -> None:
    attempt = assessment_services.attempt_start(trainee=trainee, assessment=quiz)
    answer = ["1"] if right else ["2"]
    answers = {aq.pk: answer for aq in AttemptQuestion.objects.filter(attempt=attempt)}
    assessment_services.attempt_save(attempt=attempt, answers=answers)
    assert assessment_services.attempt_submit(attempt=attempt).passed is right


def test_a_quiz_whose_cooldown_ends_reads_open_again_on_the_card(
    cache_kind, course, trainee, monkeypatch
):
    quiz = _quiz(course, max_attempts=0, cooldown_minutes=60)
    EnrollmentFactory(trainee=trainee, course=course.course)
    _take(trainee, quiz, right=False)
    reader = signed_in(trainee)
    for _ in range(2):
        assert "next attempt from" in dashboard(reader)
    later(monkeypatch, timedelta(hours=2))  # no write: only the time moved on
    assert "next attempt from" not in dashboard(reader)


def test_a_lesson_completed_moves_the_cards_progress_at_once(cache_kind, course, trainee):
    EnrollmentFactory(trainee=trainee, course=course.course)
    reader = signed_in(trainee)
    for _ in range(2):
        assert "0 of 2 lessons" in dashboard(reader)
    lesson = course.lessons[0][0]
    response = reader.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert response.status_code == 302
    assert "1 of 2 lessons" in dashboard(reader)


def test_two_trainees_in_one_course_never_see_each_others_progress(cache_kind, course, trainee):
    other = UserFactory(email="other@example.org")
    for person in (trainee, other):
        EnrollmentFactory(trainee=person, course=course.course)
    for lesson in course.lessons[0]:
        LessonCompletionFactory(trainee=trainee, lesson=lesson)
    me, them = signed_in(trainee), signed_in(other)
    for _ in range(2):
        assert "2 of 2 lessons" in dashboard(me) and "0 of 2 lessons" not in dashboard(me)
        assert "0 of 2 lessons" in dashboard(them) and "2 of 2 lessons" not in dashboard(them)


def test_a_renamed_lesson_shows_on_the_card_once_published(cache_kind, course, trainee):
    EnrollmentFactory(trainee=trainee, course=course.course)
    reader = signed_in(trainee)
    lesson = course.lessons[0][0]
    for _ in range(2):
        assert "Listening with care" not in dashboard(reader)
    lesson.title = "Listening with care"
    lesson.save_revision().publish()
    assert "Listening with care" in dashboard(reader)


# --- a role home -----------------------------------------------------------------------------

# An instructor's home, warm: the user, the generations (counters in the database), Wagtail's
# "reviewer?" check and the paths of their courses (twice), drafts returned (count and the
# latest), essays and results (one query), check-ins.
INSTRUCTOR_HOME_BUDGET = 10


def test_an_instructors_home_is_a_fixed_few_queries_and_has_the_admin_link(cache_kind, course):
    instructor = make_instructor(course=course.course, email="teach@example.org")
    _quiz(course)
    reader = signed_in(instructor)
    dashboard(reader)
    with CaptureQueriesContext(connection) as warm:
        page = dashboard(reader)
    assert 'id="home-instructor"' in page
    assert 'href="/admin/"' in page and "wagtail-userbar" not in page
    sql = "\n".join(query["sql"] for query in warm.captured_queries)
    assert len(warm.captured_queries) <= INSTRUCTOR_HOME_BUDGET, sql
