"""A trainee takes a module quiz in a real browser: autosave, reload, a browser "crash", resume,
submit, and the review the assessment's policy allows at that moment.

Every wait is bounded: each autosave is awaited as the network response that carries the answer
just given (the expectation is set up before the action that triggers it), never with sleeps."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Attempt, AttemptQuestion
from courses.services import enrollment_create
from tests.browser.helpers import on_the_attempt_page, signed_in
from tests.factories import UserFactory
from tests.factories.assessments import SAMPLE_DATA
from tests.journey.world import build_world

# live_server runs in another thread, so data must be committed (transaction=True); the
# serialized rollback puts back what migrations created after an earlier transactional test.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WAIT_MS = 15_000  # the longest any single wait may take
SAVED = re.compile(r"^Saved \d\d:\d\d:\d\d$")


def fieldset(page, question: AttemptQuestion):
    """The question's fieldset, found by the question text the trainee reads."""
    text = question.revision.content["text"]
    return page.locator("fieldset.question").filter(has=page.get_by_text(text, exact=True))


def rank_select(page, question: AttemptQuestion, item: str):
    return fieldset(page, question).locator("label", has_text=item).locator("select")


def match_select(page, question: AttemptQuestion, left: str):
    return fieldset(page, question).locator("label", has_text=left).locator("select")


def autosave_carrying(attempt_pk: int, field: str, value: str):
    """A predicate for the autosave POST whose form data holds `field` = `value`. It reads only
    what the response event already carries (no calls back into the browser from inside it)."""
    url = f"/assessments/attempts/{attempt_pk}/autosave/"
    part = f'name="{field}"\r\n\r\n{value}\r\n'

    def matches(response) -> bool:
        request = response.request
        return (
            request.method == "POST"
            and response.url.endswith(url)
            and part in (request.post_data or "")
        )

    return matches


def answer(page, attempt_pk: int, action, *, field: str, value: str) -> None:
    """Do `action` and wait (bounded) until the server acknowledged an autosave carrying the
    answer, and the page said so: then no save is in flight and the next change saves at once."""
    with page.expect_response(
        autosave_carrying(attempt_pk, field, value), timeout=WAIT_MS
    ) as saved:
        action()
    response = saved.value
    assert response.status == 200, response.status
    assert response.json()["saved"] is True
    expect(page.locator("#autosave-status")).to_have_text(SAVED, timeout=WAIT_MS)


def submit_all(page, attempt: Attempt) -> None:
    """Finish the attempt and confirm on the summary page."""
    page.get_by_role("button", name="Finish attempt…").first.click()
    page.locator("#summary-form").wait_for(timeout=WAIT_MS)
    with page.expect_navigation(
        url=f"**/assessments/attempts/{attempt.pk}/review/", timeout=WAIT_MS
    ):
        page.get_by_role("button", name="Submit all and finish").click()


def start_quiz(page, base: str, email: str, quiz) -> Attempt:
    signed_in(page, base, email)
    page.goto(f"{base}{quiz.url}")
    page.get_by_role("button", name="Start the assessment").click()
    on_the_attempt_page(page, timeout=WAIT_MS)
    attempt = Attempt.objects.get(trainee__email=email, assessment=quiz)
    assert page.url == f"{base}/assessments/attempts/{attempt.pk}/"
    return attempt


def questions_by_type(attempt: Attempt) -> dict[str, AttemptQuestion]:
    rows = AttemptQuestion.objects.filter(attempt=attempt).select_related("revision")
    return {row.qtype: row for row in rows}


def test_demo_trainee_reloads_mid_quiz_submits_and_sees_the_review_the_policy_allows(
    page, live_server, course_index
):
    world = build_world(
        course_index,
        question_types=("single", "true_false", "multiple", "short", "ordering", "matching"),
        program=False,
        pass_mark=80,
    )
    quiz = world.quiz
    # The policy as an instructor left it (the model's defaults): right after submitting only
    # the score; once passed also correctness and feedback; correct answers only after the last
    # attempt or when the quiz closes.
    policy = quiz.review_policy()
    assert policy["submit"] == {"score"}
    assert policy["pass"] == {"score", "correctness", "feedback"}
    assert "answers" not in policy["submit"] | policy["pass"]
    trainee = UserFactory(email="trainee@example.org", first_name="Jordan", last_name="Rivera")
    enrollment_create(trainee=trainee, course=world.course)
    base = live_server.url

    attempt = start_quiz(page, base, trainee.email, quiz)
    q = questions_by_type(attempt)
    assert sorted(q) == sorted(
        ["single", "true_false", "multiple", "short", "ordering", "matching"]
    )
    single, true_false, multiple = q["single"], q["true_false"], q["multiple"]
    short, ordering, matching = q["short"], q["ordering"], q["matching"]

    # Half the quiz, each answer autosaved (choices save on change, a typed answer when the
    # field is left).
    answer(
        page,
        attempt.pk,
        fieldset(page, single).get_by_label("Call 988 together").check,
        field=f"q-{single.pk}",
        value="1",
    )
    for position, text in [(0, "Open questions"), (1, "Affirmations"), (3, "Reflections")]:
        answer(
            page,
            attempt.pk,
            fieldset(page, multiple).get_by_label(text).check,
            field=f"q-{multiple.pk}",
            value=str(position),
        )

    def type_short_answer():
        box = fieldset(page, short).get_by_label("Your answer")
        box.fill("Min necessary")
        box.press("Tab")

    answer(page, attempt.pk, type_short_answer, field=f"q-{short.pk}", value="Min necessary")

    # Reload: the page comes back from the server with what was saved.
    page.reload()
    on_the_attempt_page(page, timeout=WAIT_MS)
    expect(fieldset(page, single).get_by_label("Call 988 together")).to_be_checked()
    expect(fieldset(page, single).get_by_label("Call 911 and stay")).not_to_be_checked()
    for text in ("Open questions", "Affirmations", "Reflections"):
        expect(fieldset(page, multiple).get_by_label(text)).to_be_checked()
    expect(fieldset(page, multiple).get_by_label("Diagnoses")).not_to_be_checked()
    expect(fieldset(page, short).get_by_label("Your answer")).to_have_value("Min necessary")
    expect(fieldset(page, true_false).get_by_label("True", exact=True)).not_to_be_checked()

    # The rest: true/false answered wrongly, ordering and matching right. Waiting for each
    # autosave leaves none in flight when the form is submitted.
    answer(
        page,
        attempt.pk,
        fieldset(page, true_false).get_by_label("True", exact=True).check,
        field=f"q-{true_false.pk}",
        value="0",
    )
    for rank, item in enumerate(SAMPLE_DATA["ordering"]["items"], start=1):
        answer(
            page,
            attempt.pk,
            lambda item=item, rank=rank: rank_select(page, ordering, item).select_option(str(rank)),
            field=f"q-{ordering.pk}-{ordering.option_order.index(rank - 1)}",
            value=str(rank),
        )
    for row, (left, right) in enumerate(SAMPLE_DATA["matching"]["pairs"]):
        answer(
            page,
            attempt.pk,
            lambda left=left, right=right: match_select(page, matching, left).select_option(
                label=right
            ),
            field=f"q-{matching.pk}-{row}",
            value=str(matching.option_order.index(row)),
        )
    submit_all(page, attempt)

    attempt.refresh_from_db()
    assert (attempt.state, attempt.score, attempt.max_score) == ("graded", 5, 6)
    assert attempt.passed  # 83.33 % against a pass mark of 80 %

    # Graded and passed, attempts left, still open: score + correctness + feedback, no answers.
    expect(page.locator("#attempt-score")).to_have_text("Score: 5.00 of 6.00 (83.33 %) — passed")
    expect(page.locator("#attempt-state")).to_have_text("Graded")
    expect(page.locator("p.is-correct")).to_have_count(5)
    wrong = fieldset(page, true_false)
    expect(wrong.locator("p.is-wrong")).to_have_text("Not fully correct")
    expect(wrong.locator("label", has_text="True")).to_contain_text("(incorrect)")
    expect(wrong).to_contain_text("SECRET-FB-tf-0")  # feedback on the option chosen
    expect(fieldset(page, single)).to_contain_text("SECRET-FB-single-1")
    expect(fieldset(page, single)).to_contain_text("(correct)")
    expect(page.get_by_text("SECRET-GENERAL-FEEDBACK")).to_have_count(6)
    # What the submitted answers were is shown, read-only.
    expect(fieldset(page, single).get_by_label("Call 988 together")).to_be_checked()
    expect(fieldset(page, single).get_by_label("Call 988 together")).to_be_disabled()
    expect(fieldset(page, short).get_by_label("Your answer")).to_have_value("Min necessary")

    # Correct answers are not revealed yet: not on screen, and not anywhere in the HTML.
    html = page.content()
    for secret in (
        "— a correct answer",
        "Accepted answers:",
        "SECRET-ANSWER",
        "Correct order:",
        "Correct matches:",
        "SECRET-FB-tf-1",  # the right option's feedback
        "SECRET-FB-single-0",
        "SECRET-FB-multi-2",
    ):  # options not chosen
        assert secret not in html, f"{secret!r} leaked into the review"
    assert "(correct)" not in wrong.inner_text()  # "False" is not marked as the right answer


def test_autosaved_answers_survive_the_browser_crashing_and_count_when_submitted(
    browser, page, live_server, course_index
):
    world = build_world(
        course_index, question_types=("single", "multiple", "short", "ordering"), program=False
    )
    trainee = UserFactory(email="crash@example.org", first_name="Casey", last_name="Crash")
    enrollment_create(trainee=trainee, course=world.course)
    base = live_server.url
    items = SAMPLE_DATA["ordering"]["items"]

    # The browser that will "crash": a context of its own, closed without submitting.
    doomed = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        doomed.set_default_timeout(WAIT_MS)
        tab = doomed.new_page()
        attempt = start_quiz(tab, base, trainee.email, world.quiz)
        q = questions_by_type(attempt)
        single, multiple, short, ordering = q["single"], q["multiple"], q["short"], q["ordering"]

        answer(
            tab,
            attempt.pk,
            fieldset(tab, single).get_by_label("Call 988 together").check,
            field=f"q-{single.pk}",
            value="1",
        )
        answer(
            tab,
            attempt.pk,
            fieldset(tab, multiple).get_by_label("Open questions").check,
            field=f"q-{multiple.pk}",
            value="0",
        )
        answer(
            tab,
            attempt.pk,
            fieldset(tab, multiple).get_by_label("Reflections").check,
            field=f"q-{multiple.pk}",
            value="3",
        )

        def type_short_answer():
            box = fieldset(tab, short).get_by_label("Your answer")
            box.fill("min necessary")
            box.press("Tab")

        answer(tab, attempt.pk, type_short_answer, field=f"q-{short.pk}", value="min necessary")
        for rank, item in enumerate(items, start=1):
            answer(
                tab,
                attempt.pk,
                lambda item=item, rank=rank: rank_select(tab, ordering, item).select_option(
                    str(rank)
                ),
                field=f"q-{ordering.pk}-{ordering.option_order.index(rank - 1)}",
                value=str(rank),
            )
    finally:
        doomed.close()  # the crash: no submit, no last save

    attempt.refresh_from_db()
    assert attempt.state == "in_progress" and attempt.submitted_at is None

    # A new browser context (no cookies): sign in again, find the attempt waiting, resume it.
    signed_in(page, base, trainee.email)
    page.goto(f"{base}{world.quiz.url}")
    page.get_by_role("link", name="Resume your attempt").click()
    on_the_attempt_page(page, timeout=WAIT_MS)
    assert page.url == f"{base}/assessments/attempts/{attempt.pk}/"
    expect(fieldset(page, single).get_by_label("Call 988 together")).to_be_checked()
    expect(fieldset(page, single).get_by_label("Call 911 and stay")).not_to_be_checked()
    expect(fieldset(page, multiple).get_by_label("Open questions")).to_be_checked()
    expect(fieldset(page, multiple).get_by_label("Reflections")).to_be_checked()
    expect(fieldset(page, multiple).get_by_label("Affirmations")).not_to_be_checked()
    expect(fieldset(page, multiple).get_by_label("Diagnoses")).not_to_be_checked()
    expect(fieldset(page, short).get_by_label("Your answer")).to_have_value("min necessary")
    for rank, item in enumerate(items, start=1):
        expect(rank_select(page, ordering, item)).to_have_value(str(rank))

    # Submitting now grades exactly what was autosaved before the crash: single 1, multiple
    # 2 of 3 right choices (0.66), short 1, ordering 1.
    submit_all(page, attempt)
    expect(page.locator("#attempt-score")).to_have_text("Score: 3.66 of 4.00 (91.50 %) — passed")
    attempt.refresh_from_db()
    assert (attempt.state, str(attempt.score), str(attempt.percent)) == ("graded", "3.66", "91.50")
    assert Attempt.objects.filter(trainee=trainee).count() == 1  # resumed, not restarted
