"""Published pages are cached per content generation (courses/cache.py): what a trainee reads
after a publish is the new text, an unpublished page is gone at once, and no cache ever shows one
person's progress or locks to another."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from django.core.cache import cache
from django.test import Client

from assessments import services as assessment_services
from assessments.models import AttemptQuestion
from core import generations
from core.models import Generation
from courses import cache as page_cache
from tests.assessments.conftest import make_assessment
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tree(course_index):
    return build_course(course_index, modules=2, lessons=2, sequential=True)


@pytest.fixture
def reader(trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    return signed_in(trainee)


def publish_text(lesson, text: str) -> None:
    """An editor's edit, published the way the admin does it."""
    lesson.body = [("paragraph", f"<p>{text}</p>")]
    lesson.save_revision().publish()


def test_publish_shows_the_new_text_on_the_next_request(tree, reader):
    lesson = tree.lessons[0][0]
    assert "mutuality and shared experience" in reader.get(lesson.url).content.decode()
    reader.get(lesson.url)  # served from the cache now

    publish_text(lesson, "Recovery is self-directed.")

    page = reader.get(lesson.url).content.decode()
    assert "Recovery is self-directed." in page
    assert "mutuality and shared experience" not in page


def test_a_new_lesson_appears_in_the_outline_once_published(tree, reader):
    course = tree.course
    assert reader.get(course.url).status_code == 200
    from tests.factories import LessonPageFactory

    LessonPageFactory(parent=tree.modules[0], slug="added", title="Boundaries in practice")
    assert "Boundaries in practice" in reader.get(course.url).content.decode()


def test_unpublish_is_a_404_at_once(tree, reader):
    lesson = tree.lessons[0][1]
    assert reader.get(lesson.url).status_code == 200
    assert reader.get(lesson.url).status_code == 200

    lesson.unpublish()

    assert reader.get(lesson.url).status_code == 404
    assert lesson.title not in reader.get(tree.course.url).content.decode()


def test_a_moved_lesson_is_served_from_its_new_address(tree, trainee, reader):
    lesson = tree.lessons[0][1]
    # Module 1's other lesson done: once this one moves on, module 2 (where it goes) is open.
    LessonCompletionFactory(trainee=trainee, lesson=tree.lessons[0][0])
    old_url = lesson.url
    assert reader.get(old_url).status_code == 200

    lesson.move(tree.modules[1], pos="last-child")
    lesson.refresh_from_db()

    moved = reader.get(old_url)  # Wagtail's automatic redirect, not the cached page
    assert moved.status_code == 301
    assert moved["Location"] == lesson.url
    assert reader.get(lesson.url).status_code == 200


def test_a_draft_in_preview_never_reaches_the_published_page(tree, reader):
    lesson = tree.lessons[0][0]
    lesson.body = [("paragraph", "<p>Draft wording nobody approved.</p>")]
    lesson.save_revision()  # a draft, not published
    assert "Draft wording" not in reader.get(lesson.url).content.decode()


def test_two_trainees_never_see_each_others_progress(tree, trainee, reader):
    other = UserFactory()
    EnrollmentFactory(trainee=other, course=tree.course)
    other_client = signed_in(other)
    first = tree.lessons[0][0]
    LessonCompletionFactory(trainee=trainee, lesson=first)

    for _ in range(2):  # the second round is served from whatever the first cached
        mine = reader.get(first.url).content.decode()
        theirs = other_client.get(first.url).content.decode()
        assert "You have completed this lesson." in mine
        assert "You have completed this lesson." not in theirs
        assert 'id="mark-complete"' in theirs
        assert "1 of 4 lessons" in reader.get(tree.course.url).content.decode()
        assert "0 of 4 lessons" in other_client.get(tree.course.url).content.decode()


def test_a_page_cached_while_locked_opens_once_the_quiz_is_passed(tree, trainee, reader):
    quiz, _questions = make_assessment(
        tree.modules[0], types=["single"], max_attempts=0, cooldown_minutes=0
    )
    for lesson in tree.lessons[0]:
        LessonCompletionFactory(trainee=trainee, lesson=lesson)
    locked = tree.lessons[1][0]
    assert reader.get(locked.url).status_code == 403
    assert reader.get(tree.course.url).status_code == 200

    attempt = assessment_services.attempt_start(trainee=trainee, assessment=quiz)
    answers = {aq.pk: ["1"] for aq in AttemptQuestion.objects.filter(attempt=attempt)}
    assessment_services.attempt_save(attempt=attempt, answers=answers)
    assert assessment_services.attempt_submit(attempt=attempt).passed

    assert reader.get(locked.url).status_code == 200


def test_an_emptied_cache_never_reuses_an_old_generation(tree, reader):
    before = page_cache.generation()
    cache.clear()
    after = page_cache.generation()
    assert after != before


def test_a_worker_with_its_own_cache_sees_another_workers_publish(tree, reader, settings):
    """Per-process memory caches: another worker's bump could never reach this one's memory,
    so the content generation is a row in the database, written with the publish itself
    (core/generations.py); this process reads it with each request."""
    settings.CURRICULUM_CACHE_SHARED = False
    lesson = tree.lessons[0][0]
    assert "mutuality" in reader.get(lesson.url).content.decode()
    before = list(Generation.objects.filter(name=page_cache.CONTENT).values_list("value"))
    # Another process publishes: nothing reaches this process's memory cache (its old page
    # stays there, under the old generation); the row moves on with the publish.
    with patch.object(generations, "_bump_cache"):
        publish_text(lesson, "Hope is the catalyst.")
    assert list(Generation.objects.filter(name=page_cache.CONTENT).values_list("value")) != before

    assert "Hope is the catalyst." in reader.get(lesson.url).content.decode()
