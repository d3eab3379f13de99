"""The demo's quizzes and final exam in Spanish: each a Wagtail translation of its English page
(copy_for_translation: the same translation_key, published under the Spanish module or course),
with a Spanish title and introduction that say what the English says, and the English rules."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from assessments import demo as assessment_demo
from assessments.models import AssessmentPage
from assessments.selectors import assessments_for_instructor
from tests.courses.spanish_tree import translate_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# It builds its own small course: no demo.
def test_a_module_not_translated_keeps_its_quiz_in_english_only(home, course_index):
    from tests.assessments.conftest import make_assessment
    from tests.conftest import build_course

    tree = build_course(course_index, modules=2, lessons=1)
    translate_course(home, course_index, tree, modules=1)  # module 2 stays English only
    quizzes = [
        make_assessment(module, title=f"Module {n} quiz")[0]
        for n, module in enumerate(tree.modules, start=1)
    ]
    final, _questions = make_assessment(tree.course, title="Final exam")
    left = assessment_demo.seed_spanish_pages(quizzes, final)
    assert left == [
        "Spanish assessments: Module 2 quiz is shown in English (its parent has no Spanish page)"
    ]
    spanish = Locale.objects.get(language_code="es")
    assert quizzes[0].get_translation(spanish).title == "Cuestionario del módulo 1"
    assert final.get_translation(spanish).title == "Examen final"
    assert quizzes[1].get_translation_or_none(spanish) is None
    # Run again: nothing more, the same report.
    assert assessment_demo.seed_spanish_pages(quizzes, final) == left
    assert AssessmentPage.objects.filter(locale=spanish).count() == 2


@pytest.fixture
def seeded(seeded_demo):
    """The demo's English and Spanish curriculum and its assessment pages, as seed_demo builds
    them (tests/demo_snapshot.py): the module quizzes in module order, then the final exam."""
    course = seeded_demo.course()
    quizzes = [AssessmentPage.objects.child_of(module).get() for module in course.live_modules()]
    return course, quizzes, AssessmentPage.objects.child_of(course).get()


def test_every_quiz_and_the_exam_has_its_spanish_page(seeded):
    course, quizzes, final = seeded
    spanish = Locale.objects.get(language_code="es")
    pages = AssessmentPage.objects.filter(locale=spanish)
    assert pages.count() == len(quizzes) + 1 == 7
    for number, quiz in enumerate(quizzes, start=1):
        quiz_es = quiz.get_translation(spanish)
        assert quiz_es.live and quiz_es.translation_key == quiz.translation_key
        assert quiz_es.title == f"Cuestionario del módulo {number}"
        # Under the Spanish translation of its module, at a Spanish address.
        assert quiz_es.get_parent().pk == quiz.get_parent().get_translation(spanish).pk
        with translation.override("es"):
            assert quiz_es.url.startswith("/es/cursos/")
            assert quiz_es.url.endswith(f"/cuestionario-del-modulo-{number}/")
        assert "70 %" in quiz_es.introduction and "mejor intento" in quiz_es.introduction
        assert (quiz_es.pass_mark, quiz_es.max_attempts, quiz_es.time_limit_minutes) == (
            quiz.pass_mark,
            quiz.max_attempts,
            quiz.time_limit_minutes,
        )
    final_es = final.get_translation(spanish)
    assert final_es.title == "Examen final" and final_es.live
    assert final_es.get_parent().pk == course.get_translation(spanish).pk
    intro = final_es.introduction
    for said in ("Cincuenta preguntas", "80 %", "tres intentos", "90 minutos", "200 a 800", "500"):
        assert said in intro, said
    assert (final_es.scale_low, final_es.scale_cut, final_es.scale_high) == (200, 500, 800)


def test_seeding_again_adds_nothing_and_the_admin_lists_each_once(seeded):
    course, quizzes, final = seeded
    assessment_demo.seed_pages(course)
    assert AssessmentPage.objects.count() == 14
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert list(assessments_for_instructor(user=admin)) == [*quizzes, final]
