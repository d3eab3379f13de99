"""Course, module and lesson URLs are resolved in one query under the course index
(courses/routing.py) and must answer exactly as Wagtail's level-by-level walk does."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from courses.models import LessonPage, ModulePage
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonPageFactory, ModulePageFactory

pytestmark = pytest.mark.django_db


def walk(page, components):
    """Wagtail's own routing from `page`, one level at a time."""
    request = RequestFactory().get("/")
    try:
        return Page.route(page, request, components).page
    except Http404:
        return None


def routed(page, components):
    request = RequestFactory().get("/")
    try:
        return page.specific.route(request, components).page
    except Http404:
        return None


@pytest.fixture
def tree(course_index):
    tree = build_course(course_index, modules=2, lessons=2)
    # A lesson slug that also exists in the other module, and a module slug reused by a lesson.
    LessonPageFactory(parent=tree.modules[1], slug="lesson-1-1")
    LessonPageFactory(parent=tree.modules[0], slug="module-2")
    draft = LessonPageFactory(parent=tree.modules[0], slug="draft-lesson")
    draft.unpublish()
    hidden = ModulePageFactory(parent=tree.course, slug="draft-module")
    LessonPageFactory(parent=hidden, slug="under-a-draft-module")
    hidden.unpublish()
    return tree


def test_every_path_routes_as_wagtails_walk_does(course_index, tree):
    course = tree.course.slug
    paths = [
        [course],
        [course, "module-1"],
        [course, "module-2"],
        [course, "module-1", "lesson-1-1"],
        [course, "module-2", "lesson-1-1"],
        [course, "module-2", "lesson-2-2"],
        [course, "module-1", "module-2"],
        [course, "module-1", "draft-lesson"],
        [course, "draft-module"],
        [course, "draft-module", "under-a-draft-module"],
        [course, "module-1", "lesson-2-1"],  # a lesson of the other module
        [course, "lesson-1-1"],  # a lesson one level too high
        [course, "module-1", "lesson-1-1", "extra"],
        [course, "module-1", "nope"],
        [course, "nope", "lesson-1-1"],
        ["nope", "module-1", "lesson-1-1"],
        [course, course, "module-1"],
    ]
    for components in paths:
        expected = walk(course_index, components)
        got = routed(course_index, components)
        assert (got and (type(got), got.pk)) == (expected and (type(expected), expected.pk)), (
            components
        )
        if got is not None:
            assert got.live


def test_routed_pages_are_their_specific_types(course_index, tree):
    lesson = routed(course_index, [tree.course.slug, "module-1", "lesson-1-2"])
    assert isinstance(lesson, LessonPage) and lesson.pk == tree.lessons[0][1].pk
    assert (
        lesson.body is not None and lesson.estimated_minutes == tree.lessons[0][1].estimated_minutes
    )
    assert lesson.get_parent().pk == tree.modules[0].pk
    assert isinstance(routed(course_index, [tree.course.slug, "module-2"]), ModulePage)


def test_unknown_slug_at_any_level_is_404(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    course_url = tree.course.url
    for url in [
        f"{course_url}nope/",
        f"{course_url}nope/lesson-1-1/",
        f"{course_url}module-1/nope/",
        f"{course_url}module-1/lesson-1-1/extra/",
        f"{course_url}module-1/lesson-2-1/",
    ]:
        assert trainee_client.get(url).status_code == 404, url


def test_draft_lesson_is_404_and_lesson_under_a_draft_module_as_before(
    trainee_client, trainee, tree
):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    assert trainee_client.get(f"{tree.course.url}module-1/draft-lesson/").status_code == 404
    assert trainee_client.get(f"{tree.course.url}draft-module/").status_code == 404
    expected = walk(
        tree.course.get_parent(), [tree.course.slug, "draft-module", "under-a-draft-module"]
    )
    response = trainee_client.get(f"{tree.course.url}draft-module/under-a-draft-module/")
    assert (response.status_code == 404) == (expected is None)


def test_lesson_without_trailing_slash_redirects_as_before(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    url = tree.lessons[0][0].url
    response = trainee_client.get(url.rstrip("/"))
    assert response.status_code == 301 and response["Location"] == url
    assert trainee_client.get(url).status_code == 200


def test_locked_lesson_of_a_sequential_course_is_403(trainee_client, trainee, course_index):
    tree = build_course(course_index, modules=2, lessons=2, sequential=True)
    EnrollmentFactory(trainee=trainee, course=tree.course)
    assert trainee_client.get(tree.lessons[0][0].url).status_code == 200
    assert trainee_client.get(tree.lessons[1][0].url).status_code == 403


def test_lesson_of_a_course_not_enrolled_in_redirects_to_that_course(trainee_client, tree):
    response = trainee_client.get(tree.lessons[1][1].url)
    assert response.status_code == 302 and response["Location"] == tree.course.url


def test_privacy_restriction_on_a_course_still_guards_its_lessons(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    lesson = tree.lessons[0][0]
    PageViewRestriction.objects.create(
        page=tree.course, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = trainee_client.get(lesson.url)
    html = response.content.decode()
    assert 'type="password"' in html
    assert 'id="mark-complete"' not in html
    restriction = PageViewRestriction.objects.get(page=tree.course)
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    response = trainee_client.get(lesson.url)
    assert response.status_code == 302 and "login/?next=" in response["Location"]
