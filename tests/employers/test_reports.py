"""Primary-source verification reports: an employer asks for one from the roster and downloads
a PDF signed like the certificates (checked with pyHanko, read with Poppler's pdftotext), with a
random report id that checks at /verify/report/<id>/; the holder sees who checked them; nobody
else gets another employer's report."""

import shutil
import subprocess
from datetime import date

import pytest

from certificates.models import CODE_ALPHABET, Certificate
from certificates.signing import validate_pdf
from employers.models import EmployerAccessRequest, RosterEntry
from payers.selectors import clear_cache
from tests.factories.certificates import BillingRuleFactory
from verification.models import VerificationReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(employer, certificate):
    EmployerAccessRequest.objects.create(
        user=employer, organisation="Riverside Community Clinic", status="approved"
    )
    return RosterEntry.objects.create(
        employer=employer, certificate=certificate, last_notified_status="valid"
    )


@pytest.fixture
def florida(certificate):
    clear_cache()
    rule = BillingRuleFactory(program=certificate.version.program, as_of=date(2026, 11, 1))
    yield rule
    clear_cache()


def ask(client, entry):
    return client.post(f"/employer/roster/{entry.pk}/report/")


def pdf_text(pdf: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("Poppler's pdftotext is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def download(client, report) -> bytes:
    response = client.get(f"/employer/reports/{report.report_id}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_the_report_is_signed_by_the_issuer_and_says_what_was_verified(
    employer_client, entry, florida, issuer_keys, tmp_path, settings
):
    assert ask(employer_client, entry).status_code == 302
    report = VerificationReport.objects.get()
    pdf = download(employer_client, report)

    result = validate_pdf(pdf, issuer_keys.root_cert)
    assert result.ok and result.covers_whole_file
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "Primary-source verification report",
        report.display_id,
        "Jordan Rivera",
        "Peer Recovery Specialist",
        "VALID",
        "Riverside Community Clinic",
        settings.PEERCERT_ISSUER_NAME,
        "Recognised by Florida Medicaid (Florida)",
        entry.certificate.serial,
    ):
        assert expected in text, expected
    # The address may wrap inside its table cell.
    assert f"/verify/report/{report.report_id}/" in "".join(text.split())


def test_the_report_id_is_random_and_not_sequential(employer_client, entry, issuer_keys):
    ask(employer_client, entry)
    ask(employer_client, entry)
    first, second = VerificationReport.objects.order_by("pk")
    # 20 characters of a 32-letter alphabet: 100 random bits, like a certificate's code.
    assert len(first.report_id) == 20 and first.report_id != second.report_id
    assert set(first.report_id + second.report_id) <= set(CODE_ALPHABET)


def test_the_report_verifies_at_its_address(client, employer_client, entry, issuer_keys):
    ask(employer_client, entry)
    report = VerificationReport.objects.get()
    client.logout()
    html = client.get(f"/verify/report/{report.report_id}/").content.decode()
    assert "Genuine report" in html
    assert "Riverside Community Clinic" in html and "Jordan Rivera" in html
    assert 'id="status-changed"' not in html


def test_the_report_page_says_when_the_status_changed_since(
    client, employer_client, entry, issuer_keys
):
    ask(employer_client, entry)
    report = VerificationReport.objects.get()
    Certificate.objects.filter(pk=entry.certificate.pk).update(status="revoked")
    html = client.get(f"/verify/report/{report.report_id}/").content.decode()
    assert 'id="status-changed"' in html and "now revoked" in html
    # The report itself still records what it verified.
    assert report.snapshot["status"] == "valid"


def test_a_report_for_a_revoked_certificate_shows_no_billable_status(
    employer_client, entry, florida, issuer_keys, tmp_path
):
    Certificate.objects.filter(pk=entry.certificate.pk).update(status="revoked")
    ask(employer_client, entry)
    report = VerificationReport.objects.get()
    assert report.snapshot["billable_in"] == []
    text = pdf_text(download(employer_client, report), tmp_path)
    assert "Not billable: the certificate is not valid." in text
    assert "Florida Medicaid" not in text


def test_the_holder_sees_who_checked_them(client, employer_client, entry, issuer_keys):
    ask(employer_client, entry)
    client.force_login(entry.certificate.holder)
    html = client.get("/dashboard/").content.decode()
    assert "verified by Riverside Community Clinic on" in html


def test_another_employer_cannot_ask_for_or_download_it(
    client, other_employer, employer_client, entry, issuer_keys
):
    ask(employer_client, entry)
    report = VerificationReport.objects.get()
    client.force_login(other_employer)
    assert client.post(f"/employer/roster/{entry.pk}/report/").status_code == 404
    assert client.get(f"/employer/reports/{report.report_id}.pdf").status_code == 404
    assert report.report_id not in client.get("/employer/reports/").content.decode()
    assert VerificationReport.objects.count() == 1


def test_a_certificate_not_on_the_roster_cannot_be_reported_on(employer_client, issuer_keys):
    from tests.factories.certificates import CertificateFactory

    stranger = CertificateFactory()
    entry = RosterEntry.objects.create(
        employer=stranger.holder, certificate=stranger, last_notified_status="valid"
    )
    assert ask(employer_client, entry).status_code == 404


def test_an_unknown_report_id_is_404_never_500(client):
    for value in ("AAAA-BBBB", "-", "%00", "x" * 300):
        assert client.get(f"/verify/report/{value}/").status_code in (404, 302)


def test_the_roster_offers_the_report_and_the_nav_lists_reports(employer_client, entry):
    html = employer_client.get("/employer/").content.decode()
    assert f"/employer/roster/{entry.pk}/report/" in html
    assert 'href="/employer/reports/"' in html


def test_without_issuer_keys_nothing_is_kept_and_the_employer_is_told(
    employer_client, entry, settings, tmp_path
):
    from certificates.keys import clear_issuer_keys_cache

    settings.ISSUER_KEY_DIR = tmp_path / "none"
    clear_issuer_keys_cache()
    response = ask(employer_client, entry)
    assert response.status_code == 302
    assert not VerificationReport.objects.exists()
