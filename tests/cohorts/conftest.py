import pytest
from django.utils import timezone

from courses.permissions import ensure_role_groups
from tests.conftest import build_course
from tests.factories.cohorts import make_cohort, make_instructor


@pytest.fixture
def course(course_index):
    ensure_role_groups(course_index=course_index)
    return build_course(course_index, modules=2, lessons=1, title="Foundations")


@pytest.fixture
def instructor(course):
    return make_instructor(course=course.course, email="teach@example.org", last_name="Teacher")


def midday_zone() -> str:
    """A fixed-offset zone where it is about noon now, so sessions a few hours either side of
    now start and end on one local day whenever the tests run."""
    offset = 12 - timezone.now().hour
    offset = (offset + 12) % 24 - 12
    if offset == 0:
        return "Etc/GMT"
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"  # POSIX signs are inverted


@pytest.fixture
def cohort(course, instructor):
    return make_cohort(course=course.course, instructors=[instructor], time_zone=midday_zone())
