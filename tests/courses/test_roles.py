"""Roles on a production installation, where seed_demo never runs: `setup_roles` creates them,
a new course gets its instructor group when an administrator adds it, and who teaches a course
is not page content, so publishing an old revision never takes it away."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.models import CourseIndexPage, CoursePage
from courses.permissions import INSTRUCTORS_GROUP, REVIEW_WORKFLOW, REVIEWERS_GROUP
from courses.services import course_add_instructor
from tests.conftest import build_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run_setup_roles() -> str:
    from io import StringIO

    out = StringIO()
    call_command("setup_roles", stdout=out)
    return out.getvalue()


def test_setup_roles_creates_every_role_with_its_rights_and_is_idempotent(course_index):
    tree = build_course(course_index, modules=1, lessons=1, title="Naloxone basics")
    output = run_setup_roles()
    assert "Course instructors: Naloxone basics" in output
    counts = {group.name: group.permissions.count() for group in Group.objects.all()}
    assert run_setup_roles() == output
    assert {group.name: group.permissions.count() for group in Group.objects.all()} == counts

    instructors = Group.objects.get(name=INSTRUCTORS_GROUP)
    assert instructors.permissions.filter(codename="add_question").exists()
    assert instructors.permissions.filter(codename="add_accommodation").exists()
    reviewers = Group.objects.get(name=REVIEWERS_GROUP)
    assert reviewers.permissions.filter(codename="publish_question").exists()
    assert not reviewers.permissions.filter(codename="add_accommodation").exists()
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    assert course_index.get_workflow() == workflow

    # Putting a person in the two groups is all it takes to let them author that course.
    tree.course.refresh_from_db()
    author = UserFactory(groups=[instructors, tree.course.instructor_group])
    client = Client()
    client.force_login(author)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[tree.lessons[0][0].pk])).status_code
        == 200
    )


def test_a_course_added_in_the_admin_gets_its_own_instructor_group(course_index):
    run_setup_roles()
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", course_index.pk]),
        nested_form_data(
            {
                "title": "Motivational interviewing",
                "slug": "mi",
                "summary": "OARS in peer conversations.",
                "introduction": rich_text("<p>Open questions first.</p>"),
                "sequential": "",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(slug="mi")
    assert course.instructor_group.name == "Course instructors: Motivational interviewing"
    assert course.instructor_group.page_permissions.filter(page=course).exists()


def test_a_course_index_added_in_the_admin_gets_the_review_workflow(home):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["courses", "courseindexpage", home.pk]),
        nested_form_data(
            {
                "title": "Courses",
                "slug": "courses",
                "introduction": rich_text("<p>Training for peer workers.</p>"),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    index = CourseIndexPage.objects.get(slug="courses")
    assert index.get_workflow().name == REVIEW_WORKFLOW


def test_publishing_a_revision_keeps_the_courses_instructors(course_index):
    """Instructors were added after the course's last revision was saved: publishing that
    revision (a reviewer approving an edit, or a revert) must not take their rights away."""
    run_setup_roles()
    tree = build_course(course_index, modules=1, lessons=1)
    course = tree.course
    revision = course.save_revision()
    instructor = UserFactory()
    course_add_instructor(course=course, user=instructor)
    group = CoursePage.objects.get(pk=course.pk).instructor_group
    assert group is not None

    revision.publish()
    assert CoursePage.objects.get(pk=course.pk).instructor_group == group
    # The editor's form does not offer the field either: it is managed by the system.
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert 'name="instructor_group"' not in page
