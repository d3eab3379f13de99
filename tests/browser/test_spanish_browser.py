"""PeerCert in Spanish in a real browser: a visitor switches to Español on the home page, signs
in and reads a lesson in Spanish (axe-core finds nothing serious there); a Spanish browser's
first visit lands on the Spanish page; an English browser reads English."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory
from tests.journey.helpers import AxeAudit

PASSWORD = "correct-horse-battery"  # UserFactory's

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("catalogues"),
]


def test_switching_to_spanish_then_signing_in_and_reading_a_lesson(
    page, live_server, home, course_index, screenshot
):
    tree = build_course(course_index, title="Peer Recovery Foundations", modules=1, lessons=2)
    trainee = UserFactory(email="rosa@example.org", first_name="Rosa")
    EnrollmentFactory(trainee=trainee, course=tree.course)
    with translation.override("en"):
        lesson_url = tree.lessons[0][0].url

    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Español").click()
    page.wait_for_url(f"{live_server.url}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".crisis-banner")).to_contain_text(
        "Llame o envíe un mensaje de texto al 988"
    )
    expect(page.locator(".crisis-banner")).to_contain_text("oprima el 2 para español")

    page.locator("header").get_by_role("link", name="Iniciar sesión").click()
    page.wait_for_url("**/es/accounts/login/**")
    page.get_by_label("Correo electrónico").fill("rosa@example.org")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url(f"{live_server.url}/es/dashboard/")
    expect(page.locator("main")).to_contain_text("Bienvenido/a, Rosa")

    page.goto(f"{live_server.url}/es{lesson_url}")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("button", name="Marcar como completada", exact=True)).to_be_visible()
    expect(page.locator("#module-progress-label")).to_have_text("Progreso en el módulo")
    expect(page.locator(".site-footer")).to_contain_text("¿Necesita ayuda ahora?")
    audit = AxeAudit()
    audit.check(page, "Spanish lesson page")
    audit.assert_clean()
    screenshot(page, "trainee-lesson-es.png")

    # Back to English from the lesson: the same lesson, and the account remembers the choice.
    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"{live_server.url}{lesson_url}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Mark complete", exact=True)).to_be_visible()
    trainee.refresh_from_db()
    assert trainee.preferred_language == "en"


def test_a_spanish_browser_first_visit_lands_on_the_spanish_page(browser, live_server, home):
    context = browser.new_context(locale="es-US")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/verify/")
        page.wait_for_url(f"{live_server.url}/es/verify/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Verificar un certificado")
    finally:
        context.close()


def test_an_english_browser_sees_english(page, live_server, home):
    page.goto(f"{live_server.url}/verify/")
    assert page.url == f"{live_server.url}/verify/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify a certificate")
    expect(page.get_by_role("button", name="Español")).to_be_visible()
