"""An instructor edits a question in a real browser: the structured answer editor loads without
script errors, a row added with Wagtail's own "+" button is saved, and the category chooser offers
only the bank of the instructor's course and the shared one."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Question
from tests.conftest import build_course
from tests.factories import QuestionCategoryFactory, QuestionFactory
from tests.journey.helpers import PostsSettle, admin_sign_in
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
    admin_sign_in(page, live_server.url, "instructor@example.org")
    autosave = PostsSettle(page)  # Wagtail 8 autosaves edits; save only once it is at rest
    page.goto(f"{live_server.url}/admin/snippets/assessments/question/edit/{question.pk}/")
    options = page.locator("#panel-options-section")
    expect(options.get_by_label("Option text")).to_have_count(3)
    page.wait_for_load_state("networkidle")
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

    autosave.settle()
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("updated"))
    question = Question.objects.get(pk=question.pk)
    draft = question.latest_revision.as_object()
    assert [option["text"] for option in draft.data["options"]][-1] == (
        "Stay with them and call 988 together"
    )
    assert len(draft.data["options"]) == 4
    assert len(question.data["options"]) == 3  # the live question waits for a reviewer
    assert not errors, errors
