"""Uploads, checked in one place: how large a request body may be (before anything reads it),
and what an uploaded file must be before anyone stores it — within its size, a PDF, PNG or JPEG
by its first bytes (never its name or the browser's claim), a PDF without anything a reader
would run or open, and, where a virus scanner is configured, clean. CE proofs
(continuing_education), applicants' documents and referees' letters (applications) all use
``check_upload``.

Request bodies: how large a request body may be, decided from its Content-Length before anything
reads it.

Django reads a form's body the first time someone asks for ``request.POST`` — usually the CSRF
check, before the view runs — and spools file parts to disk as they arrive. A view's own size
check therefore comes after a 50 MB upload has already been received and written out. Here the
limit is checked in the middleware's ``process_view``, ahead of CsrfViewMiddleware: an
oversized request is answered 413 at once and its body never read. (Under WSGI the body is the
declared Content-Length and no more, so the header cannot understate it.)

A view declares its limit with ``@body_limit(max_bytes)``; every other view gets
``settings.MAX_REQUEST_BODY`` (the largest upload the admin accepts).
"""

from __future__ import annotations

import logging
import os
import re
import socket
import struct
from collections.abc import Callable
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.decode_limits import DecodeLimits, DocumentDecodeBudget, StreamDecodeLimits
from pyhanko.pdf_utils.reader import PdfFileReader

from core.http import no_store

logger = logging.getLogger(__name__)

# Room for the multipart boundaries and the form's other fields around the file itself.
FORM_SLACK = 256 * 1024
TOO_LARGE = "The upload is too large: at most %(limit)s."


def body_limit(max_bytes: int) -> Callable:
    """View decorator: a request whose body declares more than ``max_bytes`` plus the form's
    slack is refused with 413 before it is read. Put it nearest the view: decorators built with
    ``functools.wraps`` (login_required, require_POST, …) carry the limit outwards."""

    def decorator(view: Callable) -> Callable:
        view.max_request_body = max_bytes + FORM_SLACK
        view.max_upload_bytes = max_bytes
        return view

    return decorator


def declared_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def request_too_large(request: HttpRequest, *, limit: int) -> HttpResponse:
    message = _(TOO_LARGE) % {"limit": filesizeformat(limit)}
    accept = request.headers.get("Accept", "")
    if request.path.startswith("/api/") or ("json" in accept and "html" not in accept):
        response: HttpResponse = JsonResponse({"message": message, "detail": message}, status=413)
    else:
        response = HttpResponse(
            render_to_string(
                "request_too_large.html",
                {"message": message, "back": request.path},
                request=request,
            ),
            status=413,
        )
    # The client may still be sending: say the connection ends here, and never cache it.
    response["Connection"] = "close"
    return no_store(response)


class RequestBodyLimitMiddleware:
    """Before CsrfViewMiddleware in MIDDLEWARE: process_view runs in that order."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = getattr(view_func, "max_request_body", None) or settings.MAX_REQUEST_BODY
        if declared_length(request) > limit:
            shown = getattr(view_func, "max_upload_bytes", limit)
            return request_too_large(request, limit=shown)
        return None


# --- what an uploaded file must be ------------------------------------------------------------

MiB = 1024 * 1024
MAX_UPLOAD_BYTES = 5 * MiB
# Checked against the file's first bytes, never its name or the browser's claimed type.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}

FILE_TOO_LARGE = gettext_noop("The file is larger than %(limit)s.")
WRONG_TYPE = gettext_noop("Only PDF, PNG or JPEG files are accepted.")
EMPTY_FILE = gettext_noop("The file is empty.")
INFECTED = gettext_noop(
    "The virus scanner found %(name)s in this file, so it was not accepted. Check the file "
    "with your own antivirus software, or upload a photo or scan of the paper instead."
)
SCANNER_UNAVAILABLE = gettext_noop(
    "Uploads cannot be checked for viruses at the moment, so none are accepted. Nothing was "
    "saved: please try again in a few minutes."
)


def content_type_of(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def _limit(max_bytes: int) -> str:
    if max_bytes % MiB == 0:
        return f"{max_bytes // MiB} MB"
    return filesizeformat(max_bytes)


def check_upload(
    uploaded, *, field: str = "file", max_bytes: int = MAX_UPLOAD_BYTES
) -> tuple[bytes, str]:
    """Read an upload once, within ``max_bytes``, and return its bytes and its type, or raise
    ValidationError on ``field`` with a message the person can act on: too large, empty, found
    infected by the virus scanner (or the scanner configured but unreachable: fail closed),
    not a PDF, PNG or JPEG by its first bytes, or a PDF with active content."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError({field: _(FILE_TOO_LARGE) % {"limit": _limit(max_bytes)}})
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError({field: _(FILE_TOO_LARGE) % {"limit": _limit(max_bytes)}})
    if not data:
        raise ValidationError({field: _(EMPTY_FILE)})
    # Before the type: whatever someone sends is scanned, so a virus never reaches a reviewer
    # by way of another upload path that accepts more types.
    try:
        found = virus_scan(data)
    except ScannerUnavailable:
        raise ValidationError({field: _(SCANNER_UNAVAILABLE)}) from None
    if found:
        raise ValidationError({field: _(INFECTED) % {"name": found}})
    content_type = content_type_of(data[:16])
    if content_type is None:
        raise ValidationError({field: _(WRONG_TYPE)})
    if content_type == "application/pdf":
        problem = pdf_problem(data)
        if problem is not None:
            raise ValidationError({field: _(problem)})
    return data, content_type


# --- PDFs with active content ---------------------------------------------------------------
#
# Is an uploaded PDF inert? A certificate, a diploma or a letter is a page to look at: anything
# a PDF reader would run or open (JavaScript, launch and submit actions, attached files,
# multimedia, XFA forms) or data glued after the document's end (a polyglot: a file that is a
# PDF to one program and a ZIP or HTML page to another) has no business in it, and reviewers
# open these files on their own machines. Such a file is refused with a reason the person can
# act on.
#
# The check walks every object reachable from the document's trailer with pyHanko's parser
# under tight decoding limits (an upload is at most 5 MB; a compressed object stream may not
# make more than 16 MB of it, nor the whole file more than 32 MB): a decompression bomb is
# refused, never expanded. Page content and images are never decoded, only the dictionaries
# that say what a reader does.

ACTIVE_CONTENT = gettext_noop(
    "This PDF contains scripts, actions, attached files or media. Save or print it as a plain "
    "PDF, or upload a photo or scan of the document instead."
)
TRAILING_DATA = gettext_noop(
    "This file has other data after the end of the PDF. Save or print it as a plain PDF, or "
    "upload a photo or scan of the document instead."
)
UNREADABLE = gettext_noop(
    "This PDF could not be read, or is password-protected. Save or print it as a plain PDF, or "
    "upload a photo or scan of the document instead."
)

# Keys whose presence alone makes a document active.
ACTIVE_KEYS = frozenset(
    {
        "/JS",  # the script of a JavaScript action
        "/JavaScript",  # the document-level scripts in the name tree
        "/EmbeddedFiles",  # attachments in the name tree
        "/EF",  # a file specification carrying the file itself
        "/RichMedia",
        "/RichMediaContent",
        "/XFA",  # XML forms, scriptable
    }
)
# Action types (/S) a reader would run. Links (/URI), page jumps (/GoTo) and viewer commands
# (/Named) stay allowed: many PDF writers open the first page through /OpenAction.
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToR",  # opens another file, local or on a share
        "/GoToE",  # opens an embedded file
        "/Rendition",
        "/Movie",
        "/Sound",
        "/RichMediaExecute",
    }
)
ACTIVE_TYPES = frozenset({"/EmbeddedFile"})
ACTIVE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"})

DECODE_LIMITS = DecodeLimits(
    per_stream=StreamDecodeLimits(max_ratio=100, ratio_floor=MiB, max_output_size=16 * MiB),
    document_budget=DocumentDecodeBudget(base_allowance=32 * MiB, max_ratio=10),
)
MAX_OBJECTS = 100_000
_TRAILING = re.compile(rb"%%EOF[\s\x00]*\Z")


def pdf_problem(data: bytes) -> str | None:
    """None when the PDF is inert; otherwise the (untranslated) message saying why it is
    refused."""
    if not _TRAILING.search(data[-4096:]):
        return TRAILING_DATA if b"%%EOF" in data else UNREADABLE
    try:
        reader = PdfFileReader(BytesIO(data), strict=False, decode_limits=DECODE_LIMITS)
        if reader.encrypted:
            return UNREADABLE
        return ACTIVE_CONTENT if _has_active_content(reader.trailer) else None
    except Exception as error:  # hostile or broken file: refused, never a 500
        logger.info("uploaded PDF refused as unreadable: %s", type(error).__name__)
        return UNREADABLE


def _has_active_content(trailer) -> bool:
    # The trailer names the catalog (/Root) and the document information (/Info): everything a
    # reader can reach starts there.
    stack: list = [trailer.raw_get(key) for key in trailer]
    seen: set[tuple[int, int]] = set()
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, generic.IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise ValueError("too many objects to check")
        if isinstance(obj, generic.DictionaryObject):  # streams too: only their dictionary
            if _is_active(obj):
                return True
            stack.extend(obj.raw_get(key) for key in obj)
        elif isinstance(obj, generic.ArrayObject):
            stack.extend(obj.raw_get(index) for index in range(len(obj)))
    return False


def _is_active(dictionary) -> bool:
    if ACTIVE_KEYS.intersection(dictionary.keys()):
        return True
    return (
        _name(dictionary, "/S") in ACTIVE_ACTIONS
        or _name(dictionary, "/Type") in ACTIVE_TYPES
        or _name(dictionary, "/Subtype") in ACTIVE_ANNOTATIONS
    )


def _name(dictionary, key: str) -> str | None:
    value = dictionary.raw_get(key) if key in dictionary else None
    if isinstance(value, generic.IndirectObject):
        value = value.get_object()
    return str(value) if isinstance(value, generic.NameObject) else None


# --- the optional virus scan (clamd) ----------------------------------------------------------
#
# With PEERCERT_CLAMD_SOCKET set (a Unix socket path such as /run/clamav/clamd.ctl, or
# host:port / tcp://host:port for clamd's TCP socket) every upload is streamed to clamd with
# its INSTREAM command before it is stored: "zINSTREAM\0", then chunks each prefixed with its
# length as a 4-byte big-endian integer, then a zero-length chunk; clamd answers
# "stream: OK", "stream: <signature> FOUND" or "... ERROR". Unset, uploads are not scanned.
# Set but unreachable, or answering an error: no upload is accepted (fail closed).

CLAMD_ENV = "PEERCERT_CLAMD_SOCKET"
CLAMD_TIMEOUT_ENV = "PEERCERT_CLAMD_TIMEOUT"
CLAMD_TIMEOUT = 10.0  # seconds, for connecting and for each read and write
CHUNK = 64 * 1024
_FOUND = re.compile(r"^stream: (?P<name>.+) FOUND$")


class ScannerUnavailable(Exception):
    """The configured scanner could not be reached or did not give a clean answer."""


def clamd_address() -> str:
    return str(getattr(settings, CLAMD_ENV, "") or os.environ.get(CLAMD_ENV, "")).strip()


def _connect(address: str, timeout: float) -> socket.socket:
    if address.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(address)
        return sock
    host, _sep, port = address.removeprefix("tcp://").rpartition(":")
    return socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=timeout)


def virus_scan(data: bytes, *, address: str | None = None) -> str | None:
    """None when clean or when no scanner is configured; the signature's name when clamd found
    something. Raises ScannerUnavailable when the configured scanner cannot answer."""
    address = clamd_address() if address is None else address
    if not address:
        return None
    try:
        timeout = float(os.environ.get(CLAMD_TIMEOUT_ENV) or CLAMD_TIMEOUT)
    except ValueError:
        timeout = CLAMD_TIMEOUT
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK):
                chunk = data[start : start + CHUNK]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                reply += part
                if len(reply) > 4096:
                    break
    except (OSError, ValueError) as error:
        # The address only: never the file or who sent it.
        logger.error("virus scanner unreachable at %s: %s", address, type(error).__name__)
        raise ScannerUnavailable from error
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if answer == "stream: OK":
        return None
    found = _FOUND.match(answer)
    if found:
        logger.warning("upload refused: virus scanner found %s", found["name"])
        return found["name"]
    logger.error("virus scanner at %s answered %r", address, answer[:200])
    raise ScannerUnavailable(answer[:200])
