"""A trainee and an instructor use the real site in a real browser."""

import pytest

from courses.permissions import ensure_role_groups
from courses.services import course_add_instructor
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's

# live_server runs in another thread, so data must be committed (transaction=True); the
# serialized rollback puts back what migrations created (Wagtail's root page, site, groups)
# after an earlier transactional test has flushed the database.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def progress_value(page, element_id: str) -> int:
    return int(page.locator(f"progress#{element_id}").get_attribute("value"))


def test_trainee_signs_in_completes_a_lesson_and_sees_module_progress_move(
    page, live_server, home, course_index, screenshot
):
    tree = build_course(course_index, title="Peer Recovery Foundations", modules=2, lessons=3)
    trainee = UserFactory(email="trainee@example.org", first_name="Jordan")
    EnrollmentFactory(trainee=trainee, course=tree.course)
    lesson = tree.lessons[0][0]

    page.goto(f"{live_server.url}{lesson.url}")
    assert "/accounts/login/" in page.url  # lessons are for signed-in trainees
    page.get_by_label("E-mail address").fill("Trainee@Example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{lesson.url}")

    assert page.get_by_role("heading", level=1).inner_text() == lesson.title
    assert progress_value(page, "module-progress") == 0
    assert progress_value(page, "course-progress") == 0

    page.get_by_role("button", name="Mark complete", exact=True).click()
    page.get_by_text("You have completed this lesson.").wait_for()

    assert progress_value(page, "module-progress") == 33
    assert progress_value(page, "course-progress") == 16
    assert page.locator("#module-progress-label").inner_text() == "Module progress"
    assert "988" in page.locator(".crisis-banner").inner_text()
    screenshot(page, "trainee-lesson.png")


def test_instructor_sees_only_their_own_course_in_the_admin(
    page, live_server, home, course_index, screenshot
):
    ensure_role_groups(course_index=course_index)
    own = build_course(course_index, title="Peer Recovery Foundations", slug="foundations")
    other = build_course(course_index, title="Advanced Ethics Seminar", slug="advanced")
    instructor = UserFactory(email="instructor@example.org", first_name="Morgan")
    colleague = UserFactory(email="colleague@example.org")
    course_add_instructor(course=own.course, user=instructor)
    course_add_instructor(course=other.course, user=colleague)

    page.goto(f"{live_server.url}/admin/")
    page.locator("input[name=username]").fill("instructor@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/")
    listing = page.locator("main")
    listing.get_by_text(own.course.title).first.wait_for()
    assert own.course.title in listing.inner_text()
    assert other.course.title not in page.content()
    screenshot(page, "instructor-admin.png")

    # The page explorer menu shows the same tree.
    page.get_by_role("button", name="Pages").click()
    explorer = page.locator("#wagtail-sidebar")
    explorer.get_by_text(own.course.title).first.wait_for()
    assert other.course.title not in explorer.inner_text()

    # Typing the other course's edit address is refused.
    page.goto(f"{live_server.url}/admin/pages/{other.course.pk}/edit/")
    assert page.url.rstrip("/").endswith("/admin")
    assert "permission" in page.locator("body").inner_text().lower()
