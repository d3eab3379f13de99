"""Accommodations: an instructor gives one trainee of their course extra time or extra attempts
on one of that course's assessments, in the Wagtail admin; nobody else's trainees or assessments
can be named, seen or changed."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments import selectors, services
from assessments.models import Accommodation
from courses.permissions import ensure_role_groups
from tests.assessments.conftest import make_assessment, make_instructor
from tests.conftest import build_course
from tests.factories import (
    AccommodationFactory,
    CourseIndexPageFactory,
    EnrollmentFactory,
    UserFactory,
)
from tests.module_data import home_page, module_data

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_assessments_accommodation"


def build_school():
    course_index = CourseIndexPageFactory(parent=home_page())
    x = build_course(course_index, modules=1, lessons=1, title="Course X", slug="course-x")
    y = build_course(course_index, modules=1, lessons=1, title="Course Y", slug="course-y")
    quiz_x, _ = make_assessment(x.modules[0], title="Quiz X", max_attempts=2, time_limit_minutes=30)
    quiz_y, _ = make_assessment(y.modules[0], title="Quiz Y")
    trainee_x = UserFactory(email="xavi@example.org", first_name="Xavi", last_name="Oduya")
    trainee_y = UserFactory(
        email="yolanda@example.org", first_name="Yolanda", last_name="Brightwater"
    )
    EnrollmentFactory(trainee=trainee_x, course=x.course)
    EnrollmentFactory(trainee=trainee_y, course=y.course)
    groups = ensure_role_groups(course_index=course_index)
    return {
        "quiz_x": quiz_x,
        "quiz_y": quiz_y,
        "trainee_x": trainee_x,
        "trainee_y": trainee_y,
        "instructor_x": make_instructor(x.course),
        "instructor_y": make_instructor(y.course),
        "reviewer": UserFactory(groups=[groups["Reviewers"]]),
    }


# Built once for the module and copied back into each test's transaction.
school_rows, school = module_data(build_school)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add(client, **data):
    return client.post(reverse(f"{NS}:add"), {"extra_minutes": 0, "extra_attempts": 0, **data})


def test_instructor_gives_their_trainee_extra_time_and_an_attempt(school):
    client = logged_in(school["instructor_x"])
    response = add(
        client,
        trainee=" Xavi@Example.org ",
        assessment=school["quiz_x"].pk,
        extra_minutes=15,
        extra_attempts=1,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    accommodation = Accommodation.objects.get()
    assert (accommodation.trainee, accommodation.assessment) == (
        school["trainee_x"],
        school["quiz_x"],
    )
    # The engine honours it: one more attempt than the page allows, 45 minutes instead of 30.
    attempt = services.attempt_start(trainee=school["trainee_x"], assessment=school["quiz_x"])
    assert round((attempt.deadline - attempt.started_at).total_seconds() / 60) == 45
    assert selectors.attempt_limit(school["quiz_x"], accommodation) == 3
    listing = client.get(reverse(f"{NS}:list")).content.decode()
    assert "Xavi Oduya" in listing and "Quiz X" in listing
    # The admin records who did it.
    history = client.get(reverse(f"{NS}:history", args=[accommodation.pk])).content.decode()
    assert "Created" in history


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"trainee": "yolanda@example.org"}, "trainee", "No trainee with this e-mail address"),
        ({"trainee": "nobody@example.org"}, "trainee", "No trainee with this e-mail address"),
        ({"assessment": "quiz_y"}, "assessment", "Select a valid choice"),
        ({"extra_minutes": 0, "extra_attempts": 0}, None, "Give extra minutes, extra attempts"),
    ],
)
def test_bad_accommodations_are_refused_with_a_field_error(school, data, field, message):
    values = {
        "trainee": "xavi@example.org",
        "assessment": school["quiz_x"].pk,
        "extra_minutes": 10,
        "extra_attempts": 0,
        **data,
    }
    if values["assessment"] == "quiz_y":
        values["assessment"] = school["quiz_y"].pk
    response = add(logged_in(school["instructor_x"]), **values)
    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.get(field) if field else form.non_field_errors()
    assert errors and message in " ".join(errors)
    assert not Accommodation.objects.exists()


def test_a_trainee_of_another_course_cannot_be_given_this_courses_assessment(school):
    """Even an instructor of both courses: the trainee must be enrolled in the quiz's course."""
    instructor = school["instructor_x"]
    from courses.services import course_add_instructor

    course_add_instructor(
        course=school["quiz_y"].get_parent().get_parent().specific, user=instructor
    )
    response = add(
        logged_in(instructor),
        trainee="yolanda@example.org",
        assessment=school["quiz_x"].pk,
        extra_minutes=10,
    )
    assert "not enrolled in the course of that assessment" in " ".join(
        response.context["form"].errors["trainee"]
    )
    assert not Accommodation.objects.exists()


def test_the_other_courses_instructor_neither_sees_nor_changes_it(school):
    accommodation = AccommodationFactory(
        trainee=school["trainee_x"], assessment=school["quiz_x"], extra_minutes=20
    )
    client = logged_in(school["instructor_y"])
    assert "Oduya" not in client.get(reverse(f"{NS}:list")).content.decode()
    for view in ("edit", "delete", "history"):
        assert client.get(reverse(f"{NS}:{view}", args=[accommodation.pk])).status_code == 404
    assert (
        client.post(
            reverse(f"{NS}:edit", args=[accommodation.pk]),
            {
                "trainee": "xavi@example.org",
                "assessment": school["quiz_x"].pk,
                "extra_minutes": 99,
                "extra_attempts": 0,
            },
        ).status_code
        == 404
    )
    bulk = reverse("wagtail_bulk_action", args=["assessments", "accommodation", "delete"])
    page = client.get(f"{bulk}?id={accommodation.pk}")
    assert "Oduya" not in page.content.decode()
    client.post(f"{bulk}?id={accommodation.pk}", {})
    client.post(f"{bulk}?id=all", {})
    accommodation.refresh_from_db()
    assert accommodation.extra_minutes == 20
    # Their own course's bulk delete still works.
    own = AccommodationFactory(trainee=school["trainee_y"], assessment=school["quiz_y"])
    client.post(f"{bulk}?id={own.pk}&id={accommodation.pk}", {})
    assert list(Accommodation.objects.all()) == [accommodation]


def test_site_history_hides_other_courses_accommodations(school):
    add(
        logged_in(school["instructor_x"]),
        trainee="xavi@example.org",
        assessment=school["quiz_x"].pk,
        extra_minutes=10,
    )
    history_url = reverse("wagtailadmin_reports:site_history")
    assert "Oduya" in logged_in(school["instructor_x"]).get(history_url).content.decode()
    assert "Oduya" not in logged_in(school["instructor_y"]).get(history_url).content.decode()


def test_reviewers_and_trainees_have_no_accommodation_views(school):
    for user in (school["reviewer"], school["trainee_x"]):
        response = logged_in(user).get(reverse(f"{NS}:list"))
        assert response.status_code in (302, 403)


def test_edit_form_names_the_trainee_by_email(school):
    accommodation = AccommodationFactory(
        trainee=school["trainee_x"], assessment=school["quiz_x"], extra_minutes=20
    )
    client = logged_in(school["instructor_x"])
    page = client.get(reverse(f"{NS}:edit", args=[accommodation.pk])).content.decode()
    assert 'value="xavi@example.org"' in page
    response = client.post(
        reverse(f"{NS}:edit", args=[accommodation.pk]),
        {
            "trainee": "xavi@example.org",
            "assessment": school["quiz_x"].pk,
            "extra_minutes": 25,
            "extra_attempts": 0,
        },
    )
    assert response.status_code == 302
    accommodation.refresh_from_db()
    assert accommodation.extra_minutes == 25


def test_the_list_is_searched_by_trainee(school):
    AccommodationFactory(trainee=school["trainee_x"], assessment=school["quiz_x"], extra_minutes=20)
    client = logged_in(school["instructor_x"])
    found = client.get(reverse(f"{NS}:list"), {"q": "oduya"}).content.decode()
    assert "Xavi Oduya" in found
    assert "Xavi Oduya" not in client.get(reverse(f"{NS}:list"), {"q": "nobody"}).content.decode()
