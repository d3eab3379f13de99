"""The site in Spanish: /es/ pages in Spanish, English where it always was, the switcher keeping
the visitor on the same page, Accept-Language on a first visit, and e-mails in the account's
language."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, number_format

from accounts import jobs as account_jobs
from accounts.models import User
from employers import notifications as employer_notifications
from employers.models import EmployerAccessRequest
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("catalogues")  # tests/conftest.py

SPANISH_BROWSER = "es-US,es;q=0.9,en;q=0.8"
ENGLISH_BROWSER = "en-US,en;q=0.9"


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


# --- /es/ pages, and English where it always was -------------------------------------------


def test_spanish_home_page_is_in_spanish_with_the_crisis_lines_in_spanish(client, home):
    response = client.get("/es/")
    page = response.content.decode()
    assert response.status_code == 200
    assert html_lang(response) == "es"
    assert "Llame o envíe un mensaje de texto al 988" in page
    assert "oprima el 2 para español" in page
    assert "Llame al 911" in page
    assert "Call or text 988" not in page


def test_english_stays_at_the_root(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "Call or text 988" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "english", "spanish"),
    [
        ("/verify/", "Verify a certificate", "Verificar un certificado"),
        ("/verify/pdf/", "Check a certificate PDF", "Verificar el PDF de un certificado"),
        ("/accounts/login/", "Forgotten your password?", "¿Olvidó su contraseña?"),
        ("/accounts/signup/", "Create your account", "Cree su cuenta"),
    ],
)
def test_site_pages_have_a_spanish_twin_and_keep_their_english_url(
    client, home, path, english, spanish
):
    old = client.get(path)
    assert old.status_code == 200 and english in old.content.decode()
    twin = client.get("/es" + path)
    assert twin.status_code == 200
    assert spanish in twin.content.decode()
    assert english not in twin.content.decode()


def test_links_on_a_spanish_page_stay_in_spanish(client, home):
    page = client.get("/es/verify/").content.decode()
    assert 'href="/es/verify/"' in page
    assert 'href="/es/accounts/login/"' in page
    assert 'href="/es/"' in page  # the brand link, home in Spanish


def test_a_signed_in_course_page_reads_in_spanish(trainee_client, course_tree):
    with translation.override("en"):
        url = course_tree.course.url
    response = trainee_client.get("/es" + url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Inscribirse en este curso" in page
    assert "Cerrar sesión" in page


def test_files_and_machine_endpoints_have_one_url_outside_the_language_prefix(client, db):
    with translation.override("es"):
        assert reverse("verify_pdf", args=["K7QF3M9D"]) == "/verify/K7QF3M9D/certificate.pdf"
        assert reverse("credential_json", args=["K7QF3M9D"]) == "/verify/K7QF3M9D/credential.json"
        assert reverse("issuer_profile") == "/issuer/"
        assert reverse("healthz") == "/healthz"
        assert reverse("verify_detail", args=["K7QF3M9D"]) == "/es/verify/K7QF3M9D/"
    for path in ("/es/healthz", "/es/issuer/", "/es/api/v1/openapi.json", "/es/admin/"):
        assert client.get(path, follow=True).status_code == 404, path
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_spanish_dates_and_numbers_are_written_as_us_readers_write_them():
    with translation.override("es"):
        assert date_format(date(2026, 12, 6)) == "6 de diciembre de 2026"
        assert number_format(Decimal("1250.5"), decimal_pos=1, force_grouping=True) == "1,250.5"
    with translation.override("en"):
        assert date_format(date(2026, 12, 6)) == "Dec. 6, 2026"


# --- the switcher ----------------------------------------------------------------------------


def test_every_page_offers_the_other_language_for_the_same_page(client, home):
    page = client.get("/verify/pdf/").content.decode()
    form = re.search(r'<form class="language-switcher[^"]*".*?</form>', page, re.S).group(0)
    assert 'action="/i18n/setlang/"' in form
    assert 'name="next" value="/verify/pdf/"' in form
    assert re.search(r'<button[^>]*value="es"[^>]*lang="es"[^>]*>Español</button>', form)
    spanish = client.get("/es/verify/pdf/").content.decode()
    assert re.search(r'<button[^>]*value="en"[^>]*>English</button>', spanish)


def test_hreflang_alternates_name_both_versions_of_the_page(client, home):
    page = client.get("/es/verify/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/verify/">' in page
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/verify/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/verify/">' in page


def test_switching_to_spanish_keeps_the_visitor_on_the_same_page(client, home):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/verify/pdf/"})
    assert response.status_code == 302
    assert response["Location"] == "/es/verify/pdf/"
    assert client.cookies["django_language"].value == "es"
    back = client.post("/i18n/setlang/", {"language": "en", "next": "/es/verify/pdf/"})
    assert back["Location"] == "/verify/pdf/"
    assert client.cookies["django_language"].value == "en"


def test_switching_on_a_wagtail_page_keeps_the_page(client, course_tree):
    with translation.override("en"):
        url = course_tree.course.url
    response = client.post("/i18n/setlang/", {"language": "es", "next": url})
    assert response["Location"] == "/es" + url


def test_the_switcher_never_sends_anyone_off_site(client, db):
    for evil in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.post("/i18n/setlang/", {"language": "es", "next": evil})
        assert response["Location"] == "/es/", evil


def test_switching_stores_a_signed_in_persons_language_on_the_account(trainee_client, trainee):
    trainee_client.post("/i18n/setlang/", {"language": "es", "next": "/dashboard/"})
    trainee.refresh_from_db()
    assert trainee.preferred_language == "es"
    trainee_client.post("/i18n/setlang/", {"language": "en", "next": "/es/dashboard/"})
    trainee.refresh_from_db()
    assert trainee.preferred_language == "en"


def test_an_unknown_language_changes_nothing(trainee_client, trainee):
    response = trainee_client.post("/i18n/setlang/", {"language": "fr", "next": "/verify/"})
    assert response["Location"] == "/verify/"
    trainee.refresh_from_db()
    assert trainee.preferred_language == ""


# --- Accept-Language on the first visit -----------------------------------------------------


def test_a_spanish_browser_first_visit_goes_to_the_spanish_page(client, home):
    response = client.get("/verify/?code=K7QF", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER)
    assert response.status_code == 302
    assert response["Location"] == "/es/verify/?code=K7QF"
    assert "Accept-Language" in response["Vary"]


def test_an_english_browser_stays_in_english(client, home):
    response = client.get("/verify/", HTTP_ACCEPT_LANGUAGE=ENGLISH_BROWSER)
    assert response.status_code == 200
    assert html_lang(response) == "en"


def test_a_chosen_language_wins_over_the_browser(client, home):
    client.post("/i18n/setlang/", {"language": "en", "next": "/verify/"})
    response = client.get("/verify/", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER)
    assert response.status_code == 200
    assert html_lang(response) == "en"


def test_files_posts_and_the_admin_are_never_redirected(client, home):
    assert (
        client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER).status_code == 200
    )
    assert not client.get("/admin/", HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER)["Location"].startswith(
        "/es/"
    )
    post = client.post("/verify/", {"code": "x"}, HTTP_ACCEPT_LANGUAGE=SPANISH_BROWSER)
    assert post.status_code != 302 or not post["Location"].startswith("/es/")


# --- e-mails in the account's language ------------------------------------------------------


def test_account_emails_follow_the_accounts_language(db):
    spanish = UserFactory(email="rosa@example.org", preferred_language="es")
    english = UserFactory(email="ann@example.org")
    account_jobs.send_signup_notice(spanish.pk)
    account_jobs.send_signup_notice(english.pk)
    to_rosa, to_ann = mail.outbox
    assert to_rosa.subject == "Su registro en PeerCert"
    assert "Alguien intentó registrarse en PeerCert" in to_rosa.body
    assert "/es/accounts/login/" in to_rosa.body
    assert to_ann.subject == "Your PeerCert sign-up"
    assert "/es/" not in to_ann.body


def test_decision_emails_follow_the_recipients_language_not_the_deciders(db):
    person = UserFactory(email="lupe@example.org", preferred_language="es")
    access = EmployerAccessRequest.objects.create(
        user=person, organisation="Clínica Esperanza", status="declined", reason="No."
    )
    with translation.override("en"):  # a reviewer deciding in English
        employer_notifications.send_access_decision(request_id=access.pk)
    [message] = mail.outbox
    assert (
        message.subject == "Se revisó su solicitud de las herramientas para empleadores de PeerCert"
    )
    assert "No se aprobó su solicitud" in message.body


def test_signing_up_in_spanish_makes_spanish_the_accounts_language(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/es/accounts/signup/",
            {
                "first_name": "Rosa",
                "last_name": "Díaz",
                "email": "rosa.diaz@example.org",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
        )
    assert User.objects.get(email="rosa.diaz@example.org").preferred_language == "es"
    [message] = mail.outbox
    assert message.subject == "Confirme su dirección de PeerCert"
    assert "/es/accounts/signup/confirm/" in message.body
