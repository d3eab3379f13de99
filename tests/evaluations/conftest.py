import pytest

from courses.permissions import ensure_role_groups
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory
from tests.factories.evaluations import make_evaluator, make_instrument


@pytest.fixture
def course(course_index):
    """Two modules of two lessons each; module 1 is what the instrument asks for."""
    ensure_role_groups(course_index=course_index)
    return build_course(course_index, modules=2, lessons=2, title="Foundations")


@pytest.fixture
def instrument(course):
    return make_instrument(
        course=course.course, prerequisites=[course.modules[0]], skill="OARS in a first talk"
    )


@pytest.fixture
def evaluator(course):
    return make_evaluator(course=course.course, email="rater@example.org", last_name="Rater")


@pytest.fixture
def second_evaluator(course):
    return make_evaluator(course=course.course, email="second@example.org", last_name="Second")


@pytest.fixture
def enrolled(course, trainee):
    EnrollmentFactory(trainee=trainee, course=course.course)
    return trainee


@pytest.fixture
def eligible(enrolled, course):
    """The trainee with module 1 complete (its lessons done; it has no quiz)."""
    for lesson in course.lessons[0]:
        LessonCompletionFactory(trainee=enrolled, lesson=lesson)
    return enrolled
