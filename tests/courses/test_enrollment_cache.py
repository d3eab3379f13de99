"""A trainee's enrolment is cached for the pages that read it (courses.selectors
.active_enrollment): where they are reading moves on with the lesson they open, a withdrawal
closes the lessons at once, and nobody else's enrolment ever opens a lesson."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Enrollment
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["shared cache", "database"])
def mode(request, settings):
    """Both places the generation counters live (core/generations.py)."""
    settings.CURRICULUM_CACHE_SHARED = request.param == "shared cache"
    return request.param


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tree(course_index):
    return build_course(course_index, modules=1, lessons=3)


@pytest.fixture
def reader(trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    return signed_in(trainee)


def continue_link(client, course) -> str:
    page = client.get(course.url).content.decode()
    return re.search(r'id="course-continue" href="([^"]+)"', page).group(1)


def test_the_course_page_continues_at_the_lesson_opened_last(tree, reader):
    first, second, _third = tree.lessons[0]
    reader.get(first.url)
    assert continue_link(reader, tree.course) == first.url
    reader.get(second.url)
    assert continue_link(reader, tree.course) == second.url
    reader.get(first.url)  # back again, within minutes
    assert continue_link(reader, tree.course) == first.url


def test_a_withdrawn_trainee_is_refused_the_lessons_at_once(tree, trainee, reader):
    lesson = tree.lessons[0][0]
    assert reader.get(lesson.url).status_code == 200
    assert reader.get(lesson.url).status_code == 200  # from the cache
    enrollment = Enrollment.objects.get(trainee=trainee)
    enrollment.withdrawn_at = timezone.now()  # as the admin saves it
    enrollment.save()
    response = reader.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == tree.course.url


def test_a_closed_account_is_refused_the_lessons_at_once(tree, trainee, reader):
    # Closing an account withdraws its enrolments with an update(), which sends no signal.
    from accounts.signals import account_closed

    lesson = tree.lessons[0][0]
    assert reader.get(lesson.url).status_code == 200
    account_closed.send(sender=type(trainee), user=trainee, at=timezone.now())
    assert reader.get(lesson.url).status_code == 302


def test_one_trainees_enrolment_never_opens_a_lesson_for_another(tree, reader):
    lesson = tree.lessons[0][0]
    assert reader.get(lesson.url).status_code == 200
    stranger = signed_in(UserFactory())
    for _ in range(2):
        assert reader.get(lesson.url).status_code == 200
        assert stranger.get(lesson.url).status_code == 302


def test_a_lesson_read_again_reads_no_enrolment_row(tree, reader):
    lesson = tree.lessons[0][0]
    reader.get(lesson.url)  # opened: where the trainee is moves on (one write, read afresh)
    reader.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        assert reader.get(lesson.url).status_code == 200
    assert not [q for q in queries if '"courses_enrollment"' in q["sql"]]
