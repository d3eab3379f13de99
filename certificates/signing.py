"""PAdES certification signatures on certificate PDFs, and their offline validation.

Each certificate PDF carries exactly one signature: a *certification* signature with DocMDP
"no changes allowed". Any byte appended after signing — a new annotation, a redrawn name,
an extra signature — makes the signature stop covering the whole file and breaks the
DocMDP promise, so validation fails even though the original signed bytes are intact.

Validation pins our own root(s) and never goes to the network: a verifier that fetched
certificates or revocation data from URLs inside an uploaded PDF would be an SSRF vector.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509 as pyca_x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    KeyUsageConstraints,
    SignatureCoverageLevel,
    validate_pdf_signature,
)
from pyhanko_certvalidator import ValidationContext

from .keys import IssuerKeys

__all__ = [
    "DEFAULT_FIELD_NAME",
    "MAX_PDF_BYTES",
    "EmbeddedFile",
    "ValidationResult",
    "sha256_hex",
    "sign_pdf",
    "validate_pdf",
]

logger = logging.getLogger(__name__)

DEFAULT_FIELD_NAME = "PeerCertSignature"
# A one-page certificate is tens of kilobytes; anything near this is not one of ours and
# is refused before a parser spends time and memory on it.
MAX_PDF_BYTES = 20 * 1024 * 1024

# (file name, content, MIME type), e.g. ("credential.json", b"{...}", "application/json").
EmbeddedFile = tuple[str, bytes, str]

# Either bit is a legitimate signing purpose; organisations' own certificates (PKCS#12
# imports) often carry only digitalSignature, ours carry both.
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sign_pdf(
    pdf_bytes: bytes,
    keys: IssuerKeys,
    *,
    field_name: str = DEFAULT_FIELD_NAME,
    reason: str | None = None,
    location: str | None = None,
    embedded_files: Iterable[EmbeddedFile] = (),
) -> bytes:
    """Certify ``pdf_bytes`` with the issuer's current document-signing key (PAdES B-B).

    Files in ``embedded_files`` are attached in the same revision as the signature, so
    they are covered by it. No timestamp authority is contacted: signing never touches
    the network.
    """
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
    for name, content, mime_type in embedded_files:
        _attach(writer, name=name, content=content, mime_type=mime_type)

    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason or f"Certificate issued by {keys.organisation}",
        location=location,
        name=keys.organisation,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        signer_key_usage={"digital_signature", "non_repudiation"},
    )
    output = signers.sign_pdf(
        writer, metadata, signer=keys.signer, bytes_reserved=_reserved_hex_chars(keys)
    )
    return output.getvalue()


def _reserved_hex_chars(keys: IssuerKeys) -> int:
    """Room for the CMS blob, in hex digits, without pyHanko's trial signature.

    pyHanko otherwise sizes the placeholder by producing a complete dummy signature first,
    which was ~40% of signing time. The blob is the embedded certificates plus signed
    attributes and one signature value; 3 KiB of headroom covers an RSA-4096 signature
    and its attributes with margin to spare.
    """
    embedded = len(keys.signer_cert.dump()) + sum(len(c.dump()) for c in keys.signer.cert_registry)
    return 2 * (embedded + 3072)


def _attach(writer: IncrementalPdfFileWriter, *, name: str, content: bytes, mime_type: str) -> None:
    stream = EmbeddedFileObject.from_file_data(
        writer,
        data=content,
        mime_type=mime_type,
        params=EmbeddedFileParams(embed_size=True, embed_checksum=True),
    )
    embed_file(
        writer,
        FileSpec(
            file_spec_string=name,
            file_name=name,
            embedded_data=stream,
            # "Data": the file carries the same facts as the page (PDF/A-3's vocabulary).
            af_relationship=generic.NameObject("/Data"),
        ),
    )


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """Outcome of checking a certificate PDF's signature against pinned roots."""

    intact: bool = False
    valid: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    docmdp_ok: bool = False
    message: str = ""
    signer_subject: str | None = None
    signed_at: datetime | None = None
    # Set when the signing certificate was checked as of this moment rather than now.
    as_of: datetime | None = None

    @property
    def ok(self) -> bool:
        return (
            self.intact
            and self.valid
            and self.trusted
            and self.covers_whole_file
            and self.docmdp_ok
        )


RootCertificates = (
    asn1_x509.Certificate
    | pyca_x509.Certificate
    | Sequence[asn1_x509.Certificate | pyca_x509.Certificate]
)


def validate_pdf(
    pdf_bytes: bytes,
    root_cert: RootCertificates,
    *,
    max_bytes: int = MAX_PDF_BYTES,
    as_of: datetime | None = None,
) -> ValidationResult:
    """Check the certification signature of ``pdf_bytes`` against ``root_cert``.

    ``root_cert`` may be one root or several (current and retired issuers). Never raises on
    bad input: uploads are hostile by assumption, and a verifier page must answer "not
    valid", not crash. ``as_of`` checks the signing certificate's validity at that moment
    instead of now (the signature carries no timestamp, so only a caller that knows when the
    file was signed, from its own records, may pass it).
    """
    if not isinstance(pdf_bytes, bytes | bytearray | memoryview):
        return ValidationResult(message="not a readable PDF")
    if len(pdf_bytes) > max_bytes:
        return ValidationResult(message="file too large to be a certificate")
    try:
        roots = _as_asn1_roots(root_cert)
    except Exception:
        # A bad trust anchor is our configuration error, not the uploader's: log loudly.
        logger.exception("unusable trust root passed to validate_pdf")
        return ValidationResult(message="verifier misconfigured")

    try:
        reader = PdfFileReader(BytesIO(bytes(pdf_bytes)))
        signatures = reader.embedded_signatures
    except Exception:
        return ValidationResult(message="not a readable PDF")
    if not signatures:
        return ValidationResult(message="no signature")

    # Ours is the first (and only) signature; validating the first means a signature
    # appended by someone else can never stand in for it.
    embedded: EmbeddedPdfSignature = signatures[0]
    try:
        context = ValidationContext(
            trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail", moment=as_of
        )
        status = validate_pdf_signature(
            embedded, signer_validation_context=context, key_usage_settings=_KEY_USAGE
        )
    except Exception as exc:
        logger.info("signature validation failed: %s: %s", type(exc).__name__, exc)
        return ValidationResult(message="signature could not be validated")

    try:
        is_certification = embedded.docmdp_level is MDPPerm.NO_CHANGES
    except Exception:
        is_certification = False
    result = ValidationResult(
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        docmdp_ok=bool(status.docmdp_ok) and is_certification,
        signer_subject=_subject(status.signing_cert),
        signed_at=status.signer_reported_dt,
        as_of=as_of,
    )
    return _with_message(result, extra_signatures=len(signatures) - 1)


def _with_message(result: ValidationResult, *, extra_signatures: int) -> ValidationResult:
    if not result.intact:
        message = "document content does not match its signature"
    elif not result.valid:
        message = "signature is cryptographically invalid"
    elif not result.trusted:
        message = "signed by an issuer that is not trusted"
    elif not result.covers_whole_file:
        message = (
            "document was changed after signing"
            if extra_signatures == 0
            else "document was changed and re-signed after issuance"
        )
    elif not result.docmdp_ok:
        message = "document is not a certified PeerCert original"
    else:
        message = "valid signature by a trusted issuer; document unchanged since signing"
    return replace(result, message=message)


def _subject(cert: Any) -> str | None:
    try:
        return str(cert.subject.human_friendly)
    except Exception:
        return None


def _as_asn1_roots(roots: RootCertificates) -> list[asn1_x509.Certificate]:
    items: list[Any] = (
        [roots] if isinstance(roots, asn1_x509.Certificate | pyca_x509.Certificate) else list(roots)
    )
    if not items:
        raise ValueError("at least one trust root is required")
    converted = []
    for item in items:
        if isinstance(item, pyca_x509.Certificate):
            item = asn1_x509.Certificate.load(item.public_bytes(Encoding.DER))
        if not isinstance(item, asn1_x509.Certificate):
            raise TypeError(f"not a certificate: {type(item).__name__}")
        converted.append(item)
    return converted
