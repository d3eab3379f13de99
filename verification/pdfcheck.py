"""Is an uploaded certificate PDF one of ours, unchanged, and what does it say about its holder
right now?

The strongest proof is the file's SHA-256: every issued PDF's hash is on its certificate
(``Certificate.pdf_sha256``), so an exact match means "this is the very file we issued".
Without a match the file is still examined:

- its PAdES signature, with pyHanko against the pinned issuer roots and our current CRLs
  (intact, valid, trusted, covering the whole file or followed only by long-term validation
  data, DocMDP "no changes"), and the time its RFC 3161 timestamp proves —
  ``certificates.signing.validate_pdf``;
- the revisions our signature and document timestamps cover: an incremental update appended
  to one of our files keeps the issued bytes as a prefix, and that prefix's hash *is* on a
  certificate. When everything after it is DSS updates and document timestamps (what
  certificates/archival.py appends to keep the file verifiable), it is still the file we
  issued; otherwise it names the certificate that was tampered with;
- the verification code the file names: the certificate's link annotation
  (``…/verify/<code>/``), an embedded credential, or a code in uncompressed text.

Verdicts: genuine (the exact issued file, or it with only long-term validation data added),
altered (names or derives from one of our certificates but is not the issued file), unknown
(carries our trusted signature but matches no certificate on record, or matches nothing while
the signature cannot be checked), not ours (no trusted signature and nothing on record). The
report says which fingerprint matched (``match``) and words each check for its own case
(``checks``): an unsigned file is "not signed", not "signed over part of the file".

Every step treats the upload as hostile: bounded sizes and counts, no network, any parser
exception turns into "could not read", never a 500.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from django.conf import settings
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader

from certificates.keys import get_issuer_keys, revocation_lists
from certificates.models import CODE_LENGTH, Certificate
from certificates.signing import ValidationResult, sha256_hex, tsa_trust_roots, validate_pdf

from .selectors import PublicRecord, lookup_code, with_status_change

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
# Readers accept junk before the header; the spec allows it within the first 1024 bytes.
MAGIC_WINDOW = 1024

GENUINE = "genuine"
ALTERED = "altered"
UNKNOWN = "unknown"
NOT_OURS = "not_ours"

# Which fingerprint matched a certificate on record, if any.
MATCH_EXACT = "exact"  # the whole file is the file we issued
MATCH_EXTENDED = "extended"  # the file we issued plus long-term validation data only
MATCH_PREFIX = "prefix"  # the file we issued with something else appended
MATCH_CODE = "code"  # only the verification code it names

# What validate_pdf says when there is no signature to speak of.
_NO_SIGNATURE = "no signature"
_UNREADABLE = "not a readable PDF"

_MAX_PAGES = 5
_MAX_ANNOTS = 200
_MAX_EMBEDDED = 10
_MAX_EMBEDDED_BYTES = 512 * 1024
_MAX_CODES = 20
_MAX_REVISIONS = 12
_REVISION_END = re.compile(rb"%%EOF(?:\r\n|\r|\n)?")

_URL_CODE = re.compile(rb"/verify/([0-9A-Za-z-]{%d,40})/" % CODE_LENGTH)
_GROUPED_CODE = re.compile(
    rb"(?<![0-9A-Z])([0-9A-Z]{4}(?:-[0-9A-Z]{4}){%d})(?![0-9A-Z])" % (CODE_LENGTH // 4 - 1)
)


@dataclass
class PdfFacts:
    """What the file itself tells us, before any database lookup."""

    sha256: str
    signed_prefix_sha256s: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    readable: bool = True


@dataclass
class PdfReport:
    verdict: str
    sha256: str
    signature: ValidationResult | None
    record: PublicRecord | None = None
    reason: str = ""
    codes_found: list[str] = field(default_factory=list)
    match: str | None = None

    @property
    def signature_checked(self) -> bool:
        return self.signature is not None

    @property
    def checks(self) -> list[Check]:
        return report_checks(self)

    @property
    def signature_trusted(self) -> bool:
        sig = self.signature
        return bool(sig and sig.intact and sig.valid and sig.trusted)


@dataclass(frozen=True)
class Check:
    """One line of "what we checked": passed (True), failed (False) or not decided (None)."""

    passed: bool | None
    text: str
    detail: str = ""


def _fingerprint_check(report: PdfReport) -> Check:
    if report.match == MATCH_EXACT:
        return Check(
            True,
            _(
                "The file is byte for byte the one we issued (its SHA-256 "
                "fingerprint matches our record)."
            ),
        )
    if report.match == MATCH_EXTENDED:
        return Check(
            True,
            _(
                "The file is the one we issued, followed only by long-term "
                "validation data (timestamps, revocation lists) added since to "
                "keep its signature verifiable."
            ),
        )
    if report.match == MATCH_PREFIX:
        return Check(
            False,
            _(
                "The file starts with a certificate we issued, but more was "
                "added to it after it was issued."
            ),
        )
    if report.match == MATCH_CODE:
        return Check(
            False,
            _(
                "The file names one of our certificates, but its fingerprint "
                "matches no file we issued for it."
            ),
        )
    return Check(False, _("The file's fingerprint matches no file we issued."))


def _signature_checks(signature: ValidationResult | None) -> list[Check]:
    if signature is None:
        return [
            Check(
                None,
                _(
                    "The signature could not be checked just now; the fingerprint "
                    "comparison above still applies."
                ),
            )
        ]
    if signature.message == _NO_SIGNATURE:
        return [Check(False, _("The file carries no digital signature."))]
    if signature.message == _UNREADABLE:
        return [
            Check(
                False,
                _("The file could not be read as a PDF, so it has no signature we could check."),
            )
        ]
    if not signature.intact and not signature.valid and not signature.signer_subject:
        # Signed, but the signature itself could not be read or evaluated.
        return [
            Check(
                False,
                _("The file has a signature we could not validate."),
                detail=signature.message,
            )
        ]
    checks = []
    if signature.intact and signature.valid:
        checks.append(
            Check(True, _("The digital signature is intact: what it signed is unchanged."))
        )
    else:
        checks.append(
            Check(
                False, _("The digital signature is broken: what it signed has been changed since.")
            )
        )
    if signature.trusted:
        text = _("The signature is ours: it chains to the PeerCert root.")
        if signature.as_of:
            text += " " + _(
                "Its signing certificate was checked as of the day we signed the file "
                "(%(day)s); it has expired since, which does not affect a file signed while it "
                "was valid."
            ) % {"day": date_format(signature.as_of, "j F Y")}
        if signature.long_term:
            text += " " + _("The file's timestamps prove when it was signed.")
        checks.append(Check(True, text))
    elif signature.revoked:
        checks.append(
            Check(
                False,
                _(
                    "The signature was made with a signing certificate we "
                    "have revoked: it cannot be relied on."
                ),
            )
        )
    else:
        checks.append(
            Check(
                False,
                _("The signature is not from PeerCert: it does not chain to the PeerCert root."),
            )
        )
    if signature.timestamped_at:
        checks.append(
            Check(
                True,
                _("A trusted time-stamping authority attests that it was signed on %(at)s.")
                % {"at": date_format(signature.timestamped_at, "j F Y, H:i e")},
            )
        )
    if signature.intact:
        if not signature.covers_whole_file:
            checks.append(Check(False, _("Something was added to the file after it was signed.")))
        elif not signature.docmdp_ok:
            checks.append(
                Check(
                    False,
                    _(
                        "The signature allows later changes: it is not the "
                        "certification signature we put on certificates."
                    ),
                )
            )
        elif signature.extended:
            checks.append(
                Check(
                    True,
                    _(
                        "After the signature the file holds only long-term validation data "
                        "(timestamps, revocation lists): nothing that changes what it shows."
                    ),
                )
            )
        else:
            checks.append(Check(True, _("Nothing was added to the file after it was signed.")))
    return checks


def report_checks(report: PdfReport) -> list[Check]:
    """What we checked, each line worded for what this file is."""
    return [_fingerprint_check(report), *_signature_checks(report.signature)]


def looks_like_pdf(head: bytes) -> bool:
    return PDF_MAGIC in head[:MAGIC_WINDOW]


def _add_codes(found: list[str], raw_values) -> None:
    for raw in raw_values:
        if len(found) >= _MAX_CODES:
            return
        if isinstance(raw, bytes):
            raw = raw.decode("ascii", "ignore")
        code = lookup_code(raw)
        if code and code not in found:
            found.append(code)


def _codes_in_text(text: bytes | str) -> list[bytes]:
    data = text.encode("utf-8", "ignore") if isinstance(text, str) else text
    return [m.group(1) for m in _URL_CODE.finditer(data)] + [
        m.group(1) for m in _GROUPED_CODE.finditer(data)
    ]


def _revision_ends(data: bytes) -> list[int]:
    """Where each incremental update ends: the file we issued ends at one of these in any copy
    that had something appended (by us, for long-term validation, or by a forger)."""
    ends = [m.end() for m in _REVISION_END.finditer(data) if 0 < m.end() < len(data)]
    return ends[-_MAX_REVISIONS:]


def read_facts(data: bytes) -> PdfFacts:
    """Hash, revision-prefix hashes and candidate codes. Never raises."""
    facts = PdfFacts(sha256=sha256_hex(data))
    facts.signed_prefix_sha256s.extend(sha256_hex(data[:end]) for end in _revision_ends(data))
    codes: list[str] = []
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        # Our signature, then each document timestamp after it (one per archival extension).
        for embedded in reader.embedded_signatures[:12]:
            try:
                byte_range = [int(x) for x in embedded.byte_range]
                end = byte_range[2] + byte_range[3]
            except Exception:  # noqa: S112  (hostile input: skip the broken object)
                continue
            if 0 < end < len(data):
                digest = sha256_hex(data[:end])
                if digest not in facts.signed_prefix_sha256s:
                    facts.signed_prefix_sha256s.append(digest)
        _add_codes(codes, _link_codes(reader))
        _add_codes(codes, _embedded_file_codes(reader))
    except Exception as error:  # hostile or broken file: fall back to raw bytes
        logger.info("PDF structure unreadable: %s", type(error).__name__)
        facts.readable = False
    # Uncompressed text and URIs (files made by other tools, forgeries).
    _add_codes(codes, _codes_in_text(data))
    facts.codes = codes
    return facts


def _link_codes(reader) -> list[bytes | str]:
    found: list[bytes | str] = []
    pages = reader.root["/Pages"]
    kids = list(pages.get("/Kids", []))[:_MAX_PAGES]
    for page_ref in kids:
        try:
            page = page_ref.get_object()
            annots = page.get("/Annots", [])
            annots = annots.get_object() if hasattr(annots, "get_object") else annots
            for annot_ref in list(annots)[:_MAX_ANNOTS]:
                annot = annot_ref.get_object()
                action = annot.get("/A")
                if action is None:
                    continue
                action = action.get_object()
                uri = action.get("/URI")
                if uri is not None:
                    found.extend(_codes_in_text(str(uri)))
        except Exception:  # noqa: S112  (hostile input: one bad page must not hide the rest)
            continue
    return found


def _embedded_file_codes(reader) -> list[bytes | str]:
    """The signed Open Badges credential travels inside the PDF; its id or subject names the
    verification URL."""
    found: list[bytes | str] = []
    names = reader.root.get("/Names")
    if names is None:
        return found
    embedded = names.get_object().get("/EmbeddedFiles")
    if embedded is None:
        return found
    items = embedded.get_object().get("/Names", [])
    # pyHanko may write the name array as an indirect object.
    items = items.get_object() if hasattr(items, "get_object") else items
    items = list(items)[: 2 * _MAX_EMBEDDED]
    for spec_ref in items[1::2]:
        try:
            spec = spec_ref.get_object()
            stream = spec["/EF"]["/F"].get_object()
            length = int(stream.get("/Length", 0))
            if length > _MAX_EMBEDDED_BYTES:
                continue
            content = stream.data
            if len(content) <= _MAX_EMBEDDED_BYTES:
                found.extend(_codes_in_text(content))
        except Exception:  # noqa: S112  (hostile input: skip the broken attachment)
            continue
    return found


def _signature(data: bytes, *, as_of: datetime | None = None) -> ValidationResult | None:
    try:
        keys = get_issuer_keys(settings.ISSUER_KEY_DIR)
        roots = [*keys.trust_roots, *tsa_trust_roots()]
        # Our own CRLs, not the file's: a signer revoked since signing is caught here.
        crls = list(revocation_lists(keys.key_dir).values())
    except Exception:
        logger.warning("issuer keys unavailable; PDF signatures cannot be checked", exc_info=True)
        return None
    return validate_pdf(data, roots, max_bytes=MAX_UPLOAD_BYTES, as_of=as_of, crls=crls)


def check_pdf(data: bytes) -> PdfReport:
    """The verdict on an uploaded file. At most one database query (the status change of a
    suspended or revoked certificate is read in it)."""
    facts = read_facts(data)
    signature = _signature(data)
    hashes = [facts.sha256, *facts.signed_prefix_sha256s]
    # The issued file, or the same certificate's PDF in another language (the holder's choice,
    # certificates.CertificatePdf): both are files we issued. Still one query, a row per file.
    query = Q(pdf_sha256__in=hashes) | Q(language_pdfs__sha256__in=hashes)
    if facts.codes:
        query |= Q(code__in=facts.codes)
    candidates = list(
        with_status_change(Certificate.objects.issued())
        .filter(query)
        .annotate(language_pdf_sha256=F("language_pdfs__sha256"))
        .select_related("version__program")[:50]
    )
    by_hash = {c.pdf_sha256: c for c in candidates}
    by_hash.update({c.language_pdf_sha256: c for c in candidates if c.language_pdf_sha256})
    by_code = {c.code: c for c in candidates}
    trusted = bool(signature and signature.intact and signature.valid and signature.trusted)

    report = PdfReport(
        verdict=NOT_OURS, sha256=facts.sha256, signature=signature, codes_found=facts.codes
    )
    exact = by_hash.get(facts.sha256)
    if exact is not None:
        if (
            signature is not None
            and not signature.trusted
            and not signature.revoked
            and exact.issued_at
        ):
            # Byte for byte the file we signed at exact.issued_at. Signing certificates
            # expire (5 years) while files stay in drawers: check the signature as of the
            # moment our own records say we made it, as a timestamp would let a validator do.
            report.signature = _signature(data, as_of=exact.issued_at)
        report.verdict, report.record = GENUINE, PublicRecord.of(exact)
        report.match = MATCH_EXACT
        report.reason = "This is exactly the file we issued; nothing in it has been changed."
        return report
    prefix = next((by_hash[h] for h in facts.signed_prefix_sha256s if h in by_hash), None)
    if (
        prefix is not None
        and signature is not None
        and signature.ok
        and signature.extended
        # Whole revisions only: pyHanko ignores bytes after the last %%EOF, we do not.
        and data.rstrip(b"\r\n").endswith(b"%%EOF")
    ):
        report.verdict, report.record = GENUINE, PublicRecord.of(prefix)
        report.match = MATCH_EXTENDED
        report.reason = (
            "This is the file we issued, with long-term validation data (timestamps and "
            "revocation lists) added since to keep its signature verifiable."
        )
        return report
    if prefix is not None:
        report.verdict, report.record = ALTERED, PublicRecord.of(prefix)
        report.match = MATCH_PREFIX
        report.reason = (
            "This file is one of our certificates with changes added after it was issued."
        )
        return report
    named = next((by_code[c] for c in facts.codes if c in by_code), None)
    if named is not None:
        report.verdict, report.record = ALTERED, PublicRecord.of(named)
        report.match = MATCH_CODE
        report.reason = (
            "This file names one of our certificates, but it is not the file we issued for it."
        )
        return report
    if trusted:
        report.verdict = UNKNOWN
        report.reason = (
            "The file carries our signature, but we have no issued certificate that matches it."
        )
    elif signature is None:
        # Without the signature check we cannot say it is not ours.
        report.verdict = UNKNOWN
        report.reason = (
            "The file matches no certificate we issued, and its signature could not be "
            "checked just now. Try again later."
        )
    elif not facts.readable and not signature.intact:
        report.reason = (
            "The file could not be read as a PDF, and it matches no certificate we issued."
        )
    elif signature.message == _NO_SIGNATURE:
        report.reason = "The file is not signed and matches no certificate we issued."
    else:
        report.reason = "The file is not signed by us and matches no certificate we issued."
    return report
