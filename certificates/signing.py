"""PAdES certification signatures on certificate PDFs, and their offline validation.

Each certificate PDF carries one *certification* signature with DocMDP "no changes allowed",
made at PAdES baseline B-LTA so it keeps validating after the signing certificate expires:

- B-T: the signature carries an RFC 3161 timestamp, from the TSA at ``PEERCERT_TSA_URL`` or,
  when none is configured, from the issuer's own time-stamping key (certificates/keys.py);
- B-LT: our root's CRL and the certificates are written into the document security store
  (DSS) at signing time, so nothing has to be fetched to check revocation as of then;
- B-LTA: a document timestamp seals the DSS; certificates/archival.py adds fresh ones before
  the TSA certificate behind the last one expires.

Only DSS updates and document timestamps may follow the signature (PAdES' "LTA updates",
which DocMDP level 1 allows); anything else appended — a new annotation, a redrawn name, an
extra signature — breaks the DocMDP promise, so validation fails although the signed bytes
are intact.

Validation pins our own root(s) and never goes to the network: a verifier that fetched
certificates or revocation data from URLs inside an uploaded PDF would be an SSRF vector.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto import algos, cms, core, tsp
from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from cryptography import x509 as pyca_x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.general import as_signing_certificate, simple_cms_attribute
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    KeyUsageConstraints,
    SignatureCoverageLevel,
    validate_pdf_signature,
    validate_pdf_timestamp,
)
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.policy_decl import (
    LocalKnowledge,
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy
from pyhanko_certvalidator.registry import SimpleCertificateStore, SimpleTrustManager
from pyhanko_certvalidator.revinfo.archival import CRLContainer

from .keys import IssuerKeys, TimestampingKey, revocation_lists

__all__ = [
    "DEFAULT_FIELD_NAME",
    "MAX_PDF_BYTES",
    "EmbeddedFile",
    "IssuerTimeStamper",
    "ValidationResult",
    "sha256_hex",
    "sign_pdf",
    "signing_validation_context",
    "timestamper_for",
    "tsa_trust_roots",
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
    timestamper: TimeStamper | None = None,
) -> bytes:
    """Certify ``pdf_bytes`` with the issuer's current document-signing key, at PAdES B-LTA.

    Files in ``embedded_files`` are attached in the same revision as the signature, so they
    are covered by it. ``timestamper`` defaults to :func:`timestamper_for`; with none at all
    (an imported PKCS#12 signer and no ``PEERCERT_TSA_URL``) the signature is PAdES B-B, as
    nothing could vouch for when it was made. Only an external TSA means network traffic.
    """
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
    for name, content, mime_type in embedded_files:
        _attach(writer, name=name, content=content, mime_type=mime_type)

    timestamper = timestamper or timestamper_for(keys)
    long_term = timestamper is not None
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
        embed_validation_info=long_term,
        use_pades_lta=long_term,
        timestamp_field_name=f"{field_name}Archive1" if long_term else None,
        validation_context=signing_validation_context(keys, timestamper) if long_term else None,
    )
    output = signers.sign_pdf(
        writer,
        metadata,
        signer=keys.signer,
        timestamper=timestamper,
        bytes_reserved=_reserved_hex_chars(keys, timestamper),
    )
    return output.getvalue()


def _reserved_hex_chars(keys: IssuerKeys, timestamper: TimeStamper | None) -> int:
    """Room for the CMS blob, in hex digits, without pyHanko's trial signature.

    pyHanko otherwise sizes the placeholder by producing a complete dummy signature first,
    which was ~40% of signing time. The blob is the embedded certificates plus signed
    attributes and one signature value; 3 KiB of headroom covers an RSA-4096 signature
    and its attributes with margin to spare. A timestamp token adds its own certificates;
    an external TSA's are unknown in advance, so it gets a generous 12 KiB.
    """
    embedded = len(keys.signer_cert.dump()) + sum(len(c.dump()) for c in keys.signer.cert_registry)
    if isinstance(timestamper, IssuerTimeStamper):
        embedded += timestamper.token_size_bound
    elif timestamper is not None:
        embedded += 12 * 1024
    return 2 * (embedded + 3072)


# A policy OID needs no registration under the UUID arc (ITU-T X.667); this one names
# "timestamps made by a PeerCert issuer's own time-stamping key".
_TSA_POLICY = f"2.25.{uuid.UUID('6f1c9a52-3a7e-4c1d-9a54-2b8f0f6d7c31').int}"


class IssuerTimeStamper(DummyTimeStamper):
    """An RFC 3161 time-stamping unit backed by the issuer's own TSA key, in process.

    pyHanko's DummyTimeStamper builds a correct token but is RSA-only and re-parses the key
    on every request (160 ms for RSA-3072); this keeps the parsed P-256 key, signs with
    ECDSA and names our own policy. The clock is the host's: run NTP, as any TSA must.
    """

    def __init__(self, key: TimestampingKey) -> None:
        super().__init__(
            tsa_cert=key.certificate,
            tsa_key=None,  # type: ignore[arg-type]  # signing goes through _private_key
            certs_to_embed=SimpleCertificateStore.from_certs(list(key.chain)),
        )
        self._private_key = key.private_key
        self.token_size_bound = (
            len(key.certificate.dump()) + sum(len(c.dump()) for c in key.chain) + 1024
        )

    def _build_tst_info(
        self, message_imprint: tsp.MessageImprint, dt: datetime, req: tsp.TimeStampReq
    ) -> tsp.TSTInfo:
        info = super()._build_tst_info(message_imprint, dt.astimezone(UTC), req)
        info["policy"] = tsp.ObjectIdentifier(_TSA_POLICY)
        return info

    def _sign_tst_info(
        self, tst_info_data: bytes, md_algorithm: str, dt: datetime
    ) -> tuple[bytes, cms.CMSAttributes]:
        digest = hashes.Hash(hashes.SHA256())
        digest.update(tst_info_data)
        signed_attrs = cms.CMSAttributes(
            [
                simple_cms_attribute("content_type", "tst_info"),
                simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(dt)})),
                simple_cms_attribute("signing_certificate", as_signing_certificate(self.tsa_cert)),
                simple_cms_attribute("message_digest", digest.finalize()),
            ]
        )
        signature = self._private_key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
        return signature, signed_attrs

    def _build_signed_data(
        self,
        tst_info_data: bytes,
        md_algorithm: str,
        signature: bytes,
        signed_attrs: cms.CMSAttributes,
    ) -> dict:
        # The token's digest is always SHA-256 (what _sign_tst_info computes), whatever the
        # request's message imprint used.
        signed_data = super()._build_signed_data(tst_info_data, "sha256", signature, signed_attrs)
        signer_info = signed_data["signer_infos"][0]
        signer_info["signature_algorithm"] = algos.SignedDigestAlgorithm(
            {"algorithm": "sha256_ecdsa"}
        )
        return signed_data


_timestampers: dict[str, TimeStamper] = {}
_timestampers_lock = threading.Lock()


def timestamper_for(keys: IssuerKeys) -> TimeStamper | None:
    """The configured TSA (``PEERCERT_TSA_URL``), else the issuer's own, else None.

    One instance per TSA and process: pyHanko caches a trial token per instance to size
    signatures, which would otherwise cost a second timestamp on every certificate.
    """
    url = _setting("PEERCERT_TSA_URL")
    cache_key = (
        f"url:{url}" if url else f"key:{keys.timestamping.key_id}" if keys.timestamping else ""
    )
    if not cache_key:
        return None
    with _timestampers_lock:
        stamper = _timestampers.get(cache_key)
        if stamper is None:
            if url:
                stamper = HTTPTimeStamper(url, timeout=10)
            else:
                assert keys.timestamping is not None
                stamper = IssuerTimeStamper(keys.timestamping)
            _timestampers[cache_key] = stamper
        return stamper


def tsa_trust_roots() -> list[asn1_x509.Certificate]:
    """Roots of an external TSA (``PEERCERT_TSA_ROOTS``: a PEM file), trusted for timestamps."""
    path = _setting("PEERCERT_TSA_ROOTS")
    if not path:
        return []
    return [
        asn1_x509.Certificate.load(c.public_bytes(Encoding.DER))
        for c in pyca_x509.load_pem_x509_certificates(Path(path).read_bytes())
    ]


def signing_validation_context(
    keys: IssuerKeys, timestamper: TimeStamper | None = None
) -> ValidationContext:
    """What pyHanko validates the signer and TSA against before signing, and embeds in the DSS.

    Our root's CRL is made here, not fetched; an external TSA's revocation data can only come
    from its CA, so fetching is allowed exactly when one is configured.
    """
    external = timestamper is not None and not isinstance(timestamper, IssuerTimeStamper)
    return ValidationContext(
        trust_roots=[*keys.trust_roots, *tsa_trust_roots()],
        crls=list(revocation_lists(keys.key_dir).values()),
        allow_fetching=external,
        revocation_mode="hard-fail" if external else "soft-fail",
    )


def _setting(name: str) -> str:
    """A Django setting when Django is configured (the app), else the environment (scripts)."""
    if settings.configured:
        return str(getattr(settings, name, "") or "")
    return os.environ.get(name, "")


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
    # The signature covers the whole file, or everything after it is DSS updates and
    # document timestamps (PAdES long-term validation data), which change nothing shown.
    covers_whole_file: bool = False
    docmdp_ok: bool = False
    message: str = ""
    signer_subject: str | None = None
    signed_at: datetime | None = None
    # Set when the signing certificate was checked as of this moment rather than now.
    as_of: datetime | None = None
    # The signature's RFC 3161 timestamp, when it carries one from a TSA we trust.
    timestamped_at: datetime | None = None
    # Long-term validation data (DSS, document timestamps) follows the signature.
    extended: bool = False
    # The signing certificate is no longer valid today and trust came from PAdES long-term
    # validation: the timestamps prove the signature existed while it was.
    long_term: bool = False
    # The signing certificate is on its issuer's revocation list.
    revoked: bool = False

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
    crls: Sequence[bytes] = (),
) -> ValidationResult:
    """Check the certification signature of ``pdf_bytes`` against ``root_cert``.

    ``root_cert`` may be one root or several (current and retired issuers). ``crls`` are the
    issuer's current revocation lists (DER): a signer certificate on them is not trusted,
    whatever the file itself embeds. Never raises on bad input: uploads are hostile by
    assumption, and a verifier page must answer "not valid", not crash. ``as_of`` checks the
    signing certificate's validity at that moment instead of now (for signatures without a
    timestamp, only a caller that knows from its own records when the file was signed may
    pass it). A signature whose certificate has since expired is judged by PAdES long-term
    validation (ETSI EN 319 102-1 §5.6.3) from its timestamps and embedded CRLs.
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
        signatures = reader.embedded_regular_signatures
        document_timestamps = reader.embedded_timestamp_signatures
    except Exception:
        return ValidationResult(message="not a readable PDF")
    if not signatures:
        return ValidationResult(message="no signature")

    # Ours is the first (and only) signature; validating the first means a signature
    # appended by someone else can never stand in for it.
    embedded: EmbeddedPdfSignature = signatures[0]
    try:
        context = ValidationContext(
            trust_roots=roots,
            allow_fetching=False,
            revocation_mode="soft-fail",
            moment=as_of,
            crls=list(crls),
        )
        status = validate_pdf_signature(
            embedded,
            signer_validation_context=context,
            ts_validation_context=context,
            key_usage_settings=_KEY_USAGE,
        )
        outlived = getattr(status.trust_problem_indic, "name", None) in _OUTLIVED
        if not status.trusted and outlived and as_of is None:
            lta_status = _long_term_status(embedded, roots, crls)
            if lta_status is not None:
                status = lta_status
                as_of = status.timestamp_validity.timestamp if status.timestamp_validity else None
        # A document timestamp vouches for every byte before it: one that no longer matches
        # means the long-term data after our signature was tampered with.
        archive_intact = all(
            _timestamp_intact(timestamp, context) for timestamp in document_timestamps
        )
    except Exception as exc:
        logger.info("signature validation failed: %s: %s", type(exc).__name__, exc)
        return ValidationResult(message="signature could not be validated")

    try:
        is_certification = embedded.docmdp_level is MDPPerm.NO_CHANGES
    except Exception:
        is_certification = False
    ts = status.timestamp_validity
    # pyHanko only consults a CRL for certificates that point to one; ours made before they
    # carried a distribution point are checked against our lists all the same.
    revoked = getattr(status.trust_problem_indic, "name", None) in _REVOKED or _listed_in(
        crls, status.signing_cert
    )
    result = ValidationResult(
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted) and not revoked,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level == ModificationLevel.LTA_UPDATES
            and archive_intact
        ),
        docmdp_ok=bool(status.docmdp_ok) and is_certification,
        signer_subject=_subject(status.signing_cert),
        signed_at=status.signer_reported_dt,
        as_of=as_of,
        timestamped_at=ts.timestamp if ts is not None and ts.intact and ts.trusted else None,
        extended=status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and bool(document_timestamps),
        long_term=status.trusted and as_of is not None and ts is not None,
        revoked=revoked,
    )
    return _with_message(result, extra_signatures=len(signatures) - 1)


def _timestamp_intact(timestamp: EmbeddedPdfSignature, context: ValidationContext) -> bool:
    status = validate_pdf_timestamp(timestamp, validation_context=context)
    return bool(status.intact and status.valid)


def _listed_in(crls: Sequence[bytes], cert: Any) -> bool:
    if cert is None or not crls:
        return False
    signer = pyca_x509.load_der_x509_certificate(cert.dump())
    for der in crls:
        crl = pyca_x509.load_der_x509_crl(der)
        if crl.issuer == signer.issuer and crl.get_revoked_certificate_by_serial_number(
            signer.serial_number
        ):
            return True
    return False


_REVOKED = frozenset({"REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"})


# Why the basic check distrusts a certificate that has merely expired (or is not yet
# valid): long-term validation may still vouch for it from the signature's timestamps.
# Revocation is never among these: a revoked signer stays distrusted.
_OUTLIVED = frozenset({"OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "EXPIRED"})


def _long_term_status(
    embedded: EmbeddedPdfSignature,
    roots: Sequence[asn1_x509.Certificate],
    crls: Sequence[bytes],
) -> Any:
    """PAdES-LTA validation with only what the file embeds and our own CRLs: no fetching."""
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=list(roots)),
        revinfo_policy=CertRevTrustPolicy(RevocationCheckingPolicy.from_legacy("soft-fail")),
    )
    spec = PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=policy,
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
            local_knowledge=LocalKnowledge(
                known_crls=[CRLContainer(asn1_crl.CertificateList.load(c)) for c in crls]
            ),
            key_usage_settings=_KEY_USAGE,
        )
    )
    result = asyncio.run(ades_lta_validation(embedded, spec))
    status = result.api_status
    if status is None or not status.trusted:
        return None
    return status


def _with_message(result: ValidationResult, *, extra_signatures: int) -> ValidationResult:
    if not result.intact:
        message = "document content does not match its signature"
    elif not result.valid:
        message = "signature is cryptographically invalid"
    elif result.revoked:
        message = "the signing certificate has been revoked"
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
