"""Quizzes and the final exam translated with Wagtail's tools (copy_for_translation, the same
translation_key, published under the Spanish module or course): the Spanish course and module
pages link to the Spanish quiz, and a trainee has one attempt history whichever language's page
they take it from — attempts, best result, cooldown, the next module opening and the final
exam's eligibility are the English page's. The admin lists each assessment once."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from assessments import selectors, services
from assessments.models import AssessmentPage, Attempt, AttemptQuestion, Question
from courses.demo import translate_page
from courses.models import LessonCompletion, ModuleDomainHours
from courses.selectors import course_state
from tests.assessments.conftest import make_assessment
from tests.courses.spanish_tree import english_and_spanish
from tests.factories import (
    CourseIndexPageFactory,
    EnrollmentFactory,
    TrainingDomainFactory,
    UserFactory,
)
from tests.i18n_support import compile_catalogues
from tests.module_data import home_page, module_data

pytestmark = pytest.mark.django_db


class Course:
    """Two modules of one lesson, a two-question quiz in each (three attempts, a cooldown of
    ten minutes) and a final exam, all translated into Spanish."""

    def __init__(self, home, course_index):
        self.tree = english_and_spanish(home, course_index, modules=2, lessons=1, sequential=True)
        english = self.tree.english
        spanish = Locale.objects.get(language_code="es")
        self.quizzes, self.quizzes_es = [], []
        for number, module in enumerate(english.modules, start=1):
            quiz, _ = make_assessment(
                module,
                types=["single", "single"],
                title=f"Module {number} quiz",
                slug=f"module-{number}-quiz",
                cooldown_minutes=10,
            )
            self.quizzes.append(quiz)
            self.quizzes_es.append(
                translate_page(
                    quiz,
                    spanish,
                    title=f"Cuestionario del módulo {number}",
                    slug=f"cuestionario-del-modulo-{number}",
                    introduction="<p>Dos preguntas de práctica sobre este módulo.</p>",
                )[0]
            )
        self.final, _ = make_assessment(
            english.course, types=["single"], title="Final exam", slug="final-exam"
        )
        self.final_es = translate_page(
            self.final,
            spanish,
            title="Examen final",
            slug="examen-final",
            introduction="<p>El examen del curso.</p>",
        )[0]

    def url(self, page, language="es"):
        with translation.override(language):
            return page.url


def build_course():
    home = home_page()
    return Course(home, CourseIndexPageFactory(parent=home))


# Built once for the module (about half a second a test to put back, not seven to build).
course_rows, course = module_data(build_course)


@pytest.fixture
def learner(course):
    user = UserFactory(email="lucia@example.org")
    EnrollmentFactory(trainee=user, course=course.tree.english.course)
    for lesson in course.tree.english.all_lessons:
        LessonCompletion.objects.create(trainee=user, lesson=lesson)
    return user


@pytest.fixture
def es():
    compile_catalogues()
    yield
    translation.activate("en")


def take(client, page, *, language: str, right: bool) -> Attempt:
    """Start from ``page``'s own address in ``language``, answer every question and submit,
    as the trainee's browser would."""
    with translation.override(language):
        start_url = reverse("assessments:start", args=[page.pk])
    response = client.post(start_url)
    assert response.status_code == 302, response
    attempt = Attempt.objects.filter(trainee__email="lucia@example.org").latest("pk")
    answers = {}
    for aq in AttemptQuestion.objects.filter(attempt=attempt):
        answers[f"q-{aq.pk}"] = str(aq.option_order.index(1 if right else 0))
    with translation.override(language):
        submit_url = reverse("assessments:submit", args=[attempt.pk])
    client.post(submit_url, {**answers, "confirm": "yes"})
    attempt.refresh_from_db()
    assert attempt.finished
    return attempt


class TestTranslatedPages:
    def test_the_translation_is_wagtails_copy_of_the_quiz_with_its_rules(self, course):
        quiz, quiz_es = course.quizzes[0], course.quizzes_es[0]
        assert quiz_es.translation_key == quiz.translation_key and quiz_es.live
        assert quiz_es.locale.language_code == "es"
        assert quiz_es.get_parent().pk == course.tree.modules[0].pk
        assert course.url(quiz_es).startswith("/es/")
        assert (quiz_es.pass_mark, quiz_es.max_attempts) == (quiz.pass_mark, quiz.max_attempts)

    def test_the_spanish_course_and_module_pages_link_to_the_spanish_quiz(
        self, client, course, learner, es
    ):
        client.force_login(learner)
        for page in (course.tree.course, course.tree.modules[0]):
            html = client.get(course.url(page)).content.decode()
            assert f'href="{course.url(course.quizzes_es[0])}"' in html
            assert "Cuestionario del módulo 1" in html
            assert "Module 1 quiz" not in html
        english = client.get(course.url(course.tree.english.modules[0], "en")).content.decode()
        assert f'href="{course.url(course.quizzes[0], "en")}"' in english
        assert "Cuestionario del módulo 1" not in english

    def test_the_spanish_quiz_page_reads_in_spanish_with_the_english_rules(
        self, client, course, learner, es
    ):
        # The English rules change after the translation was made: the Spanish page states
        # (and applies) the English page's.
        AssessmentPage.objects.filter(pk=course.quizzes[0].pk).update(pass_mark=80)
        client.force_login(learner)
        response = client.get(course.url(course.quizzes_es[0]))
        html = response.content.decode()
        assert response.status_code == 200 and '<html lang="es">' in html
        assert "<h1>Cuestionario del módulo 1</h1>" in html
        assert "Dos preguntas de práctica" in html
        assert "80 %" in html

    def test_an_english_quiz_address_under_es_leads_to_the_spanish_quiz(
        self, client, course, learner
    ):
        client.force_login(learner)
        response = client.get("/es" + course.url(course.quizzes[0], "en"))
        assert response.status_code == 302
        assert response.url == course.url(course.quizzes_es[0])


class TestOneHistory:
    def test_a_quiz_passed_from_the_spanish_page_opens_the_next_module_in_english(
        self, client, course, learner
    ):
        client.force_login(learner)
        english = course.tree.english
        assert course_state(course=english.course, user=learner).progress.modules[1].locked
        attempt = take(client, course.quizzes_es[0], language="es", right=True)
        assert attempt.assessment_id == course.quizzes[0].pk and attempt.language == "es"
        state = course_state(course=english.course, user=learner)
        assert not state.progress.modules[1].locked
        # The English module 2 page opens; its quiz is there to take.
        response = client.get(course.url(english.modules[1], "en"))
        assert response.status_code == 200

    def test_a_quiz_passed_from_the_english_page_opens_the_next_module_in_spanish(
        self, client, course, learner
    ):
        client.force_login(learner)
        assert client.get(course.url(course.quizzes_es[1])).status_code == 403  # locked
        take(client, course.quizzes[0], language="en", right=True)
        state = course_state(course=course.tree.course, user=learner, language="es")
        assert not state.progress.modules[1].locked
        assert client.get(course.url(course.quizzes_es[1])).status_code == 200

    def test_attempts_count_once_across_both_languages(self, client, course, learner):
        client.force_login(learner)
        take(client, course.quizzes[0], language="en", right=False)
        Attempt.objects.update(submitted_at=Attempt.objects.get().submitted_at.replace(year=2020))
        take(client, course.quizzes_es[0], language="es", right=False)
        attempts = Attempt.objects.filter(trainee=learner).order_by("number")
        assert [(a.assessment_id, a.number) for a in attempts] == [
            (course.quizzes[0].pk, 1),
            (course.quizzes[0].pk, 2),
        ]
        standing = selectors.trainee_standing(assessment=course.quizzes[0], trainee=learner)
        assert standing.remaining == 1
        for page in (course.quizzes[0], course.quizzes_es[0]):
            language = "es" if page.locale.language_code == "es" else "en"
            html = client.get(course.url(page, language)).content.decode()
            assert 'id="attempt-' in html and html.count('<tr id="attempt-') == 2

    def test_the_cooldown_holds_on_the_other_languages_page(self, client, course, learner):
        client.force_login(learner)
        take(client, course.quizzes_es[0], language="es", right=False)
        with translation.override("en"):
            response = client.post(reverse("assessments:start", args=[course.quizzes[0].pk]))
        # Refused, back on the page it was asked from, and no second attempt.
        assert response.status_code == 302 and response.url == course.url(course.quizzes[0], "en")
        assert Attempt.objects.filter(trainee=learner).count() == 1
        with translation.override("es"):
            response = client.post(reverse("assessments:start", args=[course.quizzes_es[0].pk]))
        assert response.url == course.url(course.quizzes_es[0])
        assert Attempt.objects.filter(trainee=learner).count() == 1

    def test_the_best_result_is_the_same_on_both_pages(self, client, course, learner, es):
        client.force_login(learner)
        take(client, course.quizzes_es[0], language="es", right=True)
        english = client.get(course.url(course.quizzes[0], "en")).content.decode()
        spanish = client.get(course.url(course.quizzes_es[0])).content.decode()
        assert "Passed — your result is 100.00 %." in english
        # US Spanish writes a decimal point (cms/formats/es).
        assert "Aprobado: su resultado es 100.00 %." in spanish
        assert 'id="overall-result" class="status-banner status-valid"' in spanish

    def test_the_final_exams_eligibility_is_the_same_in_both_languages(
        self, client, course, learner
    ):
        client.force_login(learner)
        for page, language in ((course.final, "en"), (course.final_es, "es")):
            assert client.get(course.url(page, language)).status_code == 403
        take(client, course.quizzes_es[0], language="es", right=True)
        take(client, course.quizzes[1], language="en", right=True)
        for page, language in ((course.final, "en"), (course.final_es, "es")):
            assert client.get(course.url(page, language)).status_code == 200
        attempt = take(client, course.final_es, language="es", right=True)
        assert attempt.assessment_id == course.final.pk and attempt.passed
        assert selectors.assessments_passed(user=learner, assessment_ids=[course.final.pk]) == {
            course.final.pk
        }

    def test_the_next_modules_quiz_stays_locked_from_either_page(self, client, course, learner):
        client.force_login(learner)
        for page, language in ((course.quizzes[1], "en"), (course.quizzes_es[1], "es")):
            with translation.override(language):
                client.post(reverse("assessments:start", args=[page.pk]))
        assert not Attempt.objects.exists()
        with pytest.raises(PermissionDenied):
            services.attempt_start(trainee=learner, assessment=course.quizzes[1])


class TestSpanishResultPages:
    def test_attempt_summary_and_review_name_the_spanish_quiz(self, client, course, learner, es):
        client.force_login(learner)
        with translation.override("es"):
            client.post(reverse("assessments:start", args=[course.quizzes_es[0].pk]))
            attempt = Attempt.objects.get()
            pages = {
                name: client.get(reverse(f"assessments:{name}", args=[attempt.pk]))
                for name in ("attempt", "summary")
            }
        for name, response in pages.items():
            html = response.content.decode()
            assert "Cuestionario del módulo 1" in html, name
            assert "Module 1 quiz" not in html, name
            # The switcher leads to the same attempt in English, not to the quiz page.
            english_twin = reverse("assessments:" + name, args=[attempt.pk])
            assert f'hreflang="en" href="http://testserver{english_twin}"' in html, name
        take(client, course.quizzes_es[0], language="es", right=True)
        with translation.override("es"):
            review = client.get(reverse("assessments:review", args=[attempt.pk]))
            history = client.get(reverse("assessments:history"))
        html = review.content.decode()
        assert "Cuestionario del módulo 1: revisión del intento 1" in html
        assert f'href="{course.url(course.quizzes_es[0])}"' in html
        assert "Cuestionario del módulo 1" in history.content.decode()
        # The dashboard's "My assessments" table names it in Spanish too.
        dashboard = client.get("/es/dashboard/").content.decode()
        row = dashboard[dashboard.index(f'<tr id="attempt-{attempt.pk}">') :]
        row = row[: row.index("</tr>")]
        assert "Cuestionario del módulo 1" in row and "Module 1 quiz" not in row
        with translation.override("en"):
            english = client.get(reverse("assessments:review", args=[attempt.pk]))
        assert "Module 1 quiz — review of attempt 1" in english.content.decode()

    def test_an_exam_result_suggests_the_spanish_module_to_revisit(
        self, client, course, learner, es
    ):
        domain = TrainingDomainFactory(name="Advocacy")
        english_module = course.tree.english.modules[0]
        ModuleDomainHours.objects.create(module=english_module, domain=domain, hours=2)
        Question.objects.filter(
            pk__in=course.final.pool_rules.values("category__questions")
        ).update(domain=domain)
        AssessmentPage.objects.filter(pk=course.final.pk).update(show_domain_profile=True)
        client.force_login(learner)
        take(client, course.quizzes[0], language="en", right=True)
        take(client, course.quizzes[1], language="en", right=True)
        attempt = take(client, course.final_es, language="es", right=False)
        with translation.override("es"):
            html = client.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
        assert "Examen final: revisión del intento 1" in html
        module_es = course.tree.modules[0]
        assert f'<a href="{course.url(module_es)}">{module_es.title}</a>' in html
        with translation.override("en"):
            html = client.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
        url = course.url(english_module, "en")
        assert f'<a href="{url}">{english_module.title}</a>' in html


class TestAdminListsEachAssessmentOnce:
    def test_the_assessments_an_admin_manages_are_the_english_pages(self, course):
        admin = UserFactory(is_superuser=True, is_staff=True)
        listed = list(selectors.assessments_for_instructor(user=admin))
        assert listed == [*course.quizzes, course.final]

    def test_the_admin_assessments_index_names_each_once(self, client, course):
        admin = UserFactory(is_superuser=True, is_staff=True)
        client.force_login(admin)
        html = client.get(reverse("assessments_admin:index")).content.decode()
        assert html.count("Module 1 quiz") == 1 and "Cuestionario del módulo 1" not in html
        assert html.count("Final exam") == 1 and "Examen final" not in html


class TestQueries:
    def test_the_spanish_quiz_page_costs_what_the_english_one_does(self, client, course, learner):
        client.force_login(learner)
        take(client, course.quizzes[0], language="en", right=False)
        counts = {}
        for page, language in ((course.quizzes[0], "en"), (course.quizzes_es[0], "es")):
            url = course.url(page, language)
            assert client.get(url).status_code == 200  # warm: the first request fills the cache
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200
            counts[language] = len(ctx.captured_queries)
        assert counts["es"] == counts["en"], counts
