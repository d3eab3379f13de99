"""Writing a primary-source verification report: read the certificate's public record now,
keep it, lay it out as a PDF and sign it with the issuer's document-signing key — the same
WeasyPrint renderer and PAdES signing as the certificates (certificates.pdf, .signing).

Who may ask is the caller's business (employers.services.reports: an employer, for a
certificate on their roster); this module records who did."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from certificates.keys import get_issuer_keys
from certificates.models import Certificate
from certificates.signing import sign_pdf

from .models import VerificationReport
from .selectors import PublicRecord

REPORT_TEMPLATE = "verification/report_pdf.html"
REPORT_DIR = "reports"


def snapshot(certificate: Certificate, *, at) -> dict:
    """What the report states: the public record as the API gives it (status, dates, stage,
    endorsements, public actions, billable status where the record has them), with the serial,
    code and program, and when it was read."""
    record = PublicRecord.of(certificate)
    return {
        **record.as_api(),
        "serial": certificate.serial,
        "code": certificate.code,
        "display_code": certificate.display_code,
        "program": certificate.version.program.name,
        "program_version": certificate.version.label,
        "verification_url": certificate.verification_url,
        "checked_at": at.isoformat(),
    }


def render_report_pdf(report: VerificationReport) -> bytes:
    from certificates.pdf import render_html_to_pdf  # loads WeasyPrint (½ s): PDFs only

    html = render_to_string(
        REPORT_TEMPLATE,
        {
            "report": report,
            "s": report.snapshot,
            "issuer_name": settings.PEERCERT_ISSUER_NAME,
            "site_url": settings.SITE_URL,
        },
    )
    return render_html_to_pdf(html, title=f"Verification report {report.display_id}")


@transaction.atomic
def report_create(
    *, certificate: Certificate, organisation: str, requested_by
) -> VerificationReport:
    """Read, keep, render, sign, store: one report. Raises certificates.keys.IssuerKeyError
    when the issuer's keys are missing (nothing is kept then)."""
    now = timezone.now()
    certificate = Certificate.objects.select_related("version__program").get(pk=certificate.pk)
    report = VerificationReport.objects.create(
        certificate=certificate,
        organisation=organisation,
        requested_by=requested_by,
        created_at=now,
        snapshot=snapshot(certificate, at=now),
    )
    keys = get_issuer_keys(settings.ISSUER_KEY_DIR)
    signed = sign_pdf(
        render_report_pdf(report),
        keys,
        reason=f"Primary-source verification report issued by {keys.organisation}",
    )
    digest = hashlib.sha256(signed).hexdigest()
    name = report.pdf.storage.save(
        f"{REPORT_DIR}/{report.report_id}/{digest[:32]}.pdf", ContentFile(signed)
    )
    VerificationReport.objects.filter(pk=report.pk).update(pdf=name, pdf_sha256=digest)
    report.pdf.name, report.pdf_sha256 = name, digest
    return report
