"""PeerCert in Spanish from sign-up to certificate, in Chromium, and an employer checking it in
English.

A visitor whose browser asks for Spanish (es-419) lands on /es/, signs up from the home page by
clicking, confirms the address from the e-mail, enrols, reads the first lesson in Spanish and
completes it, which leads to the module's Spanish quiz ("Cuestionario del módulo 1"); they pass
it with the questions in Spanish (the right answers read from the bank, as their own knowledge
would be). The rest of the course — the second module and the final exam — is fast-forwarded
through the services, as a trainee would finish it over the weeks; the certificate is issued in
the holder's language, shown under "Mis certificados" and downloaded as a Spanish PDF. An
employer whose browser asks for English opens /verify/<code>/ and reads English. axe-core finds
no violation on any of these pages. Every wait is for an event (a navigation, a response, an
element), never a pause."""

from __future__ import annotations

import random
import re
import subprocess

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect
from wagtail.models import Locale

from accounts.models import User
from assessments.demo import take
from assessments.importexport import import_bank
from assessments.models import Attempt
from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from certificates.models import AssessmentRequirement, Certificate, CourseRequirement
from courses.demo import translate_page
from courses.models import LessonCompletion
from courses.selectors import course_state
from tests.assessments.conftest import make_assessment
from tests.assessments.test_question_language import spanish_file, spanish_row
from tests.browser.helpers import answer_correctly, attempt_questions
from tests.browser.test_trainee_by_clicking import in_a_plain_thread
from tests.courses.spanish_tree import english_and_spanish
from tests.factories.certificates import ProgramVersionFactory
from tests.journey.helpers import describe_violations, link_in_mail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("catalogues"),
]

PASSWORD = "una-contraseña-larga-2026"
EMAIL = "lucia.fernandez@example.org"
COURSE_ES = "Curso de apoyo entre pares"
CREDENTIAL = "Peer Recovery Specialist"


_axe = None


def label(text: str) -> re.Pattern:
    """A form label as Django writes it ("Nombre:")."""
    return re.compile(rf"^{re.escape(text)}:?$")


def every_axe_violation(page) -> list[dict]:
    """axe-core's violations on the page as it is now, whatever their impact (the project's
    helper, tests/journey/helpers.py, keeps the serious and critical ones)."""
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    return _axe.run(page).response["violations"]


class Audit:
    """Every axe-core violation (any impact) page by page, reported at once at the end."""

    def __init__(self):
        self.pages: list[str] = []
        self.failures: list[str] = []

    def check(self, page, label: str) -> None:
        page.wait_for_load_state("load")
        self.pages.append(label)
        violations = every_axe_violation(page)
        if violations:
            self.failures.append(describe_violations(label, violations))

    def assert_clean(self) -> None:
        assert not self.failures, (
            f"axe-core violations on {len(self.failures)} of {len(self.pages)} pages:\n"
            + "\n".join(self.failures)
        )


def _world(home, course_index):
    """A two-module course of one lesson each, a two-question quiz in each module and a final
    exam, everything translated into Spanish the Wagtail way (the questions too), and the
    certificate program that asks for the course and the exam."""
    tree = english_and_spanish(
        home, course_index, modules=2, lessons=1, sequential=True, title="Peer Recovery Course"
    )
    spanish = Locale.objects.get(language_code="es")
    quizzes, quizzes_es = [], []
    for number, module in enumerate(tree.english.modules, start=1):
        quiz, questions = make_assessment(
            module,
            types=["single", "true_false"],
            title=f"Module {number} quiz",
            slug=f"module-{number}-quiz",
        )
        import_bank(spanish_file(*(spanish_row(q) for q in questions)), fmt="json")
        quizzes.append(quiz)
        quizzes_es.append(
            translate_page(
                quiz,
                spanish,
                title=f"Cuestionario del módulo {number}",
                slug=f"cuestionario-del-modulo-{number}",
                introduction="<p>Dos preguntas de práctica sobre este módulo. Necesita un 70 % "
                "para aprobar y abrir el módulo siguiente.</p>",
            )[0]
        )
    final, _questions = make_assessment(
        tree.english.course, types=["single"], title="Final exam", slug="final-exam"
    )
    translate_page(
        final,
        spanish,
        title="Examen final",
        slug="examen-final",
        introduction="<p>Necesita un 70 % para aprobar.</p>",
    )
    version = ProgramVersionFactory(program__credential_name=CREDENTIAL)
    CourseRequirement.objects.create(version=version, course=tree.english.course)
    AssessmentRequirement.objects.create(version=version, assessment=final)
    with translation.override("es"):
        urls = {
            "lesson": tree.lessons[0][0].url,
            "quiz": quizzes_es[0].url,
            "course": tree.course.url,
        }
    return {"tree": tree, "quizzes": quizzes, "final": final, "urls": urls}


def _finish_the_course(*, world) -> Certificate:
    """What the trainee does over the following weeks, fast-forwarded: the second module's
    lesson and quiz, then the final exam. Passing it meets the last requirement, and the
    certificate is issued in-process, signed, in the holder's language."""
    trainee = User.objects.get(email=EMAIL)
    english = world["tree"].english
    for lesson in english.lessons[1]:
        LessonCompletion.objects.get_or_create(trainee=trainee, lesson=lesson)
    rng = random.Random(22)
    now = timezone.now()
    take(trainee=trainee, assessment=world["quizzes"][1], right=True, when=now, rng=rng)
    take(trainee=trainee, assessment=world["final"], right=True, when=now, rng=rng)
    return Certificate.objects.get(holder=trainee)


@pytest.fixture
def issuer(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    clear_issuer_keys_cache()
    init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Browser")
    yield
    clear_issuer_keys_cache()


def test_a_spanish_trainee_signs_up_passes_a_quiz_and_an_english_employer_verifies(
    browser, live_server, settings, home, course_index, issuer, tmp_path, screenshot
):
    settings.SITE_URL = live_server.url  # the links in e-mails lead to this server
    world = in_a_plain_thread(_world, home=home, course_index=course_index)
    base, urls = live_server.url, world["urls"]
    audit = Audit()

    context = browser.new_context(
        locale="es-419", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(20_000)
    page = context.new_page()

    # --- First visit: the Spanish browser lands on /es/ and signs up from there ------------
    page.goto(f"{base}/")
    page.wait_for_url(f"{base}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    audit.check(page, "/es/ (home)")
    page.locator("header").get_by_role("link", name="Registrarse").click()
    page.wait_for_url(f"{base}/es/accounts/signup/")
    page.get_by_label(label("Nombre")).fill("Lucía")
    page.get_by_label(label("Apellido")).fill("Fernández")
    page.get_by_label(label("Correo electrónico")).fill(EMAIL)
    page.get_by_label(label("Contraseña")).fill(PASSWORD)
    page.get_by_label(label("Confirmación de contraseña")).fill(PASSWORD)
    audit.check(page, "/es/accounts/signup/")
    page.locator("main form").get_by_role("button", name="Registrarse").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Revise su correo electrónico")

    confirm = link_in_mail(None, to=EMAIL, contains="confirm")
    assert confirm.startswith(f"{base}/es/"), confirm  # the e-mail is in Spanish too
    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    assert "Confirme" in message.subject or "confirm" in message.subject.lower(), message.subject
    page.goto(confirm)
    page.get_by_role("button", name="Confirmar e iniciar sesión").click()
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    assert in_a_plain_thread(lambda: User.objects.get(email=EMAIL).preferred_language) == "es"

    # --- The course in Spanish: enrol, complete the lesson, on to the Spanish quiz ---------
    page.locator("header").get_by_role("link", name="Cursos").click()
    page.locator("main").get_by_role("link", name=COURSE_ES).click()
    page.wait_for_url(f"{base}{urls['course']}")
    page.get_by_role("button", name="Inscribirse en este curso").click()
    page.wait_for_url(f"{base}{urls['lesson']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Escucha activa")
    audit.check(page, "Spanish lesson")
    page.get_by_role("button", name="Marcar como completada y continuar").click()
    # The module's last lesson done: "continue" is the module's quiz, the Spanish page.
    page.wait_for_url(f"{base}{urls['quiz']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cuestionario del módulo 1")
    expect(page.locator("main")).to_contain_text("Dos preguntas de práctica")
    expect(page.locator("main")).to_contain_text("70 %")
    audit.check(page, "Spanish quiz page")

    # --- The quiz, in Spanish -----------------------------------------------------------------
    page.get_by_role("button", name="Comenzar la prueba").click()
    page.wait_for_url(re.compile(r"/es/assessments/attempts/\d+/$"))
    attempt = in_a_plain_thread(lambda: Attempt.objects.get(trainee__email=EMAIL))
    assert attempt.assessment_id == world["quizzes"][0].pk and attempt.language == "es"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cuestionario del módulo 1")
    expect(page.locator("main")).to_contain_text("Llamar juntos al 988")
    for aq in in_a_plain_thread(attempt_questions, attempt=attempt):
        answer_correctly(page, aq)
    audit.check(page, "Spanish attempt page")
    page.get_by_role("button", name="Terminar el intento…").first.click()
    page.wait_for_url(re.compile(r"/es/assessments/attempts/\d+/summary/$"))
    expect(page.locator("#summary-unanswered")).to_contain_text("Todas las preguntas")
    audit.check(page, "Spanish attempt summary")
    page.get_by_role("button", name="Enviar todo y terminar").click()
    page.wait_for_url(re.compile(r"/es/assessments/attempts/\d+/review/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cuestionario del módulo 1: revisión del intento 1"
    )
    expect(page.locator("#attempt-score")).to_contain_text("aprobado")
    expect(page.locator("#attempt-score")).to_contain_text("100")
    audit.check(page, "Spanish review")
    # Passed from the Spanish page: the English course has module 2 open.
    english_course = world["tree"].english.course
    trainee = in_a_plain_thread(lambda: User.objects.get(email=EMAIL))
    state = in_a_plain_thread(course_state, course=english_course, user=trainee)
    assert not state.progress.modules[1].locked

    # --- Weeks later (fast-forwarded): the course and exam done, the certificate issued -----
    certificate = in_a_plain_thread(_finish_the_course, world=world)
    assert certificate.status == Certificate.Status.VALID, certificate.last_error
    assert certificate.pdf_language == "es"

    page.locator("header").get_by_role("link", name="Mi panel").click()
    page.wait_for_url(f"{base}/es/dashboard/")
    expect(page.get_by_role("heading", name="Mis certificados")).to_be_visible()
    card = page.locator(f"[data-certificate='{certificate.code}']")
    expect(card).to_contain_text(CREDENTIAL)
    expect(card.locator(".status-word")).to_have_text("Vigente")
    expect(card).to_contain_text(certificate.serial)
    # The course's quiz history names the quiz in Spanish.
    expect(page.locator("main")).to_contain_text("Cuestionario del módulo 1")
    audit.check(page, "Spanish dashboard (Mis certificados)")
    screenshot(page, "trainee-spanish-certificate.png")
    form = card.locator("form.pdf-language")
    expect(form.get_by_label("PDF del certificado en")).to_have_value("es")
    with page.expect_download() as download_info:
        form.get_by_role("button", name="Descargar en este idioma").click()
    download = download_info.value
    assert download.suggested_filename == f"{certificate.serial}-es.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Certificado" in text and "Lucía Fernández" in text and certificate.serial in text
    assert " de 20" in text  # a Spanish date: "6 de diciembre de 2026"
    context.close()

    # --- An employer with an English browser verifies it -------------------------------------
    employer = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    employer.set_default_timeout(20_000)
    verifier = employer.new_page()
    response = verifier.goto(f"{base}/verify/{certificate.code}/")
    assert response.status == 200
    assert verifier.url == f"{base}/verify/{certificate.code}/"  # not sent to /es/
    expect(verifier.locator("html")).to_have_attribute("lang", "en")
    expect(verifier.locator("main")).to_contain_text("Lucía Fernández")
    expect(verifier.locator("main")).to_contain_text("Valid")
    expect(verifier.locator("main")).not_to_contain_text("Vigente")
    audit.check(verifier, "/verify/<code>/ in English")
    screenshot(verifier, "employer-verifies-spanish-holder.png")
    employer.close()

    audit.assert_clean()
