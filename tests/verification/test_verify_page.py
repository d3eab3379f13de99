"""The public page tells the truth about a certificate and nothing else about the person."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates import services
from certificates.models import Certificate, group_code
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db

PUBLIC_CLAIMS = {
    "holder_name",
    "credential",
    "program",
    "hours",
    "issued_on",
    "expires_on",
    "serial",
    "code",
    "issuer",
    "stage",
}


@pytest.fixture
def certificate():
    holder = UserFactory(email="sam.private@example.org", first_name="Sam", last_name="Okafor")
    return CertificateFactory(holder=holder, expires_on=timezone.localdate() + timedelta(days=400))


def test_valid_certificate_shows_status_and_every_printed_claim(client, certificate):
    response = client.get(reverse("verify_detail", args=[certificate.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="valid"' in html
    assert "Valid" in html and "✔" in html  # words and an icon, not colour alone
    assert "Sam Okafor" in html
    assert certificate.serial in html
    assert certificate.display_code in html
    assert "Peer Recovery Specialist" in html


def test_page_shows_only_the_allowlisted_fields(client, certificate):
    html = client.get(reverse("verify_detail", args=[certificate.code])).content.decode()
    claims = set(re.findall(r'data-claim="([a-z_]+)"', html))
    assert claims == PUBLIC_CLAIMS
    assert "sam.private@example.org" not in html
    assert f">{certificate.holder.pk}<" not in html
    assert "score" not in html.lower() and "attempt" not in html.lower()


def test_page_is_never_cached_and_not_indexed(client, certificate):
    response = client.get(reverse("verify_detail", args=[certificate.code]))
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in response.content.decode()


def test_revocation_shows_on_the_very_next_request(client, certificate):
    url = reverse("verify_detail", args=[certificate.code])
    assert 'data-status="valid"' in client.get(url).content.decode()
    services.certificate_set_status(
        certificate_id=certificate.pk,
        to_status="revoked",
        actor=None,
        reason="Code of ethics violation",
        reason_public=False,
    )
    html = client.get(url).content.decode()
    assert 'data-status="revoked"' in html
    assert "Code of ethics violation" not in html  # reason not public


def test_a_valid_certificate_past_its_expiry_reads_expired(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=date(2020, 1, 1))
    html = client.get(reverse("verify_detail", args=[certificate.code])).content.decode()
    assert 'data-status="expired"' in html


def test_unknown_and_pending_codes_are_not_found(client, certificate):
    assert client.get("/verify/ZZZZZZZZZZZZZZZZZZZZ/").status_code == 404
    Certificate.objects.filter(pk=certificate.pk).update(status="pending")
    assert client.get(reverse("verify_detail", args=[certificate.code])).status_code == 404


def test_codes_typed_with_lowercase_spaces_and_dashes_are_found(client, certificate):
    messy = " " + group_code(certificate.code).lower().replace("-", " - ") + " "
    response = client.get(reverse("verify_lookup"), {"code": messy})
    assert response.status_code == 302
    assert response["Location"] == reverse("verify_detail", args=[certificate.code])
    response = client.get(f"/verify/{group_code(certificate.code).lower()}/")
    assert response.status_code == 302


def test_lookup_of_an_unknown_code_says_not_found(client, db):
    response = client.get(reverse("verify_lookup"), {"code": "K7QF-3M9D-0000-0000-0000"})
    assert response.status_code == 404
    assert "Not found." in response.content.decode()


def test_codes_are_random_and_long_enough():
    from certificates.models import CODE_ALPHABET, CODE_LENGTH, new_verification_code

    codes = {new_verification_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert CODE_LENGTH * 5 >= 80 and len(CODE_ALPHABET) == 32


def test_superseded_certificate_links_to_its_replacement(client, certificate):
    newer = CertificateFactory(
        holder=certificate.holder, version=certificate.version, reissue=1, supersedes=certificate
    )
    Certificate.objects.filter(pk=certificate.pk).update(status="superseded")
    html = client.get(reverse("verify_detail", args=[certificate.code])).content.decode()
    assert 'data-status="superseded"' in html
    assert reverse("verify_detail", args=[newer.code]) in html
    newer_html = client.get(reverse("verify_detail", args=[newer.code])).content.decode()
    assert reverse("verify_detail", args=[certificate.code]) in newer_html


def test_verify_page_uses_a_fixed_number_of_queries(
    client, certificate, django_assert_max_num_queries, django_assert_num_queries
):
    services.certificate_set_status(
        certificate_id=certificate.pk,
        to_status="suspended",
        actor=None,
        reason="Under review",
        reason_public=True,
    )
    url = reverse("verify_detail", args=[certificate.code])
    with django_assert_max_num_queries(2):  # the row, and its public history
        assert "Under review" in client.get(url).content.decode()
    with django_assert_num_queries(1):  # the row only: unchanged pages are not re-rendered
        assert "Under review" in client.get(url).content.decode()


# --- the rendered page is reused only while nothing it prints has changed -----------------


def _page(client, certificate) -> str:
    response = client.get(reverse("verify_detail", args=[certificate.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_each_visit_shows_its_own_check_time(client, certificate, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, 2, 9, 15, tzinfo=UTC))
    assert "2 March 2026, 09:15" in _page(client, certificate)
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, 2, 17, 40, tzinfo=UTC))
    html = _page(client, certificate)
    assert "2 March 2026, 17:40" in html and "09:15" not in html


def test_every_change_to_what_the_page_prints_shows_on_the_next_visit(client, certificate):
    assert 'data-status="valid"' in _page(client, certificate)

    program = certificate.version.program
    program.credential_name = "Certified Peer Recovery Specialist (renamed)"
    program.save()
    assert "Certified Peer Recovery Specialist (renamed)" in _page(client, certificate)

    services.certificate_set_status(
        certificate_id=certificate.pk,
        to_status="suspended",
        actor=None,
        reason="Pending board review",
        reason_public=True,
    )
    html = _page(client, certificate)
    assert 'data-status="suspended"' in html and "Pending board review" in html

    # A second public event with the same resulting status as before still shows.
    services.certificate_set_status(
        certificate_id=certificate.pk,
        to_status="valid",
        actor=None,
        reason="Review closed",
        reason_public=True,
    )
    html = _page(client, certificate)
    assert 'data-status="valid"' in html and "Review closed" in html

    newer = CertificateFactory(
        holder=certificate.holder,
        version=certificate.version,
        reissue=1,
        supersedes=certificate,
        status="pending",
    )
    assert reverse("verify_detail", args=[newer.code]) not in _page(client, certificate)
    Certificate.objects.filter(pk=newer.pk).update(status="valid")
    assert reverse("verify_detail", args=[newer.code]) in _page(client, certificate)


def test_a_signed_in_visit_is_rendered_for_that_visitor_only(client, certificate):
    viewer = UserFactory()
    client.force_login(viewer)
    assert "Sign out" in _page(client, certificate)
    client.logout()
    html = _page(client, certificate)
    assert "Sign out" not in html and "csrfmiddlewaretoken" not in html


# --- the signed PDF, by its code -----------------------------------------------------------------


def test_the_signed_pdf_opens_by_its_code_and_is_never_cached(client, certificate):
    from django.core.files.base import ContentFile

    certificate.pdf.save(f"certificates/{certificate.code}.pdf", ContentFile(b"%PDF-1.7 test"))
    response = client.get(reverse("verify_pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{certificate.serial}.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    assert response["Cache-Control"] == "no-store"
    assert "noindex" in response["X-Robots-Tag"]


def test_no_pdf_for_an_unknown_code_or_a_certificate_without_one(client, certificate):
    assert client.get(reverse("verify_pdf", args=[certificate.code])).status_code == 404
    assert client.get(reverse("verify_pdf", args=["ZZZZZZZZZZZZZZZZZZZZ"])).status_code == 404
