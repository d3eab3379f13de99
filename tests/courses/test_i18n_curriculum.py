"""The curriculum in Spanish: a translated tree under /es/, one progress whatever the language.

Progress is kept on the English (source) pages (courses/translation.py), so what a trainee does
in one language shows in the other: completions, the module a quiz opens, the lesson to resume.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from assessments.models import Attempt, AttemptState
from courses.models import Enrollment, LessonCompletion, LessonPage
from courses.selectors import course_state
from tests.assessments.conftest import make_assessment
from tests.courses.spanish_tree import english_and_spanish
from tests.factories import CourseIndexPageFactory, EnrollmentFactory
from tests.module_data import home_page, module_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogues")]


def build_tree():
    home = home_page()
    index = CourseIndexPageFactory(parent=home)
    return english_and_spanish(home, index, modules=2, lessons=2, sequential=True)


# Built once for the module and copied back into each test's transaction.
tree_rows, tree = module_data(build_tree)


def url(page, language: str) -> str:
    with translation.override(language):
        return page.url


def main(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1]


def test_the_spanish_tree_is_a_translation_of_the_english_one(tree):
    spanish = Locale.objects.get(language_code="es")
    for english, translated in [
        (tree.english.course, tree.course),
        *zip(tree.english.modules, tree.modules, strict=True),
        *zip(tree.english.all_lessons, tree.all_lessons, strict=True),
    ]:
        assert translated.locale == spanish
        assert translated.translation_key == english.translation_key
        assert translated.live
    assert url(tree.all_lessons[0], "es") == (
        "/es/cursos/curso-de-apoyo-entre-pares/modulo-1/escucha-activa/"
    )
    # English stays where it was.
    assert url(tree.english.all_lessons[0], "en").startswith("/courses/")


def test_a_spanish_lesson_is_in_spanish(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    response = trainee_client.get(url(tree.all_lessons[0], "es"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert "<h1>Escucha activa</h1>" in page
    assert "Escuchar de forma activa" in page
    assert "Marcar como completada" in page
    # The breadcrumbs and the module's lessons are the Spanish pages.
    assert 'href="/es/cursos/curso-de-apoyo-entre-pares/"' in page
    assert "Preguntas abiertas" in page


def test_the_switcher_on_a_lesson_keeps_the_same_lesson(client, tree):
    spanish, english = url(tree.all_lessons[1], "es"), url(tree.english.all_lessons[1], "en")
    to_english = client.post("/i18n/setlang/", {"language": "en", "next": spanish})
    assert to_english["Location"] == english
    to_spanish = client.post("/i18n/setlang/", {"language": "es", "next": english})
    assert to_spanish["Location"] == spanish


def test_hreflang_alternates_point_at_the_translation(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    page = trainee_client.get(url(tree.english.all_lessons[0], "en")).content.decode()
    spanish = url(tree.all_lessons[0], "es")
    assert f'<link rel="alternate" hreflang="es" href="http://testserver{spanish}">' in page
    spanish_page = trainee_client.get(spanish).content.decode()
    english = url(tree.english.all_lessons[0], "en")
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english}">' in (
        spanish_page
    )


def test_completing_a_lesson_in_spanish_completes_it_in_english(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    spanish_lesson, english_lesson = tree.all_lessons[0], tree.english.all_lessons[0]
    with translation.override("es"):
        trainee_client.post(reverse("courses:lesson_complete", args=[spanish_lesson.pk]))
    # Recorded once, on the English lesson.
    assert list(LessonCompletion.objects.values_list("lesson_id", flat=True)) == [english_lesson.pk]
    english = trainee_client.get(url(english_lesson, "en")).content.decode()
    assert "You have completed this lesson." in english
    spanish = trainee_client.get(url(spanish_lesson, "es")).content.decode()
    assert "Completó esta lección." in spanish


def test_completing_in_english_shows_complete_in_spanish_and_progress_matches(
    trainee_client, trainee, tree
):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    trainee_client.post(reverse("courses:lesson_complete", args=[tree.english.all_lessons[0].pk]))
    english = course_state(course=tree.english.course, user=trainee)
    spanish = course_state(course=tree.course, user=trainee)
    assert spanish.completed_ids == {tree.all_lessons[0].pk}
    assert (spanish.progress.done, spanish.progress.total, spanish.progress.percent) == (
        english.progress.done,
        english.progress.total,
        english.progress.percent,
    )
    assert sum(m.contact_hours for m in spanish.modules) == sum(
        m.contact_hours for m in english.modules
    )
    outline = main(trainee_client.get(url(tree.course, "es")))
    assert re.search(r'class="outline-lesson status-done"><a href="[^"]+">Escucha activa', outline)


def test_marking_not_complete_in_spanish_undoes_the_english_completion(
    trainee_client, trainee, tree
):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    LessonCompletion.objects.create(trainee=trainee, lesson=tree.english.all_lessons[0])
    trainee_client.post(reverse("courses:lesson_incomplete", args=[tree.all_lessons[0].pk]))
    assert not LessonCompletion.objects.exists()


def test_enrolling_from_the_spanish_course_enrols_in_the_course(trainee_client, trainee, tree):
    with translation.override("es"):
        response = trainee_client.post(reverse("courses:enrol", args=[tree.course.pk]))
    assert response["Location"] == url(tree.all_lessons[0], "es")
    assert list(Enrollment.objects.values_list("course_id", flat=True)) == [tree.english.course.pk]


def test_a_module_locked_in_english_is_locked_in_spanish_until_its_quiz_is_passed(
    trainee_client, trainee, tree
):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    quiz, _questions = make_assessment(tree.english.modules[0], types=["single"], pass_mark=70)
    for lesson in tree.all_lessons[:2]:  # module 1 read in Spanish
        trainee_client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    locked_es, locked_en = tree.lessons[1][0], tree.english.lessons[1][0]
    assert trainee_client.get(url(locked_es, "es")).status_code == 403
    assert trainee_client.get(url(locked_en, "en")).status_code == 403

    # The Spanish module links to the same quiz, in the Spanish interface.
    module = main(trainee_client.get(url(tree.modules[0], "es")))
    assert f'href="/es{url(quiz, "en")}"' in module

    Attempt.objects.create(
        trainee=trainee,
        assessment=quiz,
        number=1,
        state=AttemptState.GRADED,
        percent=Decimal("90"),
        passed=True,
        score=Decimal("9"),
        max_score=Decimal("10"),
    )
    assert trainee_client.get(url(locked_es, "es")).status_code == 200
    assert trainee_client.get(url(locked_en, "en")).status_code == 200


def test_the_spanish_dashboard_continues_on_the_spanish_lesson(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    trainee_client.get(url(tree.english.all_lessons[1], "en"))  # last opened in English
    dashboard = main(trainee_client.get("/es/dashboard/"))
    assert f'href="{url(tree.course, "es")}"' in dashboard
    assert "Curso de apoyo entre pares" in dashboard
    assert f'href="{url(tree.all_lessons[1], "es")}"' in dashboard
    # And the other way round: the lesson last opened in Spanish, resumed in English.
    trainee_client.get(url(tree.all_lessons[0], "es"))
    english = main(trainee_client.get("/dashboard/"))
    assert f'href="{url(tree.english.all_lessons[0], "en")}"' in english


def test_a_module_not_translated_yet_is_read_in_english_inside_the_spanish_course(
    home, course_index, trainee_client, trainee
):
    tree = english_and_spanish(
        home, course_index, modules=2, lessons=2, sequential=False, translated_modules=1
    )
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    untranslated = tree.english.lessons[1][0]
    course = main(trainee_client.get(url(tree.course, "es")))
    # Listed in its place, under the Spanish prefix.
    assert f'href="/es{url(untranslated, "en")}"' in course
    response = trainee_client.get("/es" + url(untranslated, "en"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert '<article lang="en">' in page  # its text is English: screen readers are told
    assert f'href="{url(tree.course, "es")}"' in page  # inside the Spanish course
    # Completing it counts once, as any lesson.
    trainee_client.post(reverse("courses:lesson_complete", args=[untranslated.pk]))
    assert course_state(course=tree.course, user=trainee).progress.done == 1


def test_an_old_spanish_link_to_an_english_path_lands_on_the_translation(client, tree):
    old = "/es" + url(tree.english.course, "en")
    response = client.get(old)
    assert response.status_code == 302
    assert response["Location"] == url(tree.course, "es")


def test_the_spanish_home_lists_the_spanish_course(client, tree):
    home = main(client.get("/es/"))
    assert "Curso de apoyo entre pares" in home
    assert tree.english.course.title not in home
    assert tree.english.course.title in main(client.get("/"))


def test_the_english_module_says_in_its_editor_that_it_is_not_translated(
    admin_client, home, course_index
):
    tree = english_and_spanish(home, course_index, modules=2, lessons=1, translated_modules=1)
    untranslated = tree.english.modules[1]
    page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[untranslated.pk]))
    assert "Spanish: not translated yet." in page.content.decode()
    translated = admin_client.get(reverse("wagtailadmin_pages:edit", args=[tree.modules[0].pk]))
    assert "recorded on the English page" in translated.content.decode()


def test_a_lesson_completed_in_spanish_is_the_source_lessons(trainee, tree):
    """The model the other apps read (certificates, CE, outcomes) only ever sees the English."""
    from courses.services import lesson_mark_complete

    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    completion = lesson_mark_complete(trainee=trainee, lesson=tree.all_lessons[0])
    assert completion.lesson_id == tree.english.all_lessons[0].pk
    assert not LessonPage.objects.filter(
        pk__in=LessonCompletion.objects.values("lesson_id"), locale__language_code="es"
    ).exists()


def test_mark_complete_and_continue_leads_to_the_same_quiz_in_spanish(
    trainee_client, trainee, tree
):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    quiz, _questions = make_assessment(tree.english.modules[0], types=["single"])
    first, last = tree.lessons[0]
    trainee_client.post(reverse("courses:lesson_complete", args=[first.pk]))
    with translation.override("es"):
        response = trainee_client.post(
            reverse("courses:lesson_complete", args=[last.pk]), {"then": "next"}
        )
    assert response["Location"] == "/es" + url(quiz, "en")
    # The quiz is served there, in the Spanish interface.
    page = trainee_client.get(response["Location"])
    assert page.status_code == 200
    assert '<html lang="es">' in page.content.decode()


def test_the_courses_instructors_may_edit_its_spanish_translation_not_publish_it(tree):
    from courses.permissions import courses_taught_by
    from courses.services import course_add_instructor
    from tests.factories import UserFactory

    instructor = UserFactory(email="teacher@example.org")
    course_add_instructor(course=tree.english.course, user=instructor)
    assert {course.pk for course in courses_taught_by(instructor)} == {
        tree.english.course.pk,
        tree.course.pk,
    }
    rights = tree.lessons[0][0].permissions_for_user(instructor)
    assert rights.can_edit()
    assert not rights.can_publish()
