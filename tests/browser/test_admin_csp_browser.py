"""The Wagtail admin under the strictest Content-Security-Policy it works with (cms/middleware.py
ADMIN_CSP): an instructor edits a lesson in Chromium — the page editor, its rich text, a new
StreamField block, the page chooser, the schedule dialog, saving a draft, the page listing and
the image chooser — and no page reports a violation (tests/browser/conftest.py's csp_clean)."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from tests.journey.helpers import admin_sign_in
from tests.journey.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_an_instructor_edits_a_lesson_with_no_csp_report(live_server, page, course_index):
    world = build_world(course_index)
    lesson = world.lessons[0]
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    admin_sign_in(page, live_server.url, "instructor@example.org")

    edit_url = f"{live_server.url}/admin/pages/{lesson.pk}/edit/"
    response = page.goto(edit_url)
    policy = directives(response.headers["content-security-policy"])
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"] and policy["form-action"] == ["'self'"]

    page.get_by_label(re.compile("^Title")).fill("Listening without fixing")
    page.get_by_label(re.compile("^Summary")).fill("Reflective listening in a first conversation.")
    # A new paragraph block in the body, typed into Draftail.
    body = page.locator("[data-contentpath='body']")
    body.locator("button[title='Insert a block']").last.click()
    page.get_by_role("option", name=re.compile("Paragraph|Text", re.I)).first.click()
    editor = body.locator("[role='textbox']").last
    editor.click()
    editor.type("A peer listens first.")

    # Wagtail's date pickers (publishing schedule) were started without an inline script.
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_attached()
    # The schedule dialog (its date pickers are Wagtail's own widgets).
    page.get_by_role("button", name=re.compile("Status|Draft", re.I)).first.click()
    schedule = page.get_by_role("button", name=re.compile("Set schedule", re.I))
    if schedule.count():
        schedule.first.click()
        expect(page.get_by_role("dialog")).to_be_visible()
        page.keyboard.press("Escape")

    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.startswith(edit_url)
    ) as saved:
        page.get_by_role("button", name="Save draft").click()
    assert saved.value.status == 302, saved.value.status
    expect(page.locator(".messages")).to_contain_text(re.compile("updated|saved", re.I))
    revision = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    assert revision.title == "Listening without fixing"

    # The listing of the course and the image chooser, opened from the admin.
    page.goto(f"{live_server.url}/admin/pages/{world.module.pk}/")
    expect(page.get_by_text("Listening without fixing")).to_be_visible()
    page.goto(f"{live_server.url}/admin/images/chooser/")
    assert not errors, errors


def test_an_inline_panel_and_its_date_fields_work_under_the_policy(live_server, page, course_index):
    """A program version's requirement rows are an InlinePanel (started by admin-start.js, not
    an inline script): "Add" gives a new row."""
    build_world(course_index)
    admin_sign_in(page, live_server.url, "admin@example.org")
    page.goto(f"{live_server.url}/admin/snippets/certificates/programversion/add/")
    total = page.locator("#id_domain_requirements-TOTAL_FORMS")
    before = int(total.input_value())
    page.get_by_role("button", name=re.compile("Add minimum hours per domain", re.I)).click()
    expect(total).to_have_value(str(before + 1))
    # The new row's chooser (a snippet chooser, started from its marker) opens its dialog.
    row = page.locator(f"#inline_child_domain_requirements-{before}")
    row.get_by_role("button", name=re.compile("Choose", re.I)).first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
