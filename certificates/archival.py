"""Keeping issued certificate PDFs verifiable for decades: PAdES B-LTA maintenance.

A certificate PDF's signature stays verifiable after its signing certificate expires because a
document timestamp vouches that the signature, its certificates and its CRL existed while all
were valid (certificates/signing.py). That timestamp is itself only verifiable while the
certificate of the TSA that made it is valid, so before that certificate expires this job
appends the validation data for the last timestamp (its CRL and certificates, in the DSS) and
a fresh document timestamp on top — the "archive timestamp chain" of ETSI EN 319 142-1.

Runs daily from cms/daily.py. It only appends: the bytes we issued stay a signed prefix of the
stored file, so `Certificate.pdf_sha256` keeps naming the issued file and copies holders
downloaded before an extension stay genuine (verification/pdfcheck.py).
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
from datetime import datetime, timedelta
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers import PdfTimeStamper
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.validation import add_validation_info

from .keys import IssuerKeyError, IssuerKeys, get_issuer_keys, rotate_timestamping_key
from .models import Certificate
from .signing import DEFAULT_FIELD_NAME, signing_validation_context, timestamper_for

__all__ = ["HORIZON", "archive_expiry", "extend_archive", "extend_due"]

logger = logging.getLogger(__name__)

# Re-timestamp this long before the last timestamp's TSA certificate expires: the job may
# not run for weeks (an outage, a holiday freeze) without a single PDF falling out.
HORIZON = timedelta(days=180)
# A new in-process TSA certificate is made when the current one has less than this left, so
# fresh timestamps never need extending within months of being made.
TSA_MIN_REMAINING = timedelta(days=365)
BATCH = 1000


def archive_expiry(pdf_bytes: bytes) -> datetime | None:
    """When the certificate behind the file's last document timestamp expires (None: no
    document timestamp, a PDF signed before PAdES B-LTA)."""
    reader = PdfFileReader(BytesIO(pdf_bytes))
    timestamps = reader.embedded_timestamp_signatures
    if not timestamps:
        return None
    return timestamps[-1].signer_cert.not_valid_after


def extend_archive(
    pdf_bytes: bytes, keys: IssuerKeys, *, timestamper: TimeStamper | None = None
) -> bytes:
    """Append the last timestamp's validation data and a new document timestamp.

    A PDF signed before B-LTA (no document timestamp yet) first gets its signature's own
    validation data, so the new timestamp seals the CRL as it is today.
    """
    timestamper = timestamper or timestamper_for(keys)
    if timestamper is None:
        raise RuntimeError("no TSA: configure PEERCERT_TSA_URL or run `issuer_keys init`")
    context = signing_validation_context(keys, timestamper)
    reader = PdfFileReader(BytesIO(pdf_bytes))
    count = len(reader.embedded_timestamp_signatures)
    if count == 0:
        first = reader.embedded_regular_signatures[0]
        pdf_bytes = add_validation_info(first, context, in_place=False).getvalue()
        reader = PdfFileReader(BytesIO(pdf_bytes))
    stamper = PdfTimeStamper(timestamper, field_name=f"{DEFAULT_FIELD_NAME}Archive{count + 1}")
    if count == 0:
        writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
        output = stamper.timestamp_pdf(writer, "sha256", context, in_place=False)
        return output.getvalue()
    return stamper.update_archival_timestamp_chain(reader, context, in_place=False).getvalue()


def extend_due(*, now: datetime | None = None, horizon: timedelta = HORIZON) -> int:
    """Re-timestamp every issued PDF whose last timestamp expires within ``horizon``.

    Returns how many files were extended. Idempotent: a file extended today is not due again
    for years. One unreadable file is logged and skipped, never stops the rest.
    """
    now = now or timezone.now()
    due = list(
        Certificate.objects.exclude(pdf="")
        .exclude(issued_at=None)
        .filter(Q(pdf_archive_expires_at=None) | Q(pdf_archive_expires_at__lt=now + horizon))
        .order_by("pk")
        .only("pk", "code", "pdf")[:BATCH]
    )
    if not due:
        return 0
    try:
        keys = _fresh_timestamping(get_issuer_keys(settings.ISSUER_KEY_DIR), now=now)
    except IssuerKeyError:
        # Signing is down too; the rest of the daily run must still happen.
        logger.exception("issuer keys unusable: no archive timestamps extended today")
        return 0
    extended = 0
    for certificate in due:
        try:
            with certificate.pdf.open("rb") as handle:
                data = handle.read()
            expiry = archive_expiry(data)
            if expiry is None or expiry < now + horizon:
                data = extend_archive(data, keys)
                expiry = archive_expiry(data)
                _replace_file(certificate, data)
                extended += 1
        except Exception:
            logger.exception("could not extend the archive timestamp of %s", certificate.code)
            continue
        Certificate.objects.filter(pk=certificate.pk).update(pdf_archive_expires_at=expiry)
    return extended


def _fresh_timestamping(keys: IssuerKeys, *, now: datetime) -> IssuerKeys:
    if getattr(settings, "PEERCERT_TSA_URL", ""):
        return keys
    stamping = keys.timestamping
    if stamping is not None and stamping.not_after - now > TSA_MIN_REMAINING:
        return keys
    logger.info("time-stamping certificate expires %s: rotating", stamping and stamping.not_after)
    return rotate_timestamping_key(keys.key_dir)


def _replace_file(certificate: Certificate, data: bytes) -> None:
    """Store the extended file beside the old one, named by its own hash as issuance names
    files, point the row at it, then remove the old one: a download never finds nothing."""
    storage = certificate.pdf.storage
    old = certificate.pdf.name
    name = posixpath.join(posixpath.dirname(old), f"{hashlib.sha256(data).hexdigest()[:32]}.pdf")
    stored = name if storage.exists(name) else storage.save(name, ContentFile(data))
    Certificate.objects.filter(pk=certificate.pk).update(pdf=stored)
    if stored != old and storage.exists(old):
        storage.delete(old)
