"""The attempt engine: start → answer (autosave) → submit → graded, with the server as the clock."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments import selectors, services
from assessments.models import AttemptQuestion, AttemptState, Response
from tests.assessments.conftest import make_assessment
from tests.factories import AccommodationFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db


def correct_answers(attempt):
    """Form answers (display positions) that are right for every single-choice question."""
    answers = {}
    for aq in AttemptQuestion.objects.filter(attempt=attempt):
        answers[aq.pk] = [str(aq.option_order.index(1))]
    return answers


def wrong_answers(attempt):
    return {
        aq.pk: [str(aq.option_order.index(0))]
        for aq in AttemptQuestion.objects.filter(attempt=attempt)
    }


class TestStart:
    def test_start_draws_the_questions_once_with_their_live_revision(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        rows = list(AttemptQuestion.objects.filter(attempt=attempt))
        assert len(rows) == 5
        assert all(row.revision_id == row.question.live_revision_id for row in rows)
        assert attempt.number == 1 and attempt.state == AttemptState.IN_PROGRESS
        assert attempt.max_score == 5

    def test_starting_again_resumes_the_same_attempt_and_draw(self, enrolled, quiz):
        first = services.attempt_start(trainee=enrolled, assessment=quiz)
        again = services.attempt_start(trainee=enrolled, assessment=quiz)
        assert again.pk == first.pk
        assert AttemptQuestion.objects.filter(attempt=first).count() == 5

    def test_pool_rules_draw_the_count_from_each_category(self, enrolled, course_tree):
        quiz, _ = make_assessment(course_tree.modules[0], types=["single"] * 6, count=4)
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        assert AttemptQuestion.objects.filter(attempt=attempt).count() == 4

    def test_draft_questions_are_not_drawn(self, enrolled, course_tree):
        quiz, questions = make_assessment(course_tree.modules[0], types=["single"] * 2)
        QuestionFactory(category=questions[0].category, publish=False)
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        assert AttemptQuestion.objects.filter(attempt=attempt).count() == 2

    def test_a_trainee_must_be_enrolled(self, trainee, quiz):
        with pytest.raises(PermissionDenied, match="Enrol"):
            services.attempt_start(trainee=trainee, assessment=quiz)

    def test_attempt_limit_is_enforced(self, enrolled, course_tree):
        quiz, _ = make_assessment(course_tree.modules[0], max_attempts=2)
        for _ in range(2):
            attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
            services.attempt_submit(attempt=attempt)
        with pytest.raises(ValidationError, match=selectors.NO_ATTEMPTS_LEFT):
            services.attempt_start(trainee=enrolled, assessment=quiz)

    def test_an_accommodation_adds_attempts(self, enrolled, course_tree):
        quiz, _ = make_assessment(course_tree.modules[0], max_attempts=1)
        AccommodationFactory(trainee=enrolled, assessment=quiz, extra_attempts=1)
        for _ in range(2):
            services.attempt_submit(
                attempt=services.attempt_start(trainee=enrolled, assessment=quiz)
            )
        with pytest.raises(ValidationError):
            services.attempt_start(trainee=enrolled, assessment=quiz)

    def test_an_accommodation_adds_time(self, enrolled, course_tree):
        quiz, _ = make_assessment(course_tree.modules[0], time_limit_minutes=30)
        AccommodationFactory(trainee=enrolled, assessment=quiz, extra_minutes=15)
        now = timezone.now()
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz, now=now)
        assert attempt.deadline == now + timedelta(minutes=45)

    def test_cooldown_between_attempts(self, enrolled, course_tree):
        quiz, _ = make_assessment(course_tree.modules[0], cooldown_minutes=60)
        now = timezone.now()
        services.attempt_submit(
            attempt=services.attempt_start(trainee=enrolled, assessment=quiz, now=now), now=now
        )
        with pytest.raises(ValidationError, match="next attempt after"):
            services.attempt_start(
                trainee=enrolled, assessment=quiz, now=now + timedelta(minutes=59)
            )
        assert services.attempt_start(
            trainee=enrolled, assessment=quiz, now=now + timedelta(minutes=61)
        )

    def test_open_and_close_dates(self, enrolled, course_tree):
        now = timezone.now()
        quiz, _ = make_assessment(
            course_tree.modules[0],
            opens_at=now + timedelta(days=1),
            closes_at=now + timedelta(days=2),
        )
        with pytest.raises(ValidationError, match=selectors.NOT_OPEN_YET):
            services.attempt_start(trainee=enrolled, assessment=quiz, now=now)
        with pytest.raises(ValidationError, match=selectors.CLOSED):
            services.attempt_start(trainee=enrolled, assessment=quiz, now=now + timedelta(days=3))

    def test_the_deadline_never_runs_past_the_close_date(self, enrolled, course_tree):
        now = timezone.now()
        quiz, _ = make_assessment(
            course_tree.modules[0], time_limit_minutes=90, closes_at=now + timedelta(minutes=20)
        )
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz, now=now)
        assert attempt.deadline == quiz.closes_at

    def test_shuffle_gives_different_orders_and_keeps_them(self, enrolled, course_tree):
        quiz, _ = make_assessment(
            course_tree.modules[0],
            types=["single"] * 8,
            shuffle_questions=True,
            shuffle_options=True,
        )
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz, rng=random.Random(4))
        positions = list(
            AttemptQuestion.objects.filter(attempt=attempt)
            .order_by("position")
            .values_list("question_id", flat=True)
        )
        assert positions != sorted(positions)


class TestAnswering:
    def test_autosave_stores_answers_and_resume_shows_them(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        aq = AttemptQuestion.objects.filter(attempt=attempt).first()
        services.attempt_save(attempt=attempt, answers={aq.pk: ["1"]})
        response = Response.objects.get(attempt_question=aq)
        assert response.answer == aq.option_order[1]
        assert response.saved_at is not None

    def test_answers_for_a_question_not_in_the_attempt_are_refused(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        with pytest.raises(ValidationError, match="out of date"):
            services.attempt_save(attempt=attempt, answers={999_999: ["0"]})

    def test_an_answer_that_does_not_fit_the_question_is_refused(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        aq = AttemptQuestion.objects.filter(attempt=attempt).first()
        with pytest.raises(ValidationError, match="does not fit"):
            services.attempt_save(attempt=attempt, answers={aq.pk: ["17"]})

    def test_answers_for_a_finished_attempt_are_refused(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        services.attempt_submit(attempt=attempt)
        aq = AttemptQuestion.objects.filter(attempt=attempt).first()
        with pytest.raises(ValidationError, match="already been submitted"):
            services.attempt_save(attempt=attempt, answers={aq.pk: ["1"]})

    def test_answers_within_the_grace_after_the_deadline_still_count(self, enrolled, course_tree):
        quiz, _ = make_assessment(course_tree.modules[0], time_limit_minutes=10)
        now = timezone.now()
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz, now=now)
        late = attempt.deadline + timedelta(seconds=services.GRACE_SECONDS - 1)
        services.attempt_save(attempt=attempt, answers=correct_answers(attempt), now=late)
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.IN_PROGRESS

    def test_past_the_deadline_the_attempt_is_submitted_with_what_was_saved(
        self, enrolled, course_tree
    ):
        quiz, _ = make_assessment(
            course_tree.modules[0], types=["single"] * 2, time_limit_minutes=10
        )
        now = timezone.now()
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz, now=now)
        first, second = AttemptQuestion.objects.filter(attempt=attempt).order_by("position")
        services.attempt_save(
            attempt=attempt,
            answers={first.pk: [str(first.option_order.index(1))]},
            now=now + timedelta(minutes=5),
        )
        too_late = attempt.deadline + timedelta(seconds=services.GRACE_SECONDS + 1)
        with pytest.raises(ValidationError, match="Time is up"):
            services.attempt_save(
                attempt=attempt,
                answers={second.pk: [str(second.option_order.index(1))]},
                now=too_late,
            )
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.GRADED and attempt.auto_submitted
        assert attempt.score == 1  # the saved answer counted, the late one did not
        assert Response.objects.get(attempt_question=second).answer is None

    def test_the_overdue_sweep_submits_abandoned_attempts(self, enrolled, course_tree):
        quiz, _ = make_assessment(course_tree.modules[0], time_limit_minutes=10)
        now = timezone.now()
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz, now=now)
        assert services.submit_overdue_attempts(now=now + timedelta(minutes=5)) == 0
        assert services.submit_overdue_attempts(now=now + timedelta(minutes=11)) == 1
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.GRADED and attempt.auto_submitted


class TestSubmit:
    def test_submit_grades_and_passes(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        services.attempt_save(attempt=attempt, answers=correct_answers(attempt))
        attempt = services.attempt_submit(attempt=attempt)
        assert attempt.state == AttemptState.GRADED
        assert (attempt.score, attempt.max_score, attempt.percent) == (5, 5, 100)
        assert attempt.passed is True

    def test_a_low_score_fails(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        services.attempt_save(attempt=attempt, answers=wrong_answers(attempt))
        attempt = services.attempt_submit(attempt=attempt)
        assert attempt.percent == 0 and attempt.passed is False

    def test_submitting_twice_grades_once(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        first = services.attempt_submit(attempt=attempt, now=timezone.now())
        second = services.attempt_submit(attempt=attempt, now=timezone.now() + timedelta(hours=1))
        assert second.submitted_at == first.submitted_at

    def test_an_essay_waits_in_the_grading_queue(self, enrolled, course_tree):
        quiz, _ = make_assessment(course_tree.modules[0], types=["single", "essay"])
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        attempt = services.attempt_submit(attempt=attempt)
        assert attempt.state == AttemptState.NEEDS_GRADING
        assert attempt.passed is None and attempt.percent is None

    def test_editing_a_question_later_never_changes_a_finished_attempt(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        services.attempt_save(attempt=attempt, answers=correct_answers(attempt))
        services.attempt_submit(attempt=attempt)
        aq = AttemptQuestion.objects.filter(attempt=attempt).select_related("question").first()
        question = aq.question
        question.text = "Rewritten later"
        question.data = {
            "options": [{"text": "x", "correct": True}, {"text": "y", "correct": False}]
        }
        services.question_publish(question=question)
        aq.refresh_from_db()
        assert aq.revision.content["text"] != "Rewritten later"
        attempt.refresh_from_db()
        assert attempt.score == 5


class TestRegrade:
    @pytest.fixture
    def graded(self, enrolled, quiz):
        attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        services.attempt_save(attempt=attempt, answers=wrong_answers(attempt))
        return services.attempt_submit(attempt=attempt)

    def fix_key(self, attempt):
        """The author realises option 0 was right all along, and publishes a fix."""
        aq = AttemptQuestion.objects.filter(attempt=attempt).order_by("position").first()
        question = aq.question
        question.data = {
            "options": [dict(o, correct=(i == 0)) for i, o in enumerate(question.data["options"])]
        }
        services.question_publish(question=question)

    def test_dry_run_lists_score_changes_and_changes_nothing(self, graded):
        admin = UserFactory(is_superuser=True)
        self.fix_key(graded)
        regrade = services.assessment_regrade(
            assessment=graded.assessment, performed_by=admin, dry_run=True
        )
        assert regrade.changes[0]["score"] == ["0.00", "1.00"]
        graded.refresh_from_db()
        assert graded.score == 0

    def test_regrade_applies_and_audits_who_and_what(self, graded):
        admin = UserFactory(is_superuser=True)
        self.fix_key(graded)
        regrade = services.assessment_regrade(
            assessment=graded.assessment, performed_by=admin, dry_run=False
        )
        graded.refresh_from_db()
        assert graded.score == 1 and graded.percent == Decimal("20.00")
        assert regrade.performed_by == admin and not regrade.dry_run
        assert regrade.changes == [
            {
                "attempt": graded.pk,
                "trainee": str(graded.trainee),
                "number": 1,
                "score": ["0.00", "1.00"],
                "percent": ["0.00", "20.00"],
                "passed": [False, False],
            }
        ]
