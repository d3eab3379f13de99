"""Every upload is checked in one place (core/uploads.py): within its size, a PDF, PNG or JPEG by
its first bytes, a PDF with nothing a reader would run, and — where PEERCERT_CLAMD_SOCKET names
a clamd — clean by clamd's INSTREAM protocol, refusing every upload when the scanner cannot
answer. A tiny clamd stand-in on 127.0.0.1 speaks the protocol and knows the EICAR test file.
CE proofs, applicants' documents and referees' letters all get the same checks, as field
errors."""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import uploads
from core.demo_pdf import one_page_pdf
from tests.factories.continuing_education import minimal_pdf

# The EICAR anti-virus test file: harmless, and every scanner reports it.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
PDF = one_page_pdf("Certificate of completion", "Cultural humility, 4 hours")
JS_PDF = minimal_pdf(
    catalog=b"/OpenAction 4 0 R", objects=(b"<< /S /JavaScript /JS (app.alert(1)) >>",)
)
LAUNCH_PDF = minimal_pdf(catalog=b"/AA << /O << /S /Launch /F (calc.exe) >> >>")
ATTACHED_PDF = minimal_pdf(
    catalog=b"/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
    objects=(
        b"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
    ),
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(data: bytes, name: str = "file.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


# --- a clamd stand-in ---------------------------------------------------------------------------


class FakeClamd(socketserver.ThreadingTCPServer):
    """Answers clamd's INSTREAM command the way clamd does: reads the length-prefixed chunks up to
    the zero-length one, then says OK or names the EICAR signature."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _ClamdHandler)
        self.scanned: list[bytes] = []
        self.commands: list[bytes] = []


class _ClamdHandler(socketserver.BaseRequestHandler):
    def _exactly(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            part = self.request.recv(n - len(data))
            if not part:
                raise ConnectionError("client went away")
            data += part
        return data

    def handle(self):
        command = b""
        while not command.endswith(b"\0"):
            command += self._exactly(1)
        self.server.commands.append(command)
        if command != b"zINSTREAM\0":
            self.request.sendall(b"UNKNOWN COMMAND\0")
            return
        body = b""
        while True:
            (length,) = struct.unpack("!L", self._exactly(4))
            if length == 0:
                break
            body += self._exactly(length)
        self.server.scanned.append(body)
        if EICAR in body:
            self.request.sendall(b"stream: Eicar-Test-Signature FOUND\0")
        else:
            self.request.sendall(b"stream: OK\0")


@pytest.fixture
def clamd(monkeypatch):
    server = FakeClamd()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address
    monkeypatch.setenv(uploads.CLAMD_ENV, f"{host}:{port}")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def clamd_down(monkeypatch):
    # A port nothing listens on: bind one, note it, close it.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv(uploads.CLAMD_ENV, f"tcp://127.0.0.1:{port}")
    monkeypatch.setenv(uploads.CLAMD_TIMEOUT_ENV, "2")


@pytest.fixture(autouse=True)
def no_scanner_unless_asked(monkeypatch):
    monkeypatch.delenv(uploads.CLAMD_ENV, raising=False)


# --- the checks ---------------------------------------------------------------------------------


def _refusal(data: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(upload(data), **kwargs)
    [message] = error.value.message_dict[kwargs.get("field", "file")]
    return message


def test_a_plain_pdf_and_a_png_are_accepted_by_their_first_bytes():
    assert uploads.check_upload(upload(PDF, "anything.txt")) == (PDF, "application/pdf")
    assert uploads.check_upload(upload(PNG, "photo.pdf")) == (PNG, "image/png")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", uploads.EMPTY_FILE),
        (b"<html>not a pdf</html>", uploads.WRONG_TYPE),
        (JS_PDF, uploads.ACTIVE_CONTENT),
        (LAUNCH_PDF, uploads.ACTIVE_CONTENT),
        (ATTACHED_PDF, uploads.ACTIVE_CONTENT),
        (PDF + b"PK\x03\x04zip", uploads.TRAILING_DATA),
    ],
    ids=["empty", "html", "javascript", "launch", "attachment", "polyglot"],
)
def test_what_is_refused_and_why(data, message):
    assert _refusal(data, field="proof") == message


def test_the_size_limit_is_the_callers_and_says_so():
    assert _refusal(PDF, max_bytes=100) == "The file is larger than 100\xa0bytes."
    big = b"%PDF-1.4\n" + b"0" * uploads.MAX_UPLOAD_BYTES
    assert _refusal(big) == "The file is larger than 5 MB."


def test_without_a_scanner_configured_nothing_is_scanned():
    assert uploads.clamd_address() == ""
    assert uploads.virus_scan(EICAR) is None


def test_a_clean_file_passes_the_scanner_over_instream(clamd):
    assert uploads.check_upload(upload(PDF)) == (PDF, "application/pdf")
    assert clamd.commands == [b"zINSTREAM\0"]
    assert clamd.scanned == [PDF]


def test_a_large_file_is_streamed_in_chunks(clamd):
    data = minimal_pdf(objects=(b"<< /Padding (" + b"x" * (3 * uploads.CHUNK) + b") >>",))
    uploads.check_upload(upload(data))
    assert clamd.scanned == [data]


def test_the_eicar_test_file_is_refused_with_the_scanners_finding(clamd):
    message = _refusal(EICAR, field="proof")
    assert "Eicar-Test-Signature" in message
    assert "was not accepted" in message
    # Inside a PDF too: the scanner sees every byte, before the type is looked at.
    assert "Eicar-Test-Signature" in _refusal(PDF.replace(b"%%EOF", EICAR + b"\n%%EOF"))


def test_an_unreachable_scanner_refuses_every_upload(clamd_down):
    assert _refusal(PDF) == uploads.SCANNER_UNAVAILABLE
    with pytest.raises(uploads.ScannerUnavailable):
        uploads.virus_scan(PDF)


def test_a_scanner_answering_an_error_refuses_the_upload(monkeypatch):
    class Broken(FakeClamd):
        pass

    class Handler(_ClamdHandler):
        def handle(self):
            self.request.recv(64)
            self.request.sendall(b"INSTREAM size limit exceeded. ERROR\0")

    server = Broken()
    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv(uploads.CLAMD_ENV, f"127.0.0.1:{server.server_address[1]}")
        assert _refusal(PDF) == uploads.SCANNER_UNAVAILABLE
    finally:
        server.shutdown()
        server.server_close()


# --- the same checks on every upload path, as field errors --------------------------------------


@pytest.mark.django_db
def test_a_ce_proof_with_javascript_is_a_field_error(client, today_ce_holder):
    holder, today = today_ce_holder
    client.force_login(holder)
    response = client.post(
        "/ce/submit/",
        {
            "title": "Cultural humility",
            "provider": "NRTC",
            "date": (today - timedelta(days=5)).isoformat(),
            "hours": "4",
            "delivery_mode": "live_in_person",
            "proof": upload(JS_PDF, "cert.pdf"),
        },
    )
    assert response.status_code == 200 or response.status_code == 400
    assert response.context["form"].errors["proof"] == [uploads.ACTIVE_CONTENT]


@pytest.mark.django_db
def test_an_applicants_infected_document_is_a_field_error_and_nothing_is_saved(
    client, clamd, settings, tmp_path
):
    from applications import services
    from applications.models import ApplicationDocument
    from tests.applications.conftest import PDF as APPLICATION_PDF
    from tests.factories import UserFactory
    from tests.factories.applications import ApplicationPolicyFactory

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    applicant = UserFactory()
    policy = ApplicationPolicyFactory()
    application = services.application_start(applicant=applicant, version=policy.version)
    client.force_login(applicant)
    url = reverse("applications:detail", args=[application.pk])
    response = client.post(
        url, {"action": "upload", "kind": "identity", "file": upload(EICAR, "id.pdf")}
    )
    assert response.status_code == 400
    assert (
        response.context["document_form"]
        .errors["file"][0]
        .startswith("The virus scanner found Eicar-Test-Signature")
    )
    assert not ApplicationDocument.objects.exists()
    response = client.post(
        url, {"action": "upload", "kind": "identity", "file": upload(JS_PDF, "id.pdf")}
    )
    assert response.context["document_form"].errors["file"] == [uploads.ACTIVE_CONTENT]
    client.post(
        url, {"action": "upload", "kind": "identity", "file": upload(APPLICATION_PDF, "id.pdf")}
    )
    assert ApplicationDocument.objects.count() == 1


@pytest.mark.django_db
def test_a_referees_letter_with_a_launch_action_is_refused_on_its_field(client, settings, tmp_path):
    from applications import services, tokens
    from applications.models import Referee
    from tests.factories import UserFactory
    from tests.factories.applications import ApplicationPolicyFactory

    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    policy = ApplicationPolicyFactory()
    application = services.application_start(applicant=UserFactory(), version=policy.version)
    from django.utils import timezone

    referee = Referee.objects.create(
        application=application,
        name="Taylor Brooks",
        email="t.brooks@example.org",
        nonce="n1",
        link_expires_at=timezone.now() + timedelta(days=7),
    )
    url = reverse("applications:letter", args=[tokens.make(referee_id=referee.pk, nonce="n1")])
    response = client.post(url, {"text": "", "file": upload(LAUNCH_PDF, "letter.pdf")})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [uploads.ACTIVE_CONTENT]
    referee.refresh_from_db()
    assert referee.received_at is None and not referee.letter_file


@pytest.fixture
def today_ce_holder(db):
    from django.utils import timezone

    from tests.factories import UserFactory
    from tests.factories.certificates import CertificateFactory

    holder = UserFactory()
    CertificateFactory(holder=holder)
    return holder, timezone.localdate()
