"""Continuing education: the rules per program version (data, edited in the admin), CE records
with their proofs, renewal applications, lapses and the reminders already sent."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from certificates.models import private_storage
from courses.framework import TranslatedNames, localized

APPROVED_IMMUTABLE = "An approved CE record cannot be changed."
INITIAL_TRAINING_IS_NOT_CE = (
    "This credential requires the course for initial certification: it cannot also earn CE for it."
)


class DeliveryMode(models.TextChoices):
    LIVE_IN_PERSON = "live_in_person", _("Live, in person")
    LIVE_ONLINE = "live_online", _("Live, online (real time)")
    SELF_STUDY_ONLINE = "self_study_online", _("Online self-study")
    SELF_STUDY_OTHER = "self_study_other", _("Self-study (print, video, podcast)")


class CECategory(models.Model):
    """A CE topic a board counts separately (ethics, confidentiality, cultural competency…)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=120,
        blank=True,
        help_text=_("Shown to Spanish readers. Empty: they see the English name."),
    )
    description = models.TextField(_("description"), blank=True)
    description_es = models.TextField(
        _("description in Spanish"),
        blank=True,
        help_text=_("Shown to Spanish readers. Empty: they see the English description."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_es")]),
        FieldRowPanel([FieldPanel("description"), FieldPanel("description_es")]),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("CE category")
        verbose_name_plural = _("CE categories")

    def __str__(self) -> str:
        return self.localized_name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Rules and transcripts carry a category's English name: its translation is looked up.
        CATEGORY_NAMES.forget()
        transaction.on_commit(CATEGORY_NAMES.forget)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        CATEGORY_NAMES.forget()
        return result

    @property
    def localized_name(self) -> str:
        """The name in the reader's language (courses/framework.py): the English when empty."""
        return localized(self, "name")

    @property
    def localized_description(self) -> str:
        return localized(self, "description")


# A CE category's English name → the reader's language (rules and checklists carry names).
CATEGORY_NAMES = TranslatedNames("ce:category-names:v1", lambda: CECategory.objects.all())


def category_label(name, language: str | None = None) -> str:
    return CATEGORY_NAMES.label(name, language)


class DomainCECategory(models.Model):
    """Platform credit: hours a module allocates to a training domain count toward this CE
    category. Domains without a mapping count toward the total only."""

    domain = models.OneToOneField(
        "courses.TrainingDomain",
        on_delete=models.CASCADE,
        related_name="ce_category_mapping",
        verbose_name=_("domain"),
    )
    category = models.ForeignKey(
        CECategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("CE category")
    )

    panels = [FieldPanel("domain"), FieldPanel("category")]

    class Meta:
        verbose_name = _("domain → CE category")
        verbose_name_plural = _("domains → CE categories")

    def __str__(self) -> str:
        return f"{self.domain} → {self.category}"


class CERules(ClusterableModel):
    """The CE rules of one program version. Every number is data: boards differ and change."""

    version = models.OneToOneField(
        "certificates.ProgramVersion",
        on_delete=models.CASCADE,
        related_name="ce_rules",
        verbose_name=_("program version"),
    )
    cycle_months = models.PositiveSmallIntegerField(
        _("cycle length (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Must match the version's validity: a cycle ends on the expiry date."),
    )
    total_hours = models.DecimalField(
        _("CE hours per cycle"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    daily_cap_hours = models.DecimalField(
        _("daily cap (hours)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
        help_text=_("e.g. at most 8 h of online self-study per 24 h. Empty: no daily cap."),
    )
    daily_cap_mode = models.CharField(
        _("daily cap applies to"),
        max_length=30,
        choices=DeliveryMode.choices,
        default=DeliveryMode.SELF_STUDY_ONLINE,
    )
    window_days = models.PositiveSmallIntegerField(
        _("renewal window (days before expiry)"),
        default=90,
        help_text=_("Renewals may be submitted from this many days before the expiry date."),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period (days after expiry)"),
        default=90,
        help_text=_("Late renewal remains possible this long; after it the credential lapses."),
    )
    grace_consequence = models.TextField(
        _("grace period and lapse"),
        blank=True,
        default=(
            "During the grace period you may still renew; a late fee applies. After it the "
            "credential lapses and you must apply again as a new candidate."
        ),
        help_text=_("Shown to trainees whose certificate has expired."),
    )
    late_fee = models.CharField(
        _("late fee"),
        max_length=120,
        blank=True,
        help_text=_("As shown to trainees, e.g. “$50 late fee”."),
    )
    audit_rate_percent = models.DecimalField(
        _("audit sampling rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    auto_approve = models.BooleanField(
        _("approve renewals automatically"),
        default=False,
        help_text=_(
            "Renewals that meet every requirement and are not sampled for audit are "
            "approved without a reviewer."
        ),
    )

    panels = [
        FieldPanel("version"),
        FieldRowPanel([FieldPanel("cycle_months"), FieldPanel("total_hours")]),
        InlinePanel("category_minimums", label=_("Minimum hours per CE category")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("daily_cap_hours"), FieldPanel("daily_cap_mode")]),
                InlinePanel("mode_caps", label=_("Maximum hours per delivery mode")),
            ],
            heading=_("Caps"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("window_days"), FieldPanel("grace_days")]),
                FieldPanel("grace_consequence"),
                FieldPanel("late_fee"),
            ],
            heading=_("Renewal window and grace period"),
        ),
        MultiFieldPanel(
            [FieldPanel("audit_rate_percent"), FieldPanel("auto_approve")],
            heading=_("Review and audit"),
        ),
        InlinePanel(
            "ce_courses",
            label=_("PeerCert courses that earn CE"),
            help_text=_(
                "Completing a module of one of these courses adds an approved CE record for "
                "its contact hours. Initial certification training is not CE: a course this "
                "version requires for the credential cannot be listed."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("CE rules")
        verbose_name_plural = _("CE rules")

    def __str__(self) -> str:
        return _("CE rules of %(version)s") % {"version": self.version}

    def clean(self):
        super().clean()
        version = getattr(self, "version", None) if self.version_id else None
        if version is not None and self.cycle_months != version.validity_months:
            raise ValidationError(
                {
                    "cycle_months": _(
                        "The cycle must match the version's validity (%(months)s months): a cycle ends "
                        "on the certificate's expiry date."
                    )
                    % {"months": version.validity_months}
                }
            )


class CECategoryMinimum(models.Model):
    rules = ParentalKey(CERules, on_delete=models.CASCADE, related_name="category_minimums")
    category = models.ForeignKey(
        CECategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    min_hours = models.DecimalField(
        _("minimum hours"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25"))],
    )

    panels = [FieldPanel("category"), FieldPanel("min_hours")]

    class Meta:
        ordering = ["category__sort_order", "category__name"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "category"], name="unique_ce_category_minimum")
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.min_hours} h"


class CECourse(models.Model):
    """A PeerCert course whose completed modules earn CE toward one credential (these rules).
    Which courses count, and for which credentials, is data: a board approves continuing
    education, and the course a credential required for initial certification never is CE for
    it — retaking or finishing one of its modules after certification earns nothing."""

    rules = ParentalKey(CERules, on_delete=models.CASCADE, related_name="ce_courses")
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
    )

    panels = [FieldPanel("course")]

    class Meta:
        verbose_name = _("course that earns CE")
        verbose_name_plural = _("courses that earn CE")
        constraints = [models.UniqueConstraint(fields=["rules", "course"], name="unique_ce_course")]

    def __str__(self) -> str:
        return str(self.course)

    def clean(self):
        super().clean()
        if (
            self.course_id
            and self.rules_id
            and self.rules.version.course_requirements.filter(course_id=self.course_id).exists()
        ):
            raise ValidationError({"course": _(INITIAL_TRAINING_IS_NOT_CE)})


class CEModeCap(models.Model):
    rules = ParentalKey(CERules, on_delete=models.CASCADE, related_name="mode_caps")
    mode = models.CharField(_("delivery mode"), max_length=30, choices=DeliveryMode.choices)
    max_hours = models.DecimalField(
        _("maximum hours per cycle"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    panels = [FieldPanel("mode"), FieldPanel("max_hours")]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rules", "mode"], name="unique_ce_mode_cap")]

    def __str__(self) -> str:
        return f"{self.get_mode_display()}: ≤ {self.max_hours} h"


def proof_upload_to(instance, filename: str) -> str:
    # Random names: nothing personal in file names, nothing guessable.
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        instance.proof_content_type, "bin"
    )
    return f"ce-proofs/{secrets.token_hex(16)}.{extension}"


class CEActivityQuerySet(models.QuerySet):
    def for_holder(self, user):
        return self.filter(holder=user)

    def approved(self):
        return self.filter(status=CEActivity.Status.APPROVED)

    def awaiting_review(self):
        return self.filter(status=CEActivity.Status.SUBMITTED)


class CEActivity(models.Model):
    class Source(models.TextChoices):
        PLATFORM = "platform", _("PeerCert course")
        EXTERNAL = "external", _("External provider")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not accepted")

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ce_activities"
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    provider_approval_number = models.CharField(
        _("provider approval number"),
        max_length=80,
        blank=True,
        help_text=_("The provider's approval or accreditation number, if it has one."),
    )
    date = models.DateField(_("date completed"))
    hours = models.DecimalField(
        _("contact hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("100"))],
    )
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=30, choices=DeliveryMode.choices
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.EXTERNAL)
    source_module = models.ForeignKey(
        "courses.ModulePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Platform credit: the module's course, which decides the credentials it counts for
    # (CECourse rows of their rules).
    source_course = models.ForeignKey(
        "courses.CoursePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Platform credit is created once per module and cycle: "module:<id>:<cycle start>".
    platform_key = models.CharField(max_length=80, blank=True, editable=False)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(
        _("reason"), max_length=500, blank=True, help_text=_("Shown to the trainee.")
    )
    # Claimed before the decision e-mail goes out, so a retried job never sends it twice.
    decision_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    proof = models.FileField(storage=private_storage, upload_to=proof_upload_to, blank=True)
    proof_content_type = models.CharField(max_length=40, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    objects = CEActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-submitted_at"]
        verbose_name = _("CE record")
        verbose_name_plural = _("CE records")
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "platform_key"],
                condition=~Q(platform_key=""),
                name="one_platform_credit_per_module_and_cycle",
            ),
        ]
        indexes = [models.Index(fields=["holder", "date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d}, {self.hours} h)"

    def save(self, *args, **kwargs):
        # Approved records are evidence for a renewal: never edited afterwards.
        if self.pk and type(self).objects.filter(pk=self.pk, status=self.Status.APPROVED).exists():
            raise ValidationError(_(APPROVED_IMMUTABLE))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk, status=self.Status.APPROVED).exists():
            raise ValidationError(_(APPROVED_IMMUTABLE))
        return super().delete(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class CEAllocation(models.Model):
    """How many of an activity's hours fall in one CE category."""

    activity = models.ForeignKey(CEActivity, on_delete=models.CASCADE, related_name="allocations")
    category = models.ForeignKey(CECategory, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )

    class Meta:
        ordering = ["category__sort_order", "category__name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "category"], name="unique_ce_allocation")
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.hours} h"


class RenewalApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        AUDIT = "audit", _("Selected for audit")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    OPEN = (Status.SUBMITTED, Status.AUDIT)

    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.PROTECT, related_name="renewal_applications"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="renewal_applications"
    )
    cycle_start = models.DateField()
    cycle_end = models.DateField()
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    sampled_for_audit = models.BooleanField(default=False)
    late = models.BooleanField(default=False, help_text=_("Submitted in the grace period."))
    # What counted when it was submitted: activity ids and hours, totals per category.
    snapshot = models.JSONField(default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(
        _("reason"),
        max_length=500,
        blank=True,
        help_text=_("Shown to the trainee when not approved."),
    )
    decision_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    new_certificate = models.OneToOneField(
        "certificates.Certificate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewed_by",
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("renewal application")
        constraints = [
            # One live application per certificate: a double click or two tabs make one.
            models.UniqueConstraint(
                fields=["certificate"],
                condition=Q(status__in=["submitted", "audit", "approved"]),
                name="one_open_renewal_per_certificate",
            ),
        ]

    def __str__(self) -> str:
        return f"Renewal of {self.certificate} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class CertificateLapse(models.Model):
    """Past the grace period without renewal. Not a public status: the verification page
    keeps saying expired; the holder is told to reapply."""

    certificate = models.OneToOneField(
        "certificates.Certificate", on_delete=models.CASCADE, related_name="ce_lapse"
    )
    lapsed_on = models.DateField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lapse")

    def __str__(self) -> str:
        return f"{self.certificate} lapsed on {self.lapsed_on:%Y-%m-%d}"


class ReminderSent(models.Model):
    """One row per certificate and reminder: the row is the claim, so a second run of the
    daily job (or two schedulers) never sends the same reminder twice."""

    class Kind(models.TextChoices):
        DAYS_90 = "days_90", _("90 days before expiry")
        DAYS_30 = "days_30", _("30 days before expiry")
        DAYS_7 = "days_7", _("7 days before expiry")

    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.CASCADE, related_name="ce_reminders"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "kind"], name="one_reminder_per_certificate_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.certificate}"

    @classmethod
    def kind_for_days(cls, days: int) -> str:
        return f"days_{days}"
