"""What is cached of one person (cms/dashboard_state.py, core/generations.py) changes with their
own writes at once and never shows to anyone else: a new attempt, a new certificate, a lesson
completed or a module unlocked by a passed quiz are on the next page they open, with the cache
shared by every worker (Redis) or each worker's own (counters in the database)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from assessments import services as assessment_services
from assessments.models import AttemptQuestion
from tests.assessments.conftest import make_assessment
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory, UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db

NO_ATTEMPTS = "You have not taken any assessments yet."


@pytest.fixture(params=["shared cache", "per-process cache"])
def cache_kind(request, settings):
    settings.CURRICULUM_CACHE_SHARED = request.param == "shared cache"
    return request.param


@pytest.fixture
def tree(course_index):
    return build_course(course_index, modules=2, lessons=2, sequential=True)


@pytest.fixture
def quiz(tree):
    assessment, _questions = make_assessment(
        tree.modules[0], types=["single"], max_attempts=0, cooldown_minutes=0, title="Module quiz"
    )
    return assessment


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pass_quiz(trainee, quiz) -> None:
    attempt = assessment_services.attempt_start(trainee=trainee, assessment=quiz)
    answers = {aq.pk: ["1"] for aq in AttemptQuestion.objects.filter(attempt=attempt)}
    assessment_services.attempt_save(attempt=attempt, answers=answers)
    assert assessment_services.attempt_submit(attempt=attempt).passed


def dashboard(client) -> str:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_shows_a_new_attempt_at_once(cache_kind, tree, quiz, trainee):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    reader = signed_in(trainee)
    for _ in range(2):  # the second is served from what the first cached
        assert NO_ATTEMPTS in dashboard(reader)
    assessment_services.attempt_start(trainee=trainee, assessment=quiz)
    page = dashboard(reader)
    assert NO_ATTEMPTS not in page
    assert "Module quiz" in page


def test_the_dashboard_shows_a_new_certificate_at_once(cache_kind, tree, trainee):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    reader = signed_in(trainee)
    dashboard(reader)
    certificate = CertificateFactory(holder=trainee)
    assert f'data-certificate="{certificate.code}"' in dashboard(reader)


def test_a_module_locked_on_a_cached_page_opens_once_the_quiz_is_passed(
    cache_kind, tree, quiz, trainee
):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    for lesson in tree.lessons[0]:
        LessonCompletionFactory(trainee=trainee, lesson=lesson)
    reader = signed_in(trainee)
    locked = tree.lessons[1][0]
    for _ in range(2):
        assert reader.get(locked.url).status_code == 403
    pass_quiz(trainee, quiz)
    assert reader.get(locked.url).status_code == 200


def test_two_trainees_never_see_each_others_attempts_or_progress(cache_kind, tree, quiz, trainee):
    other = UserFactory()
    for person in (trainee, other):
        EnrollmentFactory(trainee=person, course=tree.course)
    for lesson in tree.lessons[0]:
        LessonCompletionFactory(trainee=trainee, lesson=lesson)
    pass_quiz(trainee, quiz)
    mine, theirs = signed_in(trainee), signed_in(other)
    for _ in range(2):
        assert NO_ATTEMPTS not in dashboard(mine)
        assert NO_ATTEMPTS in dashboard(theirs)
        assert mine.get(tree.lessons[1][0].url).status_code == 200
        assert theirs.get(tree.lessons[1][0].url).status_code == 403
        assert "You have completed this lesson." in mine.get(tree.lessons[0][0].url).text
        assert "You have completed this lesson." not in theirs.get(tree.lessons[0][0].url).text


def test_a_lesson_completed_shows_on_the_dashboard_and_the_lesson_at_once(
    cache_kind, tree, trainee
):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    reader = signed_in(trainee)
    lesson = tree.lessons[0][0]
    for _ in range(2):
        assert "You have completed this lesson." not in reader.get(lesson.url).text
    response = reader.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert response.status_code == 302
    assert "You have completed this lesson." in reader.get(lesson.url).text
