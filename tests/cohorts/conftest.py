import pytest

from courses.permissions import ensure_role_groups
from tests.conftest import build_course
from tests.factories.cohorts import make_cohort, make_instructor, midday_zone


@pytest.fixture
def course(course_index):
    ensure_role_groups(course_index=course_index)
    return build_course(course_index, modules=2, lessons=1, title="Foundations")


@pytest.fixture
def instructor(course):
    return make_instructor(course=course.course, email="teach@example.org", last_name="Teacher")


@pytest.fixture
def cohort(course, instructor):
    return make_cohort(course=course.course, instructors=[instructor], time_zone=midday_zone())
