"""An instructor edits a question in a real browser: the structured answer editor loads without
script errors, a row added with Wagtail's own "+" button is saved, and the category chooser offers
only the bank of the instructor's course and the shared one. The editor saves only when asked:
Wagtail's autosave is off (cms/settings/base.py), so "Save draft" is the one save and no
background save can race it."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Question
from tests.conftest import build_course
from tests.factories import QuestionCategoryFactory, QuestionFactory
from tests.journey.helpers import admin_sign_in
from tests.journey.world import BANK, build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_instructor_adds_an_option_in_the_structured_editor(live_server, page, course_index):
    world = build_world(course_index)
    elsewhere = build_course(
        course_index, title="Another course", slug="another", modules=1, lessons=1
    )
    QuestionCategoryFactory(name="Another course's bank", course=elsewhere.course)
    QuestionCategoryFactory(name="Shared bank", course=None)
    question = QuestionFactory(category=world.bank, key="editor-in-browser", type="single")

    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    edit_path = f"/admin/snippets/assessments/question/edit/{question.pk}/"
    saves = []
    page.on(
        "request",
        lambda request: (
            saves.append(request.headers.get("accept", ""))
            if request.method == "POST" and request.url.endswith(edit_path)
            else None
        ),
    )
    admin_sign_in(page, live_server.url, "instructor@example.org")
    page.goto(f"{live_server.url}{edit_path}")  # returns once the page's scripts have run
    options = page.locator("#panel-options-section")
    expect(options.get_by_label("Option text")).to_have_count(3)
    assert not errors, errors

    # Wagtail's "+" after the last option inserts a new, empty one at the end.
    options.locator("button[data-streamfield-list-add]").last.click()
    expect(options.get_by_label("Option text")).to_have_count(4)
    options.get_by_label("Option text").nth(3).fill("Stay with them and call 988 together")
    options.get_by_label("Feedback").nth(3).fill("A warm hand-off keeps the person connected.")

    category = page.locator("[data-contentpath='category']")
    category.locator("[data-w-dropdown-target='toggle']").click()
    category.get_by_role("button", name=re.compile("Choose another")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("link", name="Shared bank")).to_be_visible()
    expect(dialog.get_by_role("link", name=BANK)).to_be_visible()
    expect(dialog.get_by_text("Another course's bank")).to_have_count(0)
    dialog.get_by_role("link", name=BANK).click()
    expect(dialog).to_be_hidden()

    with page.expect_response(
        lambda response: response.request.method == "POST" and response.url.endswith(edit_path)
    ) as saved:
        page.get_by_role("button", name="Save draft").click()
    assert saved.value.status == 302, saved.value.status
    expect(page.locator(".messages")).to_contain_text(re.compile("updated"))
    assert len(saves) == 1, f"one save expected, the editor posted {len(saves)}: {saves}"
    question = Question.objects.get(pk=question.pk)
    draft = question.latest_revision.as_object()
    assert [option["text"] for option in draft.data["options"]][-1] == (
        "Stay with them and call 988 together"
    )
    assert len(draft.data["options"]) == 4
    assert len(question.data["options"]) == 3  # the live question waits for a reviewer
    assert not errors, errors
