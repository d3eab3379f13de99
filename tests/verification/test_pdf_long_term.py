"""/verify/pdf/ with PAdES B-LTA files: the timestamp's time is reported, copies extended by the
archival job stay genuine, a revoked signer is caught, and the daily job extends due files."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.pdf_utils.reader import PdfFileReader

from certificates.archival import archive_expiry, extend_archive, extend_due
from certificates.keys import get_issuer_keys, revoke_key, rotate_signing_key
from certificates.models import Certificate
from tests.verification.test_pdf_upload import draw_over_name

pytestmark = pytest.mark.django_db

URL = "/verify/pdf/"


def upload(client, data: bytes):
    return client.post(
        URL, {"file": SimpleUploadedFile("c.pdf", data, content_type="application/pdf")}
    )


def test_the_signature_timestamp_is_reported(client, certificate, issued_pdf):
    response = upload(client, issued_pdf)

    report = response.context["report"]
    assert report.verdict == "genuine"
    at = report.signature.timestamped_at
    assert at is not None and abs(at - datetime.now(UTC)) < timedelta(minutes=5)
    page = response.content.decode()
    assert "A trusted time-stamping authority attests that it was signed on" in page
    assert f"{at:%Y}" in page


def test_a_copy_extended_by_the_archival_job_is_still_the_file_we_issued(
    client, certificate, issued_pdf, issuer_keys
):
    extended = extend_archive(issued_pdf, issuer_keys)
    assert extended != issued_pdf and extended.startswith(issued_pdf)

    report = upload(client, extended).context["report"]
    assert report.verdict == "genuine"
    assert "long-term validation data" in report.reason
    assert report.signature.extended and report.signature.ok
    # The copy the holder downloaded before the extension is the exact issued file.
    assert upload(client, issued_pdf).context["report"].verdict == "genuine"


def test_an_extended_copy_with_a_name_drawn_over_is_altered(
    client, certificate, issued_pdf, issuer_keys
):
    tampered = draw_over_name(extend_archive(issued_pdf, issuer_keys))

    report = upload(client, tampered).context["report"]
    assert report.verdict == "altered"
    assert not report.signature.ok


def test_a_revoked_signer_is_reported(client, certificate, issued_pdf, settings):
    signer = get_issuer_keys(settings.ISSUER_KEY_DIR).signing_key_id
    rotate_signing_key(settings.ISSUER_KEY_DIR, credential=False)
    revoke_key(settings.ISSUER_KEY_DIR, signer)

    response = upload(client, issued_pdf)

    report = response.context["report"]
    assert report.signature.revoked and not report.signature.trusted
    assert report.signature.message == "the signing certificate has been revoked"
    assert "made with a signing certificate we have revoked" in response.content.decode()


def test_daily_job_extends_only_what_is_due(certificate, issued_pdf, issuer_keys):
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(issued_pdf), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(
        pdf=certificate.pdf.name, issued_at=datetime.now(UTC)
    )

    # First look: the TSA certificate has six years left, nothing to extend yet.
    assert extend_due() == 0
    certificate.refresh_from_db()
    assert certificate.pdf_archive_expires_at == issuer_keys.timestamping.not_after

    # Five and a half years later the TSA certificate is within the horizon.
    later = issuer_keys.timestamping.not_after - timedelta(days=90)
    assert extend_due(now=later) == 1
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        stored = handle.read()
    assert stored.startswith(issued_pdf)
    assert len(_stamps(stored)) == 2
    # A new time-stamping key was made, since the current one was about to expire.
    fresh = get_issuer_keys(issuer_keys.key_dir).timestamping
    assert fresh.key_id != issuer_keys.timestamping.key_id
    assert archive_expiry(stored) == fresh.not_after == certificate.pdf_archive_expires_at
    # Done for years: today's run leaves it alone.
    assert extend_due() == 0


def _stamps(data: bytes):
    from io import BytesIO

    return PdfFileReader(BytesIO(data)).embedded_timestamp_signatures
