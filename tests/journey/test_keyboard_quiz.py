"""One full quiz by keyboard alone: sign in, start, answer a question of every auto-graded
type, submit and read the review with Tab, Shift+Tab, Space, Enter and the arrow keys. No
mouse click anywhere; the primary buttons show a visible focus indicator when tabbed to."""

import pytest

from assessments.models import Attempt, AttemptQuestion
from courses.services import enrollment_create
from tests.factories import UserFactory

from .helpers import PASSWORD, active_element, assert_focus_visible, expect_autofocus, tab_to
from .world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TYPES = ("single", "true_false", "multiple", "short", "ordering", "matching")


def is_button(text: str):
    return lambda info: info.get("tag") == "button" and info.get("text") == text


def is_field(name: str, value: str | None = None):
    return lambda info: info.get("name") == name and (value is None or info.get("value") == value)


def test_a_whole_quiz_by_keyboard_alone(course_index, new_page, live_server):
    world = build_world(course_index, question_types=TYPES, program=False, pass_mark=80)
    trainee = UserFactory(email="keys@example.org", first_name="Kai", last_name="Keys")
    enrollment_create(trainee=trainee, course=world.course)
    base = live_server.url
    page = new_page()
    keyboard = page.keyboard

    # Sign in: the e-mail field has focus when the page opens.
    page.goto(f"{base}/accounts/login/?next={world.quiz.url}")
    expect_autofocus(page, "username")  # the e-mail field has focus when the page opens
    keyboard.type(trainee.email)
    tab_to(page, is_field("password"))
    keyboard.type(PASSWORD)
    assert_focus_visible(tab_to(page, is_button("Sign in")), "Sign in button")
    with page.expect_navigation():
        keyboard.press("Enter")
    assert page.url == f"{base}{world.quiz.url}"

    # Start.
    assert_focus_visible(tab_to(page, is_button("Start the assessment")), "Start button")
    with page.expect_navigation():
        keyboard.press("Enter")
    attempt = Attempt.objects.get(trainee=trainee)
    assert page.url.endswith(f"/assessments/attempts/{attempt.pk}/")
    questions = list(
        AttemptQuestion.objects.filter(attempt=attempt)
        .select_related("revision")
        .order_by("position")
    )
    assert sorted(q.qtype for q in questions) == sorted(TYPES)

    for question in questions:
        field = f"q-{question.pk}"
        data, order = question.revision.content["data"], question.option_order
        if question.qtype in ("single", "true_false"):
            # Tab enters the radio group on its first option; Space picks it, arrows move on.
            correct = next(p for p, o in enumerate(order) if data["options"][o]["correct"])
            tab_to(page, is_field(field, "0"))
            keyboard.press("Space")
            for _ in range(correct):
                keyboard.press("ArrowDown")
            assert active_element(page)["value"] == str(correct)
        elif question.qtype == "multiple":
            for position, original in enumerate(order):
                if data["options"][original]["correct"]:
                    tab_to(page, is_field(field, str(position)))
                    keyboard.press("Space")
        elif question.qtype == "short":
            tab_to(page, is_field(field))
            keyboard.type(data["accepted_answers"][-1])
        elif question.qtype == "ordering":
            for position, original in enumerate(order):
                tab_to(page, is_field(f"{field}-{position}"))
                for _ in range(original + 1):  # from "—" down to the item's rank
                    keyboard.press("ArrowDown")
                assert active_element(page)["value"] == str(original + 1)
        elif question.qtype == "matching":
            for row in range(len(order)):
                tab_to(page, is_field(f"{field}-{row}"))
                for _ in range(order.index(row) + 1):  # from "—" down to the right choice
                    keyboard.press("ArrowDown")
                assert active_element(page)["value"] == str(order.index(row))

    # Shift+Tab goes back into the form from the finish button, Tab returns to it.
    tab_to(page, is_button("Finish attempt…"))
    back = tab_to(
        page, lambda info: info.get("tag") in ("input", "select", "textarea"), backwards=True
    )
    assert back["name"].startswith(f"q-{questions[-1].pk}"), back
    finish = tab_to(page, is_button("Finish attempt…"))
    assert_focus_visible(finish, "Finish attempt button")
    with page.expect_navigation():
        keyboard.press("Enter")

    # The summary before submitting, then the confirmation, by keyboard too.
    assert page.url.endswith(f"/assessments/attempts/{attempt.pk}/summary/")
    submit = tab_to(page, is_button("Submit all and finish"))
    assert_focus_visible(submit, "Submit all and finish button")
    with page.expect_navigation():
        keyboard.press("Enter")

    # The review, also reachable by keyboard.
    assert page.url.endswith(f"/assessments/attempts/{attempt.pk}/review/")
    score = page.locator("#attempt-score")
    assert "passed" in score.inner_text() and "100" in score.inner_text(), score.inner_text()
    attempt.refresh_from_db()
    assert attempt.passed and attempt.score == attempt.max_score
    back_link = tab_to(
        page, lambda info: info.get("tag") == "a" and world.quiz.title in info.get("text", "")
    )
    assert_focus_visible(back_link, "link back to the quiz")
    with page.expect_navigation():
        keyboard.press("Enter")
    assert page.url == f"{base}{world.quiz.url}"
