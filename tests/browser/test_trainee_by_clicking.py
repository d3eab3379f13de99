"""From sign-in to certificate without typing a URL: one `goto` to the home page, and from
there every step is a click or typing into a form.

On the demo (`seed_all`, as `make demo` builds it), the demo trainee signs in, follows the course
outline through Module 2's remaining lessons into its quiz, uses the question navigator and a
flag, sees the summary, submits and reads the review. Then a trainee near the end (modules 1–6
done but for the last lesson, supervised hours signed off, attestations given: seeded below)
signs in, finishes the last lesson, which opens the final exam, passes it page by page, and sees
the certification checklist complete and the certificate issued (the jobs run in-process here,
as in every test that does not start a worker).

The right answers are read from the bank, as the trainee's own knowledge would be; everything
else comes from what the pages show. Every wait is for an event (a navigation, a response, an
element), never a pause."""

from __future__ import annotations

import random
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from assessments.demo import take
from assessments.models import AssessmentPage, Attempt
from certificates.demo import _log_hours
from certificates.models import Certificate, ProgramVersion, SupervisionEntry
from certificates.selectors import checklist_for
from certificates.services import attestation_create
from cohorts.demo import INTENSIVE_COHORT, attend_whole_cohort
from cohorts.models import Cohort
from courses.demo import COURSE_SLUG
from courses.models import CoursePage, LessonCompletion
from courses.selectors import course_state
from courses.services import enrollment_create
from tests.demo_snapshot import DEMO_PASSWORD
from tests.threads import in_a_plain_thread

from .helpers import answer_correctly, attempt_questions, fieldset, on_the_attempt_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = DEMO_PASSWORD  # every demo account's, and the trainee's seeded below
NEARLY = {"email": "nearly@example.org", "first": "Riley", "last": "Morgan"}
WAIT_MS = 20_000


@pytest.fixture
def demo(transactional_db, seeded_demo):
    """The demo as seed_demo builds it, committed (tests/demo_snapshot.py): the live server's
    threads read it."""
    return CoursePage.objects.get(slug=COURSE_SLUG)


def seed_near_the_end(*, course: CoursePage) -> User:
    """A trainee who has done everything but the last lesson of module 6 and the final exam."""
    trainee = User(email=NEARLY["email"], first_name=NEARLY["first"], last_name=NEARLY["last"])
    trainee.set_password(PASSWORD)
    trainee.save()
    enrollment_create(trainee=trainee, course=course)
    state = course_state(course=course, user=trainee)
    last = state.lessons[-1]
    LessonCompletion.objects.bulk_create(
        [LessonCompletion(trainee=trainee, lesson=lesson) for lesson in state.lessons[:-1]]
    )
    instructor = User.objects.get(email="instructor@example.org")
    rng = random.Random(7)
    when = timezone.now() - timedelta(days=30)
    for number, module in enumerate(state.modules):
        quiz = AssessmentPage.objects.child_of(module).live().get()
        take(
            trainee=trainee,
            assessment=quiz,
            right=True,
            grader=instructor,
            when=when + timedelta(days=number),
            rng=rng,
        )
    supervisor = User.objects.get(email="supervisor@example.org")
    for kind, minutes in [
        (SupervisionEntry.Kind.PRACTICE, 500 * 60),
        (SupervisionEntry.Kind.SUPERVISION, 25 * 60),
    ]:
        _log_hours(
            trainee=trainee,
            supervisor=supervisor,
            kind=kind,
            total_minutes=minutes,
            signed=True,
            start_days_ago=300,
        )
    # Half the training hours live (the demo program's synchronous share): the spring intensive.
    attend_whole_cohort(
        cohort=Cohort.objects.get(title=INTENSIVE_COHORT), trainee=trainee, instructor=instructor
    )
    version = ProgramVersion.objects.get(program__name__startswith="Peer Recovery Specialist")
    pass_practical_evaluations(trainee, version)
    for statement in version.attestation_requirements.all():
        attestation_create(trainee=trainee, requirement=statement)
    assert not course_state(course=course, user=trainee).is_locked(last)
    # What is left is the course (its last lesson, and with it module 6's training hours) and
    # the final exam.
    checklist = checklist_for(trainee=trainee, version=version)
    unmet = [item for item in checklist.items if not item.met]
    assert {item.kind for item in unmet} <= {"course", "assessment", "hours"}, unmet
    assert not Certificate.objects.filter(holder=trainee).exists()
    return trainee


def pass_practical_evaluations(trainee, version) -> None:
    """The observed skills the program asks for, passed a few weeks ago (every criterion at its
    top level),
    scored through the evaluations app's services by a demo evaluator."""
    requirements = list(version.evaluation_requirements.select_related("instrument"))
    if not requirements:
        return
    from evaluations import services as evaluation_services
    from evaluations.demo import EVALUATORS
    from evaluations.models import Evaluation

    evaluator = User.objects.get(email=EVALUATORS[0])
    held = timezone.now() - timedelta(days=20)
    for requirement in requirements:
        instrument = requirement.instrument
        evaluation = Evaluation.objects.create(
            trainee=trainee,
            instrument=instrument,
            revision_id=instrument.live_revision_id,
            requested_at=held - timedelta(days=7),
        )
        evaluation_services.evaluation_schedule(
            evaluator=evaluator,
            evaluation_id=evaluation.pk,
            mode=Evaluation.Mode.VIDEO,
            scheduled_for=held,
            location="",
            video_link="https://meet.example.org/peercert-nearly",
        )
        evaluation_services.rating_submit(
            rater=evaluator,
            evaluation_id=evaluation.pk,
            levels={criterion.pk: 3 for criterion in instrument.criteria.all()},  # exemplary
            comment="Every criterion met.",
            at=held + timedelta(minutes=30),
        )


@pytest.fixture
def nearly(demo):
    return in_a_plain_thread(seed_near_the_end, course=demo)


def sign_in_by_clicking(page, email: str) -> None:
    page.locator("header").get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def autosave_carrying(attempt_pk: int, field: str, value: str):
    part = f'name="{field}"\r\n\r\n{value}\r\n'

    def matches(response) -> bool:
        return (
            response.request.method == "POST"
            and response.url.endswith(f"/assessments/attempts/{attempt_pk}/autosave/")
            and part in (response.request.post_data or "")
        )

    return matches


def test_a_trainee_goes_from_sign_in_to_certificate_by_clicking(
    demo, nearly, live_server, page, screenshot
):
    course = demo
    base = live_server.url
    page.goto(f"{base}/")  # the only address typed

    # --- The demo trainee: the rest of Module 2, then its quiz ------------------------------
    sign_in_by_clicking(page, "trainee@example.org")
    state = course_state(course=course, user=User.objects.get(email="trainee@example.org"))
    module_2 = state.modules[1]
    lessons = state.lessons_by_module[module_2.pk]
    quiz = AssessmentPage.objects.child_of(module_2).live().get()
    card = page.locator("main article.card", has_text=course.title)
    expect(card.locator(f"#outline-module-{module_2.pk} .outline-state").first).to_have_text(
        "In progress"
    )
    expect(card.locator(f"#outline-item-{quiz.pk}")).to_contain_text("Ready to start")
    screenshot(page, "trainee-dashboard-outline.png")
    card.get_by_role("link", name="Resume where you left off").click()
    for lesson in lessons[2:]:
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
        page.get_by_role("button", name="Mark complete and continue").click()
    # After the module's last lesson the button leads to the module's quiz.
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)
    page.get_by_role("button", name="Start the assessment").click()
    on_the_attempt_page(page, timeout=WAIT_MS)
    attempt = Attempt.objects.get(trainee__email="trainee@example.org", assessment=quiz)
    questions = attempt_questions(attempt)
    nav = page.locator("#quiz-nav")
    expect(nav.locator(".quiz-nav-item")).to_have_count(len(questions))

    # The navigator takes the trainee to question 5 on this page.
    nav.get_by_role("button", name=re.compile(r"^Question 5: not answered$")).click()
    expect(page.locator("#question-5")).to_be_focused()
    # Flag question 3; the flag is saved with the answers.
    third = questions[2]
    with page.expect_response(
        autosave_carrying(attempt.pk, "flag", str(third.pk)), timeout=WAIT_MS
    ):
        fieldset(page, third).get_by_label("Flag for review").check()
    expect(nav.get_by_role("button", name=re.compile(r"^Question 3: .*flagged"))).to_have_count(1)
    for aq in questions:
        answer_correctly(page, aq)
    expect(nav.locator(".quiz-nav-item.is-answered")).to_have_count(len(questions))
    screenshot(page, "trainee-quiz-navigator.png")
    page.get_by_role("button", name="Finish attempt…").first.click()
    expect(page.locator("#summary-flagged")).to_contain_text("Question 3")
    expect(page.locator("#summary-unanswered")).to_have_text("Every question has an answer.")
    screenshot(page, "trainee-quiz-summary.png")
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.locator("#attempt-score")).to_contain_text("passed")
    expect(page.locator(".option-chosen .your-answer").first).to_have_text("Your answer")
    screenshot(page, "trainee-quiz-review.png")
    attempt.refresh_from_db()
    assert attempt.passed

    # The outline now opens Module 3.
    page.locator("header").get_by_role("link", name="My dashboard").click()
    module_3 = state.modules[2]
    expect(page.locator(f"#outline-module-{module_3.pk} .outline-state").first).not_to_have_text(
        "Locked"
    )
    page.locator("header").get_by_role("button", name="Sign out").click()

    # --- A trainee near the end: the last lesson opens the final exam -----------------------
    sign_in_by_clicking(page, nearly.email)
    final = AssessmentPage.objects.child_of(course).live().get()
    final_row = page.locator(f"#outline-item-{final.pk}")
    expect(final_row).to_contain_text("Locked")
    expect(final_row).to_contain_text("Opens when every module is complete")
    page.get_by_role("link", name="Resume where you left off").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        course_state(course=course, user=nearly).lessons[-1].title
    )
    page.get_by_role("button", name="Mark complete and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(final.title)
    page.get_by_role("button", name="Start the assessment").click()
    on_the_attempt_page(page, timeout=WAIT_MS)
    exam = Attempt.objects.get(trainee=nearly, assessment=final)
    questions = attempt_questions(exam)
    per_page = final.questions_per_page
    assert per_page and len(questions) > per_page
    pages = [questions[i : i + per_page] for i in range(0, len(questions), per_page)]
    for number, on_this_page in enumerate(pages, start=1):
        expect(page.locator("#page-position")).to_have_text(f"Page {number} of {len(pages)}")
        for aq in on_this_page:
            answer_correctly(page, aq)
        if number < len(pages):
            page.get_by_role("button", name="Next page").click()
    page.get_by_role("button", name="Finish attempt…").first.click()
    expect(page.locator("#summary-unanswered")).to_have_text("Every question has an answer.")
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.locator("#attempt-score")).to_contain_text("passed")
    expect(page.locator("#scaled-score")).to_contain_text("800")
    expect(page.locator("fieldset.question")).to_have_count(0)  # the items stay confidential
    screenshot(page, "trainee-final-exam-result.png")

    # The checklist is complete and the certificate issued.
    page.locator("header").get_by_role("link", name="Certification").click()
    checklist = page.locator("ul.checklist")
    expect(checklist.locator("li.status-todo")).to_have_count(0)
    expect(checklist.locator("li.status-done").first).to_be_visible()
    certificates = page.locator("section[aria-labelledby=mycerts]")
    expect(certificates).to_contain_text("Valid")
    expect(certificates.get_by_role("link", name="Download PDF")).to_be_visible()
    screenshot(page, "trainee-certified-by-clicking.png")
    certificate = Certificate.objects.get(holder=nearly)
    assert certificate.status == "valid"
