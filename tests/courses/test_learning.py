"""A trainee enrols, works through lessons, and sees where they are."""

import re

import pytest
from django.urls import reverse

from courses.models import Enrollment, LessonCompletion
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def percent_of(html: str, element_id: str) -> int:
    match = re.search(rf'id="{element_id}"[^>]*data-percent="(\d+)"', html)
    assert match, f"no progress bar {element_id}"
    return int(match.group(1))


def test_course_page_shows_total_hours_and_hours_per_domain(client, course_tree):
    from tests.factories import ModuleDomainHoursFactory, TrainingDomainFactory

    ethics = TrainingDomainFactory(name="Ethical Responsibility", sort_order=3)
    advocacy = TrainingDomainFactory(name="Advocacy", sort_order=0)
    ModuleDomainHoursFactory(module=course_tree.modules[0], domain=ethics, hours="5.5")
    ModuleDomainHoursFactory(module=course_tree.modules[1], domain=ethics, hours="2")
    ModuleDomainHoursFactory(module=course_tree.modules[1], domain=advocacy, hours="6")
    html = client.get(course_tree.course.url).content.decode()
    assert re.search(r'id="course-total-hours">16<', html)
    assert "<td>Ethical Responsibility</td><td>7.5</td>" in html
    assert html.index("Advocacy") < html.index("Ethical Responsibility")


def test_anonymous_visitor_is_sent_to_sign_in_from_a_lesson(client, course_tree):
    lesson = course_tree.lessons[0][0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_lesson_of_a_course_not_enrolled_in_redirects_to_the_course(trainee_client, course_tree):
    response = trainee_client.get(course_tree.lessons[0][0].url)
    assert response.status_code == 302
    assert response["Location"] == course_tree.course.url


def test_enrolling_opens_the_first_lesson(trainee_client, trainee, course_tree):
    response = trainee_client.post(reverse("courses:enrol", args=[course_tree.course.pk]))
    assert response.status_code == 302
    assert response["Location"] == course_tree.lessons[0][0].url
    assert Enrollment.objects.filter(trainee=trainee, course=course_tree.course).count() == 1
    trainee_client.post(reverse("courses:enrol", args=[course_tree.course.pk]))
    assert Enrollment.objects.filter(trainee=trainee).count() == 1


def test_marking_a_lesson_complete_moves_the_progress_bars(trainee_client, trainee, course_tree):
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    lesson = course_tree.lessons[0][0]
    html = trainee_client.get(lesson.url).content.decode()
    assert percent_of(html, "module-progress") == 0
    assert percent_of(html, "course-progress") == 0

    response = trainee_client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert response.status_code == 302
    html = trainee_client.get(lesson.url).content.decode()
    assert percent_of(html, "module-progress") == 33
    assert percent_of(html, "course-progress") == 16
    assert "You have completed this lesson." in html


def test_completing_twice_records_one_completion(trainee_client, trainee, course_tree):
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    lesson = course_tree.lessons[0][0]
    url = reverse("courses:lesson_complete", args=[lesson.pk])
    trainee_client.post(url)
    trainee_client.post(url)
    assert LessonCompletion.objects.filter(trainee=trainee, lesson=lesson).count() == 1


def test_complete_and_continue_goes_to_the_next_lesson(trainee_client, trainee, course_tree):
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    first, second = course_tree.lessons[0][:2]
    response = trainee_client.post(
        reverse("courses:lesson_complete", args=[first.pk]), {"then": "next"}
    )
    assert response["Location"] == second.url


def test_lesson_page_shows_breadcrumbs_and_previous_next(trainee_client, trainee, course_tree):
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    first, second, third = course_tree.lessons[0]
    html = trainee_client.get(second.url).content.decode()
    assert f'href="{course_tree.course.url}"' in html
    assert f'href="{course_tree.modules[0].url}"' in html
    assert f'<a href="{first.url}" rel="prev">' in html
    assert f'<a href="{third.url}" rel="next">' in html
    assert '<span aria-current="page">' + second.title in html


def test_progress_stays_correct_when_a_lesson_is_added_or_unpublished(
    trainee_client, trainee, course_tree
):
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    module_lessons = course_tree.lessons[0]
    for lesson in module_lessons:
        LessonCompletionFactory(trainee=trainee, lesson=lesson)
    module_url = course_tree.modules[0].url
    assert percent_of(trainee_client.get(module_url).content.decode(), "module-progress") == 100

    LessonPageFactory(parent=course_tree.modules[0], slug="added-later")
    assert percent_of(trainee_client.get(module_url).content.decode(), "module-progress") == 75

    module_lessons[0].unpublish()
    html = trainee_client.get(module_url).content.decode()
    # 2 of the 3 still-published lessons done: never above 100 %, never counting the hidden one.
    assert percent_of(html, "module-progress") == 66
    assert module_lessons[0].title not in html


def test_dashboard_lists_enrolments_with_progress_and_next_lesson(
    trainee_client, trainee, course_tree
):
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    LessonCompletionFactory(trainee=trainee, lesson=course_tree.lessons[0][0])
    response = trainee_client.get(reverse("dashboard"))
    html = response.content.decode()
    assert course_tree.course.title in html
    assert f"progress-{course_tree.course.slug}" in html
    assert course_tree.lessons[0][1].title in html  # the next lesson to do
    assert "no-store" in response["Cache-Control"]


def test_dashboard_resumes_at_the_last_lesson_opened(trainee_client, trainee, course_tree):
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    opened = course_tree.lessons[1][1]
    trainee_client.get(opened.url)
    html = trainee_client.get(reverse("dashboard")).content.decode()
    assert "Resume where you left off" in html
    assert f'href="{opened.url}"' in html


def test_dashboard_requires_sign_in(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302


def test_every_page_shows_the_crisis_notice(client, course_tree):
    for url in ["/", course_tree.course.url, reverse("login"), reverse("signup")]:
        html = client.get(url).content.decode()
        assert "988" in html and "911" in html, url
        assert "not a crisis service" in html, url


class TestSequentialGating:
    @pytest.fixture
    def tree(self, course_index, trainee):
        tree = build_course(course_index, modules=2, lessons=2, sequential=True)
        EnrollmentFactory(trainee=trainee, course=tree.course)
        return tree

    def test_locked_lesson_url_typed_directly_is_refused(self, trainee_client, tree):
        locked = tree.lessons[1][0]
        response = trainee_client.get(locked.url)
        assert response.status_code == 403
        main = response.content.decode().split("<main", 1)[1].split("</main>")[0]
        assert "locked" in main.lower()
        # It says what opens it and links there: the first lesson of module 1 still to do.
        assert f"Finish the lessons of {tree.modules[0].title} to open this module." in main
        assert f'href="{tree.lessons[0][0].url}"' in main
        assert locked.title not in main.split('id="locked-reason"')[1]

    def test_locked_lesson_cannot_be_marked_complete(self, trainee_client, trainee, tree):
        locked = tree.lessons[1][0]
        trainee_client.post(reverse("courses:lesson_complete", args=[locked.pk]))
        assert not LessonCompletion.objects.filter(trainee=trainee, lesson=locked).exists()

    def test_next_module_opens_when_the_previous_is_complete(self, trainee_client, tree):
        for lesson in tree.lessons[0]:
            trainee_client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
        assert trainee_client.get(tree.lessons[1][0].url).status_code == 200


@pytest.mark.parametrize("lessons_per_module", [5, 50])
def test_lesson_course_and_dashboard_queries_do_not_grow_with_lessons(
    client, course_index, trainee, django_assert_max_num_queries, lessons_per_module
):
    tree = build_course(course_index, modules=1, lessons=lessons_per_module)
    EnrollmentFactory(trainee=trainee, course=tree.course)
    for lesson in tree.all_lessons[:3]:
        LessonCompletionFactory(trainee=trainee, lesson=lesson)
    client.force_login(trainee)
    lesson = tree.lessons[0][2]
    # The budget covers Wagtail routing (one query for course, module and lesson: courses/routing.py),
    # the course state (structure, completions, assessment results) and the trainee's
    # last-lesson update; it must not move with the lesson count. The first request also fills
    # Wagtail's site-root-paths cache (one query). Was 25 / 19 / 22 / 17 before the routing and
    # course-state changes, and 21 / 19 / 20 / 16 before the header read its two roles in one
    # query (cms/navigation.py); the course outline (its assessments, one query here as the
    # course has none; two with quizzes) added one to each, and the dashboard's role homes
    # (cms/homes.py) one more: the person's groups, to know which sections to show. The curriculum
    # in Spanish (courses/translation.py) adds, on the first request after a publish only, the
    # locale list and the page's translations (for hreflang and the switcher), both cached per
    # generation, and Wagtail's own look-up of the active locale when it routes a URL. The
    # header's "may open the admin" answer, cached per person since roles share one cache
    # (core/generations.py), reads the person's permissions once, on this first request.
    with django_assert_max_num_queries(24):
        assert client.get(lesson.url).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(tree.course.url).status_code == 200
    with django_assert_max_num_queries(19):
        assert client.get(tree.modules[0].url).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("dashboard")).status_code == 200
