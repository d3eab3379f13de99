"""Primary-source verification reports: an employer's record, signed by the issuer, of what
this site said about one certificate at one moment, and who asked.

The report has its own random id (as many bits as a certificate's code, never derived from a
database id), which anyone holding the PDF can check at /verify/report/<id>/. What was
verified is kept as it was shown (``snapshot``): a later change of the certificate does not
rewrite an old report, the page says what changed since."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import group_code, new_verification_code, private_storage


class VerificationReport(models.Model):
    report_id = models.CharField(
        max_length=40, unique=True, default=new_verification_code, editable=False
    )
    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.PROTECT, related_name="verification_reports"
    )
    # Who verified: the organisation an administrator approved the employer tools for, and the
    # account that asked (kept if the account closes: the report stays a record).
    organisation = models.CharField(_("organisation"), max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verification_reports",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    snapshot = models.JSONField(default=dict, editable=False)
    pdf = models.FileField(storage=private_storage, upload_to="reports/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("verification report")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Report {self.display_id}"

    @property
    def display_id(self) -> str:
        return group_code(self.report_id)

    @property
    def verification_path(self) -> str:
        return f"/verify/report/{self.report_id}/"

    @property
    def verification_url(self) -> str:
        return f"{settings.SITE_URL}{self.verification_path}"
