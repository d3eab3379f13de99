"""The certificate PDF in the holder's language: Spanish labels and dates read back by Poppler,
the document's language set, both languages' files signed and both recognised by the PDF check
and the verification page, which speak the visitor's language."""

import re
import subprocess
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pyhanko.pdf_utils.reader import PdfFileReader

from certificates import services
from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from certificates.models import Certificate, CertificatePdf
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory
from verification.pdfcheck import GENUINE, check_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogues")]


@pytest.fixture
def issuer_keys(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    clear_issuer_keys_cache()
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Test Institute")
    yield keys
    clear_issuer_keys_cache()


@pytest.fixture
def holder():
    return UserFactory(first_name="Lucía", last_name="Fernández", email="lucia@example.org")


@pytest.fixture
def issued(holder, issuer_keys):
    """A certificate issued as the job issues it (English: the holder has no preference)."""
    pending = CertificateFactory(
        holder=holder,
        status=Certificate.Status.PENDING,
        issued_on=date(2026, 12, 6),
        expires_on=date(2028, 12, 6),
    )
    return services.certificate_issue(certificate_id=pending.pk)


def text_of(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_lang(pdf: bytes) -> str:
    return str(PdfFileReader(BytesIO(pdf)).root.get("/Lang"))


def spanish_pdf(client, certificate) -> bytes:
    response = client.post(
        reverse("certificates:pdf_language", args=[certificate.pk]), {"language": "es"}
    )
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/pdf"
    assert f'{certificate.serial}-es.pdf"' in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def test_spanish_dates_read_as_spanish_speakers_write_them():
    template = Template('{{ d|date:"j F Y" }}')
    with translation.override("es"):
        assert template.render(Context({"d": date(2026, 12, 6)})) == "6 de diciembre de 2026"
    with translation.override("en"):
        assert template.render(Context({"d": date(2026, 12, 6)})) == "6 December 2026"


def test_the_holder_gets_a_signed_spanish_pdf_from_my_certificates(client, holder, issued):
    client.force_login(holder)
    page = client.get(reverse("certificates:overview")).content.decode()
    assert f'action="{reverse("certificates:pdf_language", args=[issued.pk])}"' in page
    assert 'name="csrfmiddlewaretoken"' in page and '<option value="es" lang="es"' in page

    pdf = spanish_pdf(client, issued)
    text = text_of(pdf)
    assert "Certificado de finalización" in text or "Certificado" in text
    assert "6 de diciembre de 2026" in text and "6 de diciembre de 2028" in text
    assert "Lucía Fernández" in text and issued.serial in text
    assert "December" not in text
    assert pdf_lang(pdf) == "es"
    # The English file it was issued with is untouched, and still the certificate's.
    issued.refresh_from_db()
    assert issued.pdf_language == "en" and issued.status == Certificate.Status.VALID
    english = issued.pdf.read()
    assert "6 December 2026" in text_of(english) and pdf_lang(english) == "en"


def test_both_language_files_are_signed_and_both_pass_the_pdf_check(client, holder, issued):
    client.force_login(holder)
    spanish = spanish_pdf(client, issued)
    issued.refresh_from_db()
    english = issued.pdf.read()
    for pdf in (english, spanish):
        report = check_pdf(pdf)
        assert report.verdict == GENUINE, report.reason
        assert report.signature.intact and report.signature.valid and report.signature.trusted
        assert report.record.serial == issued.serial
    # Poppler's own verifier reads the signature too.
    out = subprocess.run(["pdfsig", "-"], input=spanish, capture_output=True)
    if out.returncode == 0:
        assert "Signature is Valid" in out.stdout.decode()


def test_asking_again_returns_the_same_file_and_supersedes_nothing(client, holder, issued):
    client.force_login(holder)
    first = spanish_pdf(client, issued)
    second = spanish_pdf(client, issued)
    assert first == second and CertificatePdf.objects.count() == 1
    assert Certificate.objects.get(pk=issued.pk).status == Certificate.Status.VALID
    # English is the issued file itself: nothing new is made.
    response = client.post(
        reverse("certificates:pdf_language", args=[issued.pk]), {"language": "en"}
    )
    issued.refresh_from_db()
    assert b"".join(response.streaming_content) == issued.pdf.read()
    assert CertificatePdf.objects.count() == 1


def test_a_holder_who_reads_spanish_is_issued_a_spanish_pdf(issuer_keys):
    holder = UserFactory(preferred_language="es")
    pending = CertificateFactory(holder=holder, status=Certificate.Status.PENDING)
    certificate = services.certificate_issue(certificate_id=pending.pk)
    assert certificate.pdf_language == "es"
    assert "Certificado" in text_of(certificate.pdf.read())


def test_another_holders_certificate_or_a_revoked_one_gets_no_pdf(client, holder, issued):
    client.force_login(UserFactory())
    url = reverse("certificates:pdf_language", args=[issued.pk])
    assert client.post(url, {"language": "es"}).status_code == 404
    client.force_login(holder)
    assert client.get(url).status_code == 405  # a POST form only
    Certificate.objects.filter(pk=issued.pk).update(status=Certificate.Status.REVOKED)
    response = client.post(url, {"language": "es"}, follow=True)
    assert services.PDF_LANGUAGE_REFUSED in response.content.decode()
    response = client.post(url, {"language": "fr"}, follow=True)
    assert services.PDF_LANGUAGE_UNKNOWN in response.content.decode()
    assert CertificatePdf.objects.count() == 0


def test_the_verification_page_and_pdf_check_speak_the_visitors_language(client, holder, issued):
    client.force_login(holder)
    spanish = spanish_pdf(client, issued)
    client.logout()
    with translation.override("es"):
        page_url = reverse("verify_detail", args=[issued.code])
        check_url = reverse("verify_pdf_upload")
    assert page_url.startswith("/es/")
    page = client.get(page_url).content.decode()
    assert 'lang="es"' in page and "6 de diciembre de 2026" in page
    response = client.post(
        check_url, {"file": SimpleUploadedFile("c.pdf", spanish, content_type="application/pdf")}
    )
    html = response.content.decode()
    assert response.context["report"].verdict == GENUINE
    assert 'lang="es"' in html and "6 de diciembre de 2026" in html
    # An employer with an English browser reads the same certificate in English.
    with translation.override("en"):  # the test client leaves the last request's language on
        english_url = reverse("verify_detail", args=[issued.code])
    assert not english_url.startswith("/es/")
    english_page = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get(english_url).content.decode()
    assert "6 December 2026" in english_page
    assert re.search(r'<html[^>]*lang="en"', english_page)


def test_the_employer_tools_follow_the_visitors_language(client):
    from django.contrib.auth.models import Group

    from courses.permissions import EMPLOYERS_GROUP

    group, _created = Group.objects.get_or_create(name=EMPLOYERS_GROUP)
    employer = UserFactory(groups=[group])
    client.force_login(employer)
    with translation.override("es"):
        url = reverse("employers:home")
    html = client.get(url).content.decode()
    assert url.startswith("/es/") and re.search(r'<html[^>]*lang="es"', html)
    other_browser = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    other_browser.force_login(employer)
    with translation.override("en"):
        english = other_browser.get(reverse("employers:home")).content.decode()
    assert re.search(r'<html[^>]*lang="en"', english)
