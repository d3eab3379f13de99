"""Fault drill: a quiz attempt's autosaved answers survive the browser going away.

The trainee answers questions, the page's autosave posts them (we wait for the server's
answer), and then the whole browser disappears without submitting: no unload, no last save.
A new browser signs in, resumes the attempt, and finds every saved answer still selected."""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError

from assessments.models import Attempt, AttemptQuestion
from courses.services import enrollment_create
from tests.factories import UserFactory

from .conftest import CHROMIUM, CHROMIUM_ARGS
from .helpers import sign_in
from .world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_autosaved_answers_survive_a_browser_crash(course_index, browser, new_page, live_server):
    world = build_world(course_index, question_types=("single", "multiple", "short", "ordering"),
                        program=False)
    trainee = UserFactory(email="crash@example.org", first_name="Casey", last_name="Crash")
    enrollment_create(trainee=trainee, course=world.course)
    base = live_server.url

    # A browser of its own, so that "crash" means the whole browser, not just one tab.
    doomed_browser = browser.browser_type.launch(executable_path=CHROMIUM, headless=True,
                                                 args=CHROMIUM_ARGS)
    try:
        context = doomed_browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        sign_in(page, base, trainee.email)
        page.goto(f"{base}{world.quiz.url}")
        page.get_by_role("button", name="Start the assessment").click()
        page.locator("#attempt-form").wait_for()
        attempt = Attempt.objects.get(trainee=trainee)
        questions = {aq.qtype: aq for aq in AttemptQuestion.objects.filter(attempt=attempt)}
        ordering = questions["ordering"]

        def autosaved(response) -> bool:
            return (response.url.endswith(f"/assessments/attempts/{attempt.pk}/autosave/")
                    and response.request.method == "POST" and response.ok
                    and response.json().get("saved") is True)

        with page.expect_response(autosaved):  # a choice saves on change
            page.get_by_label("Call 988 together").check()
        with page.expect_response(autosaved):
            page.get_by_label("Open questions").check()
        with page.expect_response(autosaved):
            page.get_by_label("Reflections").check()
        with page.expect_response(autosaved):  # a select saves on change
            page.locator(f"select[name='q-{ordering.pk}-0']").select_option("3")
        # Typing saves on the next five-second tick (or on change, when the field is left).
        with page.expect_response(autosaved, timeout=15_000):
            page.get_by_label("Your answer").fill("minimum necessary")
        page.get_by_text("Saved at").wait_for()

        # Crash: the tab's renderer dies (no unload, no visibilitychange, no last save), then
        # the whole browser goes away. Nothing was submitted.
        cdp = context.new_cdp_session(page)
        # (suppress: the renderer dies before it can answer)
        with page.expect_event("crash"), contextlib.suppress(PlaywrightError):
            cdp.send("Page.crash")
        doomed_browser.close()
    finally:
        if doomed_browser.is_connected():
            doomed_browser.close()

    attempt.refresh_from_db()
    assert attempt.state == "in_progress" and attempt.submitted_at is None

    # A new browser, a new sign-in: resume and find the answers where they were left.
    page = new_page()
    sign_in(page, base, trainee.email)
    page.goto(f"{base}{world.quiz.url}")
    page.get_by_role("link", name="Resume your attempt").click()
    page.locator("#attempt-form").wait_for()
    assert page.url.endswith(f"/assessments/attempts/{attempt.pk}/")
    assert page.get_by_label("Call 988 together").is_checked()
    assert not page.get_by_label("Call 911 and stay").is_checked()
    assert page.get_by_label("Open questions").is_checked()
    assert page.get_by_label("Reflections").is_checked()
    assert not page.get_by_label("Affirmations").is_checked()
    assert not page.get_by_label("Diagnoses").is_checked()
    assert page.get_by_label("Your answer").input_value() == "minimum necessary"
    assert page.locator(f"select[name='q-{ordering.pk}-0']").input_value() == "3"
    assert page.locator(f"select[name='q-{ordering.pk}-1']").input_value() == ""
