"""A program's checklist names the course and the exam it asks for in the reader's language
("Examen final" on Spanish pages), while the requirement itself stays the English page's, where
progress and attempts are kept."""

import pytest
from django.utils import translation

from certificates.models import AssessmentRequirement, CourseRequirement
from certificates.selectors import rules_for
from tests.assessments.test_spanish_assessment_pages import Course
from tests.factories.certificates import ProgramVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(home, course_index):
    course = Course(home, course_index)
    version = ProgramVersionFactory()
    CourseRequirement.objects.create(version=version, course=course.tree.english.course)
    AssessmentRequirement.objects.create(version=version, assessment=course.final)
    return version, course


def test_a_spanish_reader_sees_the_required_course_and_exam_by_their_spanish_titles(version):
    version, course = version
    english_course = course.tree.english.course

    with translation.override("es"):
        rules = rules_for(version)

    assert rules.required_assessments == [(course.final.pk, "Examen final")]
    assert rules.required_courses == [(english_course.pk, course.tree.course.title)]
    assert course.tree.course.title != english_course.title


def test_an_english_reader_sees_the_english_titles(version):
    version, course = version

    with translation.override("en"):
        rules = rules_for(version)

    assert rules.required_assessments == [(course.final.pk, "Final exam")]
    assert rules.required_courses == [
        (course.tree.english.course.pk, course.tree.english.course.title)
    ]
