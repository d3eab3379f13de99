"""An instructor gives a trainee extra time in a real browser: the trainee is named by e-mail,
the assessment picked in Wagtail's page chooser (which offers only the instructor's course), and
the trainee's assessment page then states the extra minutes."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Accommodation
from tests.browser.helpers import signed_in
from tests.conftest import build_course
from tests.factories import AssessmentPageFactory, EnrollmentFactory, UserFactory
from tests.journey.helpers import admin_sign_in
from tests.journey.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_instructor_gives_extra_minutes_and_the_trainee_sees_them(
    live_server, browser, course_index
):
    world = build_world(course_index, program=False)
    world.quiz.time_limit_minutes = 30
    world.quiz.save_revision().publish()
    elsewhere = build_course(
        course_index, title="Another course", slug="another", modules=1, lessons=1
    )
    AssessmentPageFactory(parent=elsewhere.modules[0], title="Another course's quiz")
    trainee = UserFactory(email="dana@example.org", first_name="Dana", last_name="Okafor")
    EnrollmentFactory(trainee=trainee, course=world.course)

    instructor = browser.new_context().new_page()
    errors = []
    instructor.on("pageerror", lambda error: errors.append(str(error)))
    admin_sign_in(instructor, live_server.url, "instructor@example.org")
    instructor.goto(f"{live_server.url}/admin/snippets/assessments/accommodation/add/")
    instructor.get_by_role("textbox", name="Trainee").fill("dana@example.org")
    instructor.get_by_role("button", name="Choose a page").click()
    dialog = instructor.get_by_role("dialog")
    course_row = dialog.get_by_role("row", name=re.compile(r"^Peer Support Essentials"))
    expect(course_row).to_be_visible()
    expect(dialog).not_to_contain_text("Another course")
    course_row.get_by_role("link", name="Explore").click()
    dialog.get_by_role("row", name=re.compile(r" Module Current")).get_by_role(
        "link", name="Explore"
    ).click()
    dialog.get_by_role("link", name="Module 1 quiz").click()
    expect(dialog).to_be_hidden()
    instructor.get_by_role("spinbutton", name="Extra minutes").fill("15")
    instructor.get_by_role("button", name="Save").click()
    expect(instructor.locator(".messages")).to_contain_text(re.compile("Dana Okafor.*created"))
    assert not errors, errors
    accommodation = Accommodation.objects.get()
    assert (accommodation.trainee, accommodation.extra_minutes) == (trainee, 15)

    learner = browser.new_context().new_page()
    signed_in(learner, live_server.url, "dana@example.org")
    learner.goto(f"{live_server.url}{world.quiz.url}")
    expect(learner.locator("main")).to_contain_text("Time limit: 30 minutes (+15 minutes for you)")
