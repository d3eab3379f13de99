"""The Spanish curriculum in a real browser, by clicking only: a trainee switches to Español on
the home page, signs in, opens the course from the menu, reads a lesson in Spanish (axe-core
finds nothing serious there) and marks it complete, then switches to English on the same lesson
and finds it complete there too: one progress whatever the language."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from courses.models import LessonCompletion
from tests.courses.spanish_tree import english_and_spanish
from tests.factories import EnrollmentFactory, UserFactory
from tests.journey.helpers import AxeAudit

PASSWORD = "correct-horse-battery"  # UserFactory's

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("catalogues"),
]


def test_a_lesson_completed_in_spanish_is_complete_in_english(
    page, live_server, home, course_index, screenshot
):
    tree = english_and_spanish(home, course_index, modules=1, lessons=2)
    trainee = UserFactory(email="lucia@example.org", first_name="Lucía")
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    english_lesson, spanish_lesson = tree.english.lessons[0][0], tree.lessons[0][0]
    with translation.override("es"):
        spanish_url = spanish_lesson.url
    with translation.override("en"):
        english_url = english_lesson.url

    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Español").click()
    page.wait_for_url(f"{live_server.url}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("main")).to_contain_text("Curso de apoyo entre pares")

    page.locator("header").get_by_role("link", name="Iniciar sesión").click()
    page.wait_for_url("**/es/accounts/login/**")
    page.get_by_label("Correo electrónico").fill("lucia@example.org")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url(f"{live_server.url}/es/dashboard/")

    # The menu's course list is the Spanish one (an old /es/courses/ link lands there too).
    page.locator("header").get_by_role("link", name="Cursos").click()
    page.wait_for_url(f"{live_server.url}/es/cursos/")
    page.locator("main").get_by_role("link", name="Curso de apoyo entre pares").click()
    page.wait_for_url(f"{live_server.url}/es/cursos/curso-de-apoyo-entre-pares/")
    page.locator("main .outline").get_by_role("link", name="Escucha activa").click()
    page.wait_for_url(f"{live_server.url}{spanish_url}")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Escucha activa")
    expect(page.locator("article")).to_contain_text("Escuchar de forma activa")
    audit = AxeAudit()
    audit.check(page, "Spanish lesson page")
    audit.assert_clean()
    screenshot(page, "trainee-spanish-lesson.png")

    page.get_by_role("button", name="Marcar como completada", exact=True).click()
    expect(page.locator(".complete-box")).to_contain_text("Completó esta lección.")
    assert page.url == f"{live_server.url}{spanish_url}"
    assert LessonCompletion.objects.filter(trainee=trainee, lesson=english_lesson).exists()

    # English, from the lesson: the same lesson, already complete.
    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"{live_server.url}{english_url}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(english_lesson.title)
    expect(page.locator(".complete-box")).to_contain_text("You have completed this lesson.")
    expect(page.locator("#course-progress-label")).to_be_visible()
