"""/verify/pdf/: genuine, altered, unknown or not ours, plus the live status; clear errors for
anything that is not a certificate PDF, and never a 500."""

import zlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from certificates import services
from certificates.keys import clear_issuer_keys_cache, get_issuer_keys, init_issuer_keys
from certificates.models import Certificate
from certificates.pdf import render_certificate_pdf
from certificates.signing import sign_pdf
from verification.pdfcheck import MAX_UPLOAD_BYTES, check_pdf

pytestmark = pytest.mark.django_db

URL = "/verify/pdf/"


def upload(client, data: bytes, *, name="certificate.pdf", content_type="application/pdf", **extra):
    return client.post(
        URL, {"file": SimpleUploadedFile(name, data, content_type=content_type)}, **extra
    )


def verdict(response) -> str:
    return response.context["report"].verdict


def pdf_context(code: str, *, name="Jordan Rivera") -> dict:
    return {
        "holder_name": name,
        "program_title": "Peer Recovery Specialist",
        "program_version_label": "rules of 2026",
        "issuer_name": "PeerCert",
        "issued_on": date(2026, 1, 15),
        "expires_on": date(2028, 1, 15),
        "serial": "PRS-2026-FAKE",
        "verification_code": code,
        "verification_url": f"http://testserver/verify/{code}/",
        "hours_total": Decimal("46"),
        "hours_by_domain": [("Advocacy", Decimal("10"))],
    }


def draw_over_name(signed: bytes) -> bytes:
    """An incremental update that paints a new name over the old one."""
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    content = b"q 1 1 1 rg 0 380 842 120 re f Q BT /F1 30 Tf 80 420 Td (Mallory Impostor) Tj ET"
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=content)))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# --- verdicts ---------------------------------------------------------------------------------


def test_the_issued_file_is_genuine_and_valid(client, certificate, issued_pdf):
    response = upload(client, issued_pdf)

    assert response.status_code == 200
    report = response.context["report"]
    assert report.verdict == "genuine"
    assert report.signature.ok
    assert report.record.code == certificate.code
    assert report.record.status == "valid"
    html = response.content.decode()
    assert 'data-verdict="genuine"' in html
    assert "Genuine" in html and 'data-status="valid"' in html
    assert response["Cache-Control"] == "no-store"


def test_the_issued_file_of_a_revoked_certificate_is_genuine_but_revoked(
    client, certificate, issued_pdf
):
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status="revoked", actor=None, reason="Ethics violation"
    )

    response = upload(client, issued_pdf)

    assert verdict(response) == "genuine"
    assert response.context["report"].record.status == "revoked"
    assert 'data-status="revoked"' in response.content.decode()


def _validating_in(monkeypatch, years: int) -> None:
    """Validators that check "now" as if it were ``years`` from today (signatures carry no
    timestamp, so only the validation moment moves)."""
    import certificates.signing as signing

    real = signing.ValidationContext
    later = datetime.now(UTC) + timedelta(days=365 * years)

    def context(*args, moment=None, **kwargs):
        return real(*args, moment=moment or later, **kwargs)

    monkeypatch.setattr(signing, "ValidationContext", context)


def test_an_issued_file_stays_genuine_and_ours_after_the_signing_certificate_expires(
    client, certificate, issued_pdf, monkeypatch
):
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=datetime.now(UTC))
    _validating_in(monkeypatch, years=6)  # signing certificates last 5 years

    response = upload(client, issued_pdf)

    report = response.context["report"]
    assert report.verdict == "genuine"
    assert report.signature.ok and report.signature.as_of is not None
    assert "checked as of the day we signed the file" in response.content.decode()


def test_after_expiry_an_altered_file_is_not_vouched_for_as_of_signing(
    client, certificate, issued_pdf, monkeypatch
):
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=datetime.now(UTC))
    _validating_in(monkeypatch, years=6)

    report = upload(client, draw_over_name(issued_pdf)).context["report"]

    # The signature's own timestamp proves when it was made, so it is still ours; what was
    # drawn over the name after the archive timestamp is not.
    assert report.verdict == "altered"
    assert report.signature.trusted and report.signature.long_term
    assert report.signature.as_of == report.signature.timestamped_at
    assert not report.signature.covers_whole_file and not report.signature.ok


def test_an_incremental_update_over_the_name_is_altered_and_names_the_certificate(
    client, certificate, issued_pdf
):
    tampered = draw_over_name(issued_pdf)

    response = upload(client, tampered)

    report = response.context["report"]
    assert report.verdict == "altered"
    assert report.record.code == certificate.code
    assert report.signature.intact and report.signature.trusted
    assert not report.signature.covers_whole_file
    assert "added after it was issued" in report.reason


def test_a_flipped_byte_in_the_signed_content_is_altered(client, certificate, issued_pdf):
    start = issued_pdf.index(b"stream\n") + len(b"stream\n")
    tampered = bytearray(issued_pdf)
    tampered[start + 40] ^= 0x01

    report = upload(client, bytes(tampered)).context["report"]

    assert report.verdict == "altered"
    assert report.record.code == certificate.code
    assert not report.signature.intact


def test_an_unsigned_copy_naming_a_real_code_is_altered(client, certificate, issuer_keys):
    forged = render_certificate_pdf(pdf_context(certificate.code, name="Mallory Impostor"))

    report = upload(client, forged).context["report"]

    assert report.verdict == "altered"
    assert report.record.holder_name == "Jordan Rivera"  # our record, to compare with
    assert report.signature.message == "no signature"


def test_a_pdf_signed_by_another_issuer_is_not_ours(client, issuer_keys, tmp_path):
    other_dir = tmp_path / "other-issuer"
    init_issuer_keys(other_dir, organisation="Diploma Mill")
    clear_issuer_keys_cache()
    other = get_issuer_keys(other_dir)
    forged = sign_pdf(render_certificate_pdf(pdf_context("K7QF3M9DK7QF3M9DABCD")), other)

    report = upload(client, forged).context["report"]

    assert report.verdict == "not_ours"
    assert not report.signature.trusted


def test_our_signature_on_a_certificate_we_have_no_record_of_is_unknown(client, issuer_keys):
    signed = sign_pdf(render_certificate_pdf(pdf_context("K7QF3M9DK7QF3M9DABCD")), issuer_keys)

    response = upload(client, signed)

    assert verdict(response) == "unknown"
    assert response.context["report"].record is None


def test_a_plain_pdf_without_a_signature_is_not_ours(client, issuer_keys):
    plain = render_certificate_pdf(pdf_context("ZZZZZZZZZZZZZZZZZZZZ"))
    assert verdict(upload(client, plain)) == "not_ours"


def test_the_check_takes_one_query(certificate, issued_pdf, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert check_pdf(issued_pdf).verdict == "genuine"


def test_the_json_answer_carries_the_same_verdict(client, certificate, issued_pdf):
    response = upload(client, issued_pdf, headers={"Accept": "application/json"})

    body = response.json()
    assert body["verdict"] == "genuine"
    assert body["certificate"]["status"] == "valid"
    assert body["signature"]["ok"] is True


def test_keys_missing_still_answers_by_fingerprint(
    client, certificate, issued_pdf, settings, tmp_path
):
    settings.ISSUER_KEY_DIR = tmp_path / "nowhere"
    clear_issuer_keys_cache()

    response = upload(client, issued_pdf)

    assert verdict(response) == "genuine"
    assert response.context["report"].signature is None
    assert "could not be checked" in response.content.decode()


# --- bad uploads ------------------------------------------------------------------------------


def test_the_form_page_loads(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_an_empty_file_is_refused_with_a_clear_error(client):
    response = upload(client, b"")
    assert response.status_code == 400
    assert "The file is empty" in response.content.decode()


def test_no_file_is_refused_with_a_clear_error(client):
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "Choose a PDF file" in response.content.decode()


@pytest.mark.parametrize(
    "data", [b"garbage " * 100, b"\x00" * 4096, b"<html>hi</html>", b"PK\x03\x04 a zip file"]
)
def test_a_non_pdf_with_a_pdf_name_is_refused(client, data):
    response = upload(client, data)
    assert response.status_code == 400
    assert "This file is not a PDF" in response.content.decode()


def test_a_pdf_declared_as_an_image_is_refused(client, certificate, issued_pdf):
    response = upload(client, issued_pdf, name="c.png", content_type="image/png")
    assert response.status_code == 400
    assert "not a PDF" in response.content.decode()


def test_octet_stream_uploads_are_judged_by_their_bytes(client, certificate, issued_pdf):
    response = upload(client, issued_pdf, content_type="application/octet-stream")
    assert verdict(response) == "genuine"


def test_a_file_just_over_the_limit_is_refused(client):
    data = b"%PDF-1.7\n" + b"0" * MAX_UPLOAD_BYTES
    response = upload(client, data)
    assert response.status_code == 400
    assert "larger than 5.0" in response.content.decode()


def test_a_much_larger_body_is_refused_before_it_is_parsed(client):
    data = b"%PDF-1.7\n" + b"0" * (3 * MAX_UPLOAD_BYTES)
    response = upload(client, data)
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def hostile_inputs(signed: bytes) -> list[bytes]:
    return [
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-1.7\nxref\n0 999999999\n0000000000 65535 f \ntrailer<</Size 3/Root 1 0 R>>\nstartxref\n9\n%%EOF",
        b"%PDF-1.7\n1 0 obj "
        + b"[" * 50_000
        + b"]" * 50_000
        + b" endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
        b"%PDF-1.7\n1 0 obj <</Pages 1 0 R /Kids [1 0 R]>> endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
        b"%PDF-" + zlib.compress(signed),
        signed[: len(signed) // 2],
        signed[: len(signed) - 200],
        signed[:-6],
        b"junk" + signed,
        signed.replace(b"/ByteRange", b"/ByteRangX", 1),
        signed.replace(b"%%EOF", b"", 1),
        signed + b"\n% a trailing comment\n",
    ]


def test_hostile_and_broken_pdfs_get_an_answer_never_a_500(
    client, certificate, issued_pdf, settings
):
    settings.RATELIMIT_VERIFY_PDF = "1000/m"
    for index, data in enumerate(hostile_inputs(issued_pdf)):
        response = upload(client, data)
        assert response.status_code == 200, index
        report = response.context["report"]
        assert report.verdict in {"altered", "not_ours"}, index
        assert report.verdict != "genuine", index


def test_a_truncated_certificate_is_never_genuine(client, certificate, issued_pdf):
    response = upload(client, issued_pdf[: len(issued_pdf) // 2])
    assert response.status_code == 200
    assert verdict(response) in {"altered", "not_ours"}


# --- rate limit -------------------------------------------------------------------------------


def test_uploads_are_rate_limited_per_client(client, settings):
    settings.RATELIMIT_VERIFY_PDF = "2/h"
    statuses = [upload(client, b"not a pdf").status_code for _ in range(3)]

    assert statuses == [400, 400, 429]
    response = upload(client, b"not a pdf")
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Too many requests" in response.content.decode()
    assert client.get(URL).status_code == 200  # the form itself is not counted
    assert upload(client, b"x", REMOTE_ADDR="198.51.100.7").status_code == 400
