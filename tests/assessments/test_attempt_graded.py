"""attempt_graded (assessments/signals.py): the grading service announces each final result
once — on submit, when the last essay is hand-graded, and when a regrade changes it — and never
for a save of the row that is not a grading."""

import pytest

from assessments import services
from assessments.models import Attempt, AttemptQuestion, AttemptState
from assessments.signals import attempt_graded
from tests.assessments.conftest import make_assessment
from tests.factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """(attempt pk, state, passed, regrade) for every attempt_graded sent during the test."""
    calls = []

    def receiver(sender, *, attempt, regrade, **kwargs):
        calls.append((attempt.pk, attempt.state, attempt.passed, regrade))

    attempt_graded.connect(receiver)
    yield calls
    attempt_graded.disconnect(receiver)


def answer_all(attempt, *, right: bool, skip: int | None = None):
    answers = {}
    for aq in AttemptQuestion.objects.filter(attempt=attempt).exclude(question_id=skip):
        answers[aq.pk] = [str(aq.option_order.index(1 if right else 0))]
    services.attempt_save(attempt=attempt, answers=answers)


def test_submitting_announces_the_result_once_however_often_it_is_submitted(enrolled, quiz, heard):
    attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
    answer_all(attempt, right=True)

    services.attempt_submit(attempt=attempt)
    services.attempt_submit(attempt=attempt)

    assert heard == [(attempt.pk, AttemptState.GRADED, True, False)]


def test_an_attempt_waiting_for_a_hand_grade_is_announced_when_its_essay_is_graded(
    enrolled, course_tree, heard
):
    quiz, _ = make_assessment(course_tree.modules[0], types=["essay"])
    attempt = services.attempt_submit(
        attempt=services.attempt_start(trainee=enrolled, assessment=quiz)
    )
    assert attempt.state == AttemptState.NEEDS_GRADING and heard == []

    essay = AttemptQuestion.objects.select_related("revision", "response").get(attempt=attempt)
    rubric = [criterion["points"] for criterion in essay.revision.content["data"]["rubric"]]
    services.essay_grade(
        response=essay.response, grader=UserFactory(is_superuser=True), rubric_points=rubric
    )

    assert heard == [(attempt.pk, AttemptState.GRADED, True, False)]


def test_a_regrade_announces_only_the_attempts_whose_result_changes(
    enrolled, quiz, course_tree, heard
):
    wrong = services.attempt_start(trainee=enrolled, assessment=quiz)
    answer_all(wrong, right=False)
    services.attempt_submit(attempt=wrong)
    first = AttemptQuestion.objects.filter(attempt=wrong).order_by("position").first().question
    other = UserFactory()
    EnrollmentFactory(trainee=other, course=course_tree.course)
    unchanged = services.attempt_start(trainee=other, assessment=quiz)
    answer_all(unchanged, right=True, skip=first.pk)  # the corrected question left blank
    services.attempt_submit(attempt=unchanged)
    heard.clear()
    # The author finds that option 0 of that question was right all along.
    first.data = {
        "options": [dict(o, correct=(i == 0)) for i, o in enumerate(first.data["options"])]
    }
    services.question_publish(question=first)
    admin = UserFactory(is_superuser=True)

    services.assessment_regrade(assessment=quiz, performed_by=admin, dry_run=True)
    assert heard == []  # a dry run changes nothing, so announces nothing

    services.assessment_regrade(assessment=quiz, performed_by=admin, dry_run=False)
    assert heard == [(wrong.pk, AttemptState.GRADED, False, True)]


def test_saving_an_attempt_row_is_not_a_grading(enrolled, quiz, heard):
    attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
    answer_all(attempt, right=True)
    attempt = services.attempt_submit(attempt=attempt)
    heard.clear()

    Attempt.objects.get(pk=attempt.pk).save()

    assert heard == []
