"""A program's checklist names the course and the exam it asks for in the reader's language
("Examen final" on Spanish pages), while the requirement itself stays the English page's, where
progress and attempts are kept."""

import pytest
from django.utils import translation

from certificates.models import AssessmentRequirement, CourseRequirement
from certificates.selectors import rules_for
from tests.assessments.test_spanish_assessment_pages import Course
from tests.factories import CourseIndexPageFactory
from tests.factories.certificates import ProgramVersionFactory
from tests.module_data import home_page, module_data

pytestmark = pytest.mark.django_db


def build_version():
    home = home_page()
    course = Course(home, CourseIndexPageFactory(parent=home))
    version = ProgramVersionFactory()
    CourseRequirement.objects.create(version=version, course=course.tree.english.course)
    AssessmentRequirement.objects.create(version=version, assessment=course.final)
    return version, course


# Built once for the module and copied back into each test's transaction.
version_rows, version = module_data(build_version)


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


def test_the_checklist_reads_in_spanish_with_the_domains_spanish_names(version):
    from decimal import Decimal

    from certificates.models import DomainRequirement
    from certificates.requirements import Facts, evaluate
    from tests.factories import TrainingDomainFactory

    version, course = version
    version.min_total_hours = Decimal("46")
    version.practice_hours = Decimal("500")
    version.training_window_months = 60
    version.min_synchronous_percent = 50
    version.save()
    domain = TrainingDomainFactory(name="Advocacy", name_es="Defensa de derechos")
    DomainRequirement.objects.create(version=version, domain=domain, min_hours=Decimal("10"))

    with translation.override("es"):
        labels = [item.label for item in evaluate(rules_for(version), Facts()).items]
    with translation.override("en"):
        english = [item.label for item in evaluate(rules_for(version), Facts()).items]

    assert "Aprobar «Examen final»" in labels
    assert "Horas de formación en total (completadas en los últimos 60 meses)" in labels
    assert "Horas de formación: Defensa de derechos (completadas en los últimos 60 meses)" in labels
    assert "Horas de práctica supervisada (aprobadas)" in labels
    assert any(
        label.startswith("Formación en vivo") and "al menos el 50 %" in label for label in labels
    )
    # English readers see what they always saw.
    assert "Training hours: Advocacy (completed in the last 60 months)" in english
    assert "Pass “Final exam”" in english
