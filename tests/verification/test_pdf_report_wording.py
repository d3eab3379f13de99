"""What /verify/pdf/ says: one verdict at the top, each check worded for what the file is (an
unsigned file is "not signed", not "signed over part of the file"), the live status with the
date and public reason of a suspension or revocation, and the way there from /verify/."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from certificates import services
from certificates.pdf import render_certificate_pdf
from tests.verification.test_pdf_upload import draw_over_name, pdf_context

pytestmark = pytest.mark.django_db

URL = "/verify/pdf/"


def upload(client, data: bytes):
    return client.post(
        URL, {"file": SimpleUploadedFile("c.pdf", data, content_type="application/pdf")}
    )


def checks(response) -> list[tuple[bool | None, str]]:
    return [(check.passed, check.text) for check in response.context["report"].checks]


def test_the_issued_file_passes_every_check_in_plain_words(client, certificate, issued_pdf):
    response = upload(client, issued_pdf)

    lines = checks(response)
    assert all(passed for passed, _text in lines)
    texts = " ".join(text for _passed, text in lines)
    assert "byte for byte the one we issued" in texts
    assert "The digital signature is intact" in texts
    assert "The signature is ours" in texts
    # Issued files carry a document timestamp after the signature (PAdES B-LTA).
    assert "After the signature the file holds only long-term validation data" in texts
    html = response.content.decode()
    assert html.index('id="verdict"') < html.index('id="live-status"') < html.index('id="checks"')
    assert "This is exactly the file we issued" in html


def test_an_unsigned_file_is_said_to_be_unsigned_and_nothing_else(client, certificate, issuer_keys):
    unsigned = render_certificate_pdf(pdf_context("ZZZZZZZZZZZZZZZZZZZZ"))

    response = upload(client, unsigned)

    report = response.context["report"]
    assert report.verdict == "not_ours"
    assert checks(response) == [
        (False, "The file's fingerprint matches no file we issued."),
        (False, "The file carries no digital signature."),
    ]
    html = response.content.decode()
    assert "whole file" not in html and "added to the file after" not in html
    assert "The file is not signed and matches no certificate we issued." in html


def test_an_unsigned_copy_naming_our_certificate_is_altered_and_unsigned(
    client, certificate, issuer_keys
):
    forged = render_certificate_pdf(pdf_context(certificate.code, name="Mallory Impostor"))

    response = upload(client, forged)

    assert response.context["report"].verdict == "altered"
    assert checks(response) == [
        (
            False,
            "The file names one of our certificates, but its fingerprint matches no file "
            "we issued for it.",
        ),
        (False, "The file carries no digital signature."),
    ]


def test_a_name_drawn_over_the_issued_file_says_what_was_added(client, certificate, issued_pdf):
    response = upload(client, draw_over_name(issued_pdf))

    report = response.context["report"]
    assert report.verdict == "altered"
    texts = [text for _passed, text in checks(response)]
    assert texts[0].startswith("The file starts with a certificate we issued, but more was added")
    assert "Something was added to the file after it was signed." in texts
    assert "The digital signature is intact: what it signed is unchanged." in texts


def test_a_revoked_certificate_shows_since_when_and_the_public_reason(
    client, certificate, issued_pdf
):
    services.certificate_set_status(
        certificate_id=certificate.pk,
        to_status="revoked",
        actor=None,
        reason="Practising outside the scope of the credential",
        reason_public=True,
    )

    response = upload(client, issued_pdf)

    html = response.content.decode()
    assert response.context["report"].verdict == "genuine"
    assert 'data-status="revoked"' in html
    assert "Reason: Practising outside the scope of the credential" in html
    assert 'id="status-since"' in html


def test_the_lookup_page_links_the_pdf_check_and_the_access_request(client):
    html = client.get("/verify/").content.decode()

    assert 'href="/verify/pdf/"' in html
    assert 'href="/employer/access/"' in html


def test_an_approved_employer_is_sent_to_their_tools_not_to_the_request_form(
    client, django_user_model
):
    employer = django_user_model.objects.create_user(email="hr@example.org", password="pw-12345678")
    employer.groups.add(Group.objects.get_or_create(name="Employers")[0])
    client.force_login(employer)

    html = client.get("/verify/").content.decode()

    assert 'href="/employer/"' in html
    assert 'href="/employer/access/"' not in html
