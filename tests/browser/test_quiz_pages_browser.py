"""The quiz and course pages as a browser shows them: typed text survives a reload right after
typing, the Content-Security-Policy watch catches what it must, Django's DEBUG 404 page is
styled under the strict policy, and a 390 px phone gets a small timer bar, a one-line crisis
banner that expands, and pages that do not overflow sideways."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Attempt, Response
from courses.services import enrollment_create
from tests.factories import UserFactory
from tests.journey.world import build_world

from . import conftest
from .helpers import on_the_attempt_page, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WAIT_MS = 15_000
ESSAY = "I would stay with Dana, ask directly about safety and call 988 together."
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def essay_quiz(course_index):
    world = build_world(course_index, question_types=("essay", "single"), program=False)
    world.quiz.time_limit_minutes = 20
    world.quiz.save()
    trainee = UserFactory(email="typist@example.org", first_name="Alex", last_name="Typist")
    enrollment_create(trainee=trainee, course=world.course)
    return world, trainee


def start(page, base, trainee, quiz) -> Attempt:
    signed_in(page, base, trainee.email)
    page.goto(f"{base}{quiz.url}")
    page.get_by_role("button", name="Start the assessment").click()
    on_the_attempt_page(page, timeout=WAIT_MS)
    return Attempt.objects.get(trainee=trainee, assessment=quiz)


def test_text_typed_just_before_a_reload_is_there_after_it(page, live_server, essay_quiz):
    world, trainee = essay_quiz
    attempt = start(page, live_server.url, trainee, world.quiz)
    essay = attempt.questions.get(qtype="essay")
    box = page.locator(f"fieldset[data-question-id='{essay.pk}']").get_by_label("Your answer")
    carried = []

    def note_the_text(request) -> None:
        if (
            request.method == "POST"
            and request.url.endswith(f"/assessments/attempts/{attempt.pk}/autosave/")
            and ESSAY in (request.post_data or "")
        ):
            carried.append(request)

    page.on("request", note_the_text)
    box.click()
    page.keyboard.type(ESSAY)
    # Reload at once: leaving the page sends what was typed (keepalive) whether or not the
    # half-second pause after typing had passed, and a reload answered before that save lands
    # finds the text in the tab's draft. On a slow machine the pause may have passed already;
    # either way one save carried the whole text and the page shows it after the reload.
    page.reload()
    on_the_attempt_page(page, timeout=WAIT_MS)
    expect(box).to_have_value(ESSAY)
    assert carried, "no save carried the typed text"
    # And the server has it: the page is clean once nothing typed is left unconfirmed.
    expect(page.locator("#attempt-form")).to_have_attribute("data-state", "clean")
    assert Response.objects.get(attempt_question=essay).answer == ESSAY


def test_the_status_says_saved_only_once_the_server_confirmed(page, live_server, essay_quiz):
    world, trainee = essay_quiz
    attempt = start(page, live_server.url, trainee, world.quiz)
    single = attempt.questions.get(qtype="single")
    status = page.locator("#autosave-status")
    fieldset = page.locator(f"fieldset[data-question-id='{single.pk}']")
    # The server cannot be reached for a moment: the page says so and tries again.
    page.route("**/autosave/", lambda route: route.abort())
    fieldset.get_by_label("Call 988 together").check()
    expect(status).to_have_text("Not saved — retrying")
    page.unroute("**/autosave/")
    expect(status).to_have_text(re.compile(r"^Saved \d\d:\d\d:\d\d$"), timeout=WAIT_MS)
    assert Response.objects.get(attempt_question=single).answer == 1


def test_the_csp_watch_reports_an_inline_style(page, live_server, home):
    page.goto(f"{live_server.url}/")
    with page.expect_console_message(lambda m: m.text.startswith("CSP violation: ")):
        page.evaluate("document.body.setAttribute('style', 'color: red')")
    assert any("style-src" in report for report in conftest.csp_reports)
    conftest.csp_reports.clear()  # this one was on purpose


def test_djangos_debug_404_page_is_styled_under_the_strict_policy(
    page, live_server, home, settings
):
    settings.DEBUG = True
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    # technical_404.html gives #summary a yellow background in its own <style>.
    background = page.locator("#summary").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(255, 255, 204)"


def test_a_phone_gets_a_small_timer_bar_and_a_one_line_crisis_banner(
    browser, live_server, essay_quiz, screenshot
):
    world, trainee = essay_quiz
    context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True)
    try:
        phone = context.new_page()
        phone.set_default_timeout(WAIT_MS)
        start(phone, live_server.url, trainee, world.quiz)
        banner = phone.locator(".crisis-banner")
        expect(banner.get_by_text("Call or text 988")).to_be_visible()
        more = banner.get_by_role("button", name="More")
        expect(more).to_have_attribute("aria-expanded", "false")
        expect(banner.locator(".crisis-more")).to_be_hidden()
        assert banner.bounding_box()["height"] <= 30, banner.bounding_box()  # one line
        bar = phone.locator(".attempt-bar")
        expect(bar.locator("#time-left")).to_be_visible()
        assert bar.bounding_box()["height"] <= 48, bar.bounding_box()
        assert fits_the_width(phone)
        screenshot(phone, "phone-quiz.png")
        more.click()
        expect(more).to_have_attribute("aria-expanded", "true")
        expect(banner.get_by_text("not a crisis service")).to_be_visible()
        phone.locator("header").get_by_role("link", name="My dashboard").click()
        expect(phone.locator(".outline").first).to_be_visible()
        assert fits_the_width(phone)
        screenshot(phone, "phone-dashboard-outline.png")
        phone.locator("main").get_by_role("link", name=world.course.title).first.click()
        expect(phone.locator(".outline")).to_be_visible()
        assert fits_the_width(phone)
        screenshot(phone, "phone-course-outline.png")
    finally:
        context.close()


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
