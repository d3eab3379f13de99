"""A module is complete when its lessons are done and its assessment is passed."""

import pytest

from assessments import services
from assessments.models import AttemptQuestion
from courses.selectors import course_state
from tests.assessments.conftest import make_assessment
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(course_index, trainee):
    tree = build_course(course_index, modules=2, lessons=2, sequential=True)
    EnrollmentFactory(trainee=trainee, course=tree.course)
    for lesson in tree.lessons[0]:
        LessonCompletionFactory(trainee=trainee, lesson=lesson)
    return tree


def take(trainee, quiz, *, right: bool):
    attempt = services.attempt_start(trainee=trainee, assessment=quiz)
    answers = {
        aq.pk: [str(aq.option_order.index(1 if right else 0))]
        for aq in AttemptQuestion.objects.filter(attempt=attempt)
    }
    services.attempt_save(attempt=attempt, answers=answers)
    return services.attempt_submit(attempt=attempt)


def module_complete(tree, trainee, index=0):
    state = course_state(course=tree.course, user=trainee)
    return state.progress.module(tree.modules[index].pk).complete


def test_lessons_alone_do_not_complete_a_module_with_an_assessment(tree, trainee):
    make_assessment(tree.modules[0])
    assert not module_complete(tree, trainee)
    assert course_state(course=tree.course, user=trainee).is_locked(tree.lessons[1][0])


def test_a_failed_attempt_never_completes_a_module(tree, trainee):
    quiz, _ = make_assessment(tree.modules[0])
    take(trainee, quiz, right=False)
    assert not module_complete(tree, trainee)


def test_passing_the_assessment_completes_the_module_and_opens_the_next(tree, trainee):
    quiz, _ = make_assessment(tree.modules[0])
    take(trainee, quiz, right=False)
    take(trainee, quiz, right=True)
    assert module_complete(tree, trainee)
    assert not course_state(course=tree.course, user=trainee).is_locked(tree.lessons[1][0])


def test_passing_without_the_lessons_does_not_complete_the_module(course_index, trainee):
    tree = build_course(course_index, modules=1, lessons=2)
    EnrollmentFactory(trainee=trainee, course=tree.course)
    quiz, _ = make_assessment(tree.modules[0])
    take(trainee, quiz, right=True)
    assert not module_complete(tree, trainee)


def test_grading_method_last_needs_the_last_attempt_passed(tree, trainee):
    quiz, _ = make_assessment(tree.modules[0], grading_method="last")
    take(trainee, quiz, right=True)
    take(trainee, quiz, right=False)
    assert not module_complete(tree, trainee)


def test_a_module_without_an_assessment_needs_only_its_lessons(tree, trainee):
    assert module_complete(tree, trainee)


def test_completion_check_takes_one_query_however_many_modules(
    course_index, trainee, django_assert_num_queries
):
    from assessments.selectors import modules_assessment_passed

    tree = build_course(course_index, modules=4, lessons=1)
    for module in tree.modules:
        make_assessment(module)
    with django_assert_num_queries(1):
        result = modules_assessment_passed(user=trainee, modules=tree.modules)
    assert result == {module.pk: False for module in tree.modules}
