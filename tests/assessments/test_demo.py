"""The demo bank, quizzes and attempt history seed_demo adds."""

import pytest

from assessments.demo import seed_assessments
from assessments.models import AssessmentPage, Attempt, AttemptState, Question
from assessments.selectors import grading_queue
from courses.selectors import course_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    """The whole demo, as seed_demo builds it (tests/demo_snapshot.py)."""
    return seeded_demo.course(), seeded_demo.users()


def test_the_bank_holds_every_demo_question_published(demo):
    # No ordering item: the old one keyed a sequence (overdose steps) that current guidance
    # does not fix; every other type the engine grades is in the practice pools.
    assert Question.objects.filter(live=True).count() >= 300
    assert set(Question.objects.values_list("type", flat=True)) == {
        "single",
        "multiple",
        "true_false",
        "short",
        "matching",
        "essay",
    }


def test_a_quiz_per_module_and_a_final_exam(demo):
    course, _users = demo
    modules = list(course.live_modules())
    for module in modules:
        assert AssessmentPage.objects.child_of(module).live().count() == 1
    final = AssessmentPage.objects.child_of(course).get()
    assert (final.pass_mark, final.max_attempts, final.time_limit_minutes) == (80, 3, 90)
    assert sum(rule.count for rule in final.pool_rules.all()) == 50


def test_demo_trainee_has_a_failed_and_a_passed_quiz_and_module_two_is_open(demo):
    course, users = demo
    trainee = users["trainee@example.org"]
    passed = list(Attempt.objects.filter(trainee=trainee).values_list("passed", flat=True))
    assert sorted(passed) == [False, True]
    state = course_state(course=course, user=trainee)
    assert state.progress.module(state.modules[0].pk).complete
    assert not state.progress.module(state.modules[1].pk).locked


def test_certified_trainee_passed_every_quiz_and_the_final_exam(demo):
    course, users = demo
    certified = users["certified@example.org"]
    state = course_state(course=course, user=certified)
    assert state.progress.complete
    final = AssessmentPage.objects.child_of(course).get()
    attempt = Attempt.objects.get(trainee=certified, assessment=final)
    assert attempt.passed and attempt.percent >= 80
    assert attempt.questions.count() == 50
    # Drawn by the blueprint from the final pools only: 12/12/16/10 by IC&RC domain.
    domains = list(attempt.questions.values_list("question__domain__name", flat=True))
    assert sorted(domains.count(d) for d in set(domains)) == [10, 12, 12, 16]
    assert not attempt.questions.exclude(question__category__name__startswith="Final exam pool")


def test_the_final_exam_pools_are_disjoint_from_every_module_quiz(demo):
    course, _users = demo
    final = AssessmentPage.objects.child_of(course).get()
    final_categories = set(final.pool_rules.values_list("category", flat=True))
    for module in course.live_modules():
        quiz = AssessmentPage.objects.child_of(module).get()
        assert not final_categories & set(quiz.pool_rules.values_list("category", flat=True))
    # Exam reviews: the score and the domain profile, never an item or its feedback.
    policy = final.review_policy()
    assert all(items <= {"score"} for items in policy.values())
    assert not final.review_questions and final.show_domain_profile


def test_one_essay_waits_in_the_instructors_queue(demo):
    _course, users = demo
    queue = list(grading_queue(user=users["instructor@example.org"]))
    assert len(queue) == 1 and queue[0].state == AttemptState.NEEDS_GRADING


def test_seeding_again_changes_nothing(demo):
    course, users = demo
    before = (Question.objects.count(), Attempt.objects.count(), AssessmentPage.objects.count())
    seed_assessments(course=course, users=users)
    assert (
        Question.objects.count(),
        Attempt.objects.count(),
        AssessmentPage.objects.count(),
    ) == before


def test_the_demo_bank_belongs_to_the_demo_course_and_its_instructor_sees_it(demo):
    from assessments.models import QuestionCategory
    from assessments.selectors import questions_for_author

    course, users = demo
    categories = QuestionCategory.objects.filter(questions__isnull=False).distinct()
    assert categories.count() >= 6
    assert {category.course_id for category in categories} == {course.pk}
    instructor = users["instructor@example.org"]
    assert questions_for_author(user=instructor).count() == Question.objects.count()
