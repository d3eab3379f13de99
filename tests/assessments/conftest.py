import pytest

from tests.factories import (
    AssessmentPageFactory,
    EnrollmentFactory,
    PoolRuleFactory,
    QuestionCategoryFactory,
    QuestionFactory,
)

ALL_TYPES = ["single", "true_false", "multiple", "short", "ordering", "matching", "essay"]


def make_assessment(parent, *, types=("single",), count=None, category=None, **kwargs):
    """An assessment drawing every question of a fresh category (one question per type given)."""
    category = category or QuestionCategoryFactory()
    questions = [QuestionFactory(category=category, type=qtype) for qtype in types]
    assessment = AssessmentPageFactory(parent=parent, **kwargs)
    PoolRuleFactory(
        assessment=assessment,
        category=category,
        count=count if count is not None else len(questions),
    )
    return assessment, questions


@pytest.fixture
def enrolled(trainee, course_tree):
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    return trainee


@pytest.fixture
def quiz(course_tree):
    """A five-question single-choice quiz in module 1 (option 1 is correct in each)."""
    assessment, _questions = make_assessment(course_tree.modules[0], types=["single"] * 5)
    return assessment


def make_instructor(course):
    """A user in the course's instructor group (and the Instructors role with admin access)."""
    from courses.permissions import ensure_role_groups
    from courses.services import course_add_instructor
    from tests.factories import UserFactory

    ensure_role_groups()
    user = UserFactory()
    course_add_instructor(course=course, user=user)
    return user
