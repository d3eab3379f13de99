"""An evaluator scores a practical evaluation by keyboard alone — from the home page's header
link to the queue, the evaluation, the scoring form's radio groups (arrow keys) and the submit
button — and the trainee's certification checklist turns the requirement to met. axe-core finds
no serious or critical violation on any page on the way."""

import pytest
from django.core import mail
from django.utils import timezone

from certificates.models import CourseRequirement, EvaluationRequirement
from courses.permissions import ensure_role_groups
from evaluations import services
from evaluations.forms import criterion_field
from evaluations.models import Evaluation
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory, UserFactory
from tests.factories.certificates import ProgramVersionFactory
from tests.factories.evaluations import criterion_ids, make_evaluator, make_instrument
from tests.journey.helpers import (
    PASSWORD,
    AxeAudit,
    assert_focus_visible,
    expect_autofocus,
    tab_to,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def is_link(text: str):
    return lambda info: info.get("tag") == "a" and info.get("text") == text


def is_button(text: str):
    return lambda info: info.get("tag") == "button" and info.get("text") == text


def is_field(name: str):
    return lambda info: info.get("name") == name


def checked_level(page, name: str) -> str | None:
    return page.evaluate(
        "(name) => { const e = document.querySelector(`input[name='${name}']:checked`);"
        " return e ? e.value : null; }",
        name,
    )


def sign_in_by_keyboard(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    expect_autofocus(page, "username")  # the e-mail field has focus when the page opens
    page.keyboard.type(email)
    tab_to(page, is_field("password"))
    page.keyboard.type(PASSWORD)
    tab_to(page, is_button("Sign in"))
    with page.expect_navigation():
        page.keyboard.press("Enter")


def requirement_state(page, base: str) -> str:
    page.goto(f"{base}/certification/")
    item = page.locator("li", has_text="Pass the practical evaluation").first
    return item.inner_text()


def test_an_evaluator_scores_by_keyboard_alone_and_the_checklist_updates(
    browser, live_server, course_index, screenshot
):
    ensure_role_groups(course_index=course_index)
    tree = build_course(course_index, modules=1, lessons=1, title="Peer Recovery Foundations")
    instrument = make_instrument(
        course=tree.course,
        skill="OARS in a first conversation",
        prerequisites=[tree.modules[0]],
        criteria=[("Reflective listening", True), ("Summaries", False)],
    )
    # Practice hours stay unmet, so passing the evaluation completes its item, not the program.
    version = ProgramVersionFactory(practice_hours=1)
    CourseRequirement.objects.create(version=version, course=tree.course)
    EvaluationRequirement.objects.create(version=version, instrument=instrument, within_months=24)
    trainee = UserFactory(email="keys.trainee@example.org", first_name="Jordan", last_name="Rivera")
    EnrollmentFactory(trainee=trainee, course=tree.course)
    LessonCompletionFactory(trainee=trainee, lesson=tree.lessons[0][0])
    evaluator = make_evaluator(
        course=tree.course, email="keys.evaluator@example.org", first_name="Dana"
    )
    evaluation = services.evaluation_request(trainee=trainee, instrument=instrument)
    services.evaluation_schedule(
        evaluator=evaluator,
        evaluation_id=evaluation.pk,
        mode=Evaluation.Mode.IN_PERSON,
        scheduled_for=timezone.now(),
        location="Training room 2",
    )
    base = live_server.url
    audit = AxeAudit()

    trainee_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    trainee_context.set_default_timeout(15_000)
    trainee_page = trainee_context.new_page()
    sign_in_by_keyboard(trainee_page, base, trainee.email)
    assert "(not met yet)" in requirement_state(trainee_page, base)
    audit.check(trainee_page, "trainee: checklist before")

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    keyboard = page.keyboard
    try:
        sign_in_by_keyboard(page, base, evaluator.email)
        page.goto(f"{base}/")
        # The header's Evaluations link, then the queue, the evaluation and its scoring form.
        assert_focus_visible(tab_to(page, is_link("Evaluations")), "Evaluations link")
        with page.expect_navigation():
            keyboard.press("Enter")
        assert page.url == f"{base}/evaluations/"
        audit.check(page, "evaluator: queue")
        tab_to(page, is_link(trainee.display_name))
        with page.expect_navigation():
            keyboard.press("Enter")
        assert page.url == f"{base}/evaluations/{evaluation.pk}/"
        audit.check(page, "evaluator: evaluation")
        assert_focus_visible(tab_to(page, is_link("Score this evaluation")), "Score link")
        with page.expect_navigation():
            keyboard.press("Enter")
        audit.check(page, "evaluator: scoring form")

        # Each criterion is one tab stop; the arrow keys move through its levels.
        first, second = (criterion_field(pk) for pk in criterion_ids(instrument))
        focused = tab_to(page, is_field(first))
        assert focused["type"] == "radio" and focused["value"] == "0"
        assert_focus_visible(focused, "first level of the first criterion")
        for _ in range(3):
            keyboard.press("ArrowDown")
        assert checked_level(page, first) == "3"
        keyboard.press("ArrowUp")
        assert checked_level(page, first) == "2"
        tab_to(page, is_field(second))
        for _ in range(3):
            keyboard.press("ArrowDown")
        assert checked_level(page, second) == "3"
        tab_to(page, is_field("comment"))
        keyboard.type("You reflected more than you asked, and your summary invited Renée on.")
        screenshot(page, "evaluator-scoring.png")
        assert_focus_visible(tab_to(page, is_button("Submit the final result")), "Submit")
        with page.expect_navigation():
            keyboard.press("Enter")
        assert page.url == f"{base}/evaluations/{evaluation.pk}/"
        assert "Passed" in page.locator("#result-heading + p").inner_text()
        audit.check(page, "evaluator: result")
    finally:
        context.close()

    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.COMPLETED and evaluation.passed
    assert evaluation.score_percent == 83
    assert [m.to for m in mail.outbox if "result" in m.subject] == [[trainee.email]]

    try:
        assert "(met)" in requirement_state(trainee_page, base)
        audit.check(trainee_page, "trainee: checklist after")
        trainee_page.goto(f"{base}/evaluations/{evaluation.pk}/")
        assert "You reflected more than you asked" in trainee_page.content()
        audit.check(trainee_page, "trainee: result")
    finally:
        trainee_context.close()
    audit.assert_clean()
