"""Applications for certification: what a program version asks of an applicant (its policy,
data edited in the admin), the application with its documents, referees and letters, the
board's decisions with a clock that stops while it waits for the applicant, appeals, and
external board exams (approval to sit, results imported from the vendor).

Privacy: documents and letters are private files served after a permission check and purged by
the retention rule; lived experience is a yes and a number of months, never the story."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from . import rules


def private_storage():
    """Application documents and letters never sit under a public media URL."""
    return storages["private"]


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("Identity document")
    DIPLOMA = "diploma", _("High-school diploma or GED")
    RESIDENCY = "residency", _("Residency, or at least 51 % of work, in the jurisdiction")
    BACKGROUND = "background", _("Background-check result or attestation")
    ESSAY = "essay", _("Written essay")
    ANSWER = "answer", _("Document sent with an answer to the board")


class ApplicationPolicy(ClusterableModel):
    """What one program version asks of an applicant. Without a policy, or with "application
    required" off, certificates are issued automatically once the requirements are met (the
    version's own "issue automatically" setting). Every number and list is the board's, as
    data; the help texts name where each board sets it (see DOMAIN.md)."""

    version = models.OneToOneField(
        "certificates.ProgramVersion",
        on_delete=models.CASCADE,
        related_name="application_policy",
        verbose_name=_("program version"),
    )
    application_required = models.BooleanField(
        _("application required"),
        default=True,
        help_text=_(
            "On: a certificate is issued only once a board reviewer has approved the trainee's "
            "application (and every requirement is met). Off: issued automatically, as before."
        ),
    )
    requires_identity = models.BooleanField(
        _("identity document"),
        default=True,
        help_text=_("A government identity document (all boards check who is applying)."),
    )
    requires_diploma = models.BooleanField(
        _("high-school diploma or GED"),
        default=True,
        help_text=_("IC&RC, PCB, NAADAC, Texas and Florida all ask for a diploma or GED."),
    )
    requires_residency = models.BooleanField(
        _("residency or ≥ 51 % work in the jurisdiction"),
        default=False,
        help_text=_(
            "IC&RC member boards: the applicant lives, or does at least 51 % of their work, in "
            "the board's jurisdiction."
        ),
    )
    requires_background_check = models.BooleanField(
        _("background-check result or attestation"),
        default=False,
        help_text=_(
            "Texas (1 TAC Chapter 354, Subchapter N): a criminal background check, renewed at "
            "each renewal."
        ),
    )
    requires_essay = models.BooleanField(
        _("written essay (private upload)"),
        default=False,
        help_text=_("Pennsylvania Certification Board (PCB): a written essay."),
    )
    letters_required = models.PositiveSmallIntegerField(
        _("letters of recommendation"),
        default=0,
        validators=[MaxValueValidator(10)],
        help_text=_(
            "How many referees must send a letter. Florida Certification Board (FCB): 3. "
            "Texas: 1, from a supervisor (tick the box below)."
        ),
    )
    supervisor_letter_required = models.BooleanField(
        _("one letter from a supervisor"),
        default=False,
        help_text=_("Texas: a recommendation from a supervisor."),
    )
    lived_experience_min_months = models.PositiveSmallIntegerField(
        _("lived experience at least (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "The applicant attests lived experience of recovery and its duration — a yes and a "
            "number of months, never the story. PCB: 18 months; Florida (FCB) and NAADAC: 24 "
            "months. Empty: no attestation asked."
        ),
    )
    decision_days = models.PositiveSmallIntegerField(
        _("decision due within (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Days from a complete application to the board's decision; days spent waiting for "
            "the applicant's answer do not count. Texas (1 TAC §354, Subchapter N): 60. Empty: "
            "no deadline."
        ),
    )
    appeal_days = models.PositiveSmallIntegerField(
        _("appeal window (days after a denial)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "How long after a denial the applicant may appeal (Texas provides an appeal route; "
            "use the board's own period). A different board reviewer decides the appeal."
        ),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("keep documents for (years after the decision)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_(
            "Uploaded documents and letters are deleted this many years after the final "
            "decision; the decision history stays. Boards keep records 5–6 years."
        ),
    )
    referee_link_days = models.PositiveSmallIntegerField(
        _("referee links valid for (days)"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("A referee's e-mailed link opens their letter form once, within this time."),
    )
    external_exam_name = models.CharField(
        _("external board exam"),
        max_length=120,
        blank=True,
        help_text=_(
            "An exam the board's vendor delivers (e.g. the IC&RC Peer Recovery exam, scaled "
            "200–800). Empty: none. A passing result imported from the vendor's file counts "
            "toward the requirements like a PeerCert assessment."
        ),
    )
    external_exam_pass_score = models.PositiveSmallIntegerField(
        _("external exam passing scaled score"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1000)],
        help_text=_(
            "IC&RC: 500 on the 200–800 scale. The vendor's pass/fail decides; a result below "
            "this score is refused as inconsistent."
        ),
    )

    panels = [
        FieldPanel("version"),
        FieldPanel("application_required"),
        MultiFieldPanel(
            [
                FieldPanel("requires_identity"),
                FieldPanel("requires_diploma"),
                FieldPanel("requires_residency"),
                FieldPanel("requires_background_check"),
                FieldPanel("requires_essay"),
            ],
            heading=_("Documents"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("letters_required"), FieldPanel("supervisor_letter_required")]
                ),
                FieldPanel("referee_link_days"),
            ],
            heading=_("Letters of recommendation"),
        ),
        FieldPanel("lived_experience_min_months"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_days"), FieldPanel("appeal_days")]),
                InlinePanel("denial_reasons", label=_("Reasons a denial may give")),
                FieldPanel("retention_years"),
            ],
            heading=_("Decisions, appeals and retention"),
        ),
        MultiFieldPanel(
            [FieldPanel("external_exam_name"), FieldPanel("external_exam_pass_score")],
            heading=_("External board exam"),
        ),
    ]

    class Meta:
        verbose_name = _("application policy")
        verbose_name_plural = _("application policies")

    def __str__(self) -> str:
        return str(_("Application policy of %(version)s") % {"version": self.version})

    def required_documents(self) -> list[tuple[str, str]]:
        wanted = [
            (self.requires_identity, DocumentKind.IDENTITY),
            (self.requires_diploma, DocumentKind.DIPLOMA),
            (self.requires_residency, DocumentKind.RESIDENCY),
            (self.requires_background_check, DocumentKind.BACKGROUND),
            (self.requires_essay, DocumentKind.ESSAY),
        ]
        return [(kind.value, kind.label) for required, kind in wanted if required]


class DenialReason(Orderable):
    """One reason a denial may give, from the board's list (the reviewer adds text)."""

    policy = ParentalKey(ApplicationPolicy, on_delete=models.CASCADE, related_name="denial_reasons")
    text = models.CharField(_("reason"), max_length=200)

    panels = [FieldPanel("text")]

    def __str__(self) -> str:
        return self.text


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(
            status__in=[
                Application.Status.AWAITING_REFEREES,
                Application.Status.UNDER_REVIEW,
                Application.Status.INFO_REQUESTED,
            ]
        )


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_REFEREES = "referees", _("Waiting for referees")
        UNDER_REVIEW = "review", _("Under review")
        INFO_REQUESTED = "info", _("More information requested")
        APPROVED = "approved", _("Approved")
        DENIED = "denied", _("Denied")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    version = models.ForeignKey(
        "certificates.ProgramVersion", on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The decision clock runs from the day the application is complete (every letter in).
    clock_started_on = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A yes and a duration, never the story.
    lived_experience = models.BooleanField(_("I have lived experience of recovery"), null=True)
    lived_experience_months = models.PositiveSmallIntegerField(
        _("for how many months"), null=True, blank=True, validators=[MaxValueValidator(1200)]
    )
    documents_purged_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One application in progress per person and version; a denied one may be followed
            # by a new one once its appeal window is over.
            models.UniqueConstraint(
                fields=["applicant", "version"],
                condition=~models.Q(status="denied"),
                name="one_live_application_per_version",
            )
        ]

    def __str__(self) -> str:
        return f"Application {self.pk} ({self.get_status_display()})"

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT


class ClockPause(models.Model):
    """The decision clock stopped: from the board's request for more information until the
    applicant's answer."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pauses")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.started_on} – {self.ended_on or '…'}"

    def as_pause(self) -> rules.Pause:
        return (self.started_on, self.ended_on)


class ApplicationEvent(models.Model):
    """The application's history, shown to the applicant (the board's text included; never a
    referee's letter). Decisions are e-mailed once each (emailed_at, core.decisions)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        LETTER_RECEIVED = "letter", _("A letter of recommendation arrived")
        COMPLETE = "complete", _("Complete: under review")
        INFO_REQUESTED = "info", _("More information requested")
        ANSWERED = "answered", _("Applicant answered")
        APPROVED = "approved", _("Approved")
        DENIED = "denied", _("Denied")
        APPEALED = "appealed", _("Appeal filed")
        APPEAL_UPHELD = "appeal_upheld", _("Appeal decided: denial upheld")
        APPEAL_GRANTED = "appeal_granted", _("Appeal decided: application approved")
        EXAM_APPROVED = "exam_approved", _("Approved to sit the board exam")
        DOCUMENTS_PURGED = "purged", _("Documents deleted (retention period over)")

    DECISIONS = (
        Kind.INFO_REQUESTED,
        Kind.APPROVED,
        Kind.DENIED,
        Kind.APPEAL_UPHELD,
        Kind.APPEAL_GRANTED,
        Kind.EXAM_APPROVED,
    )

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(blank=True)
    reasons = models.JSONField(default=list, blank=True)  # the reason list's words, as given
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


def document_upload_to(instance, filename: str) -> str:
    # Random names: nothing personal in file names, nothing guessable.
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        instance.content_type, "bin"
    )
    return f"applications/{secrets.token_hex(16)}.{extension}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    file = models.FileField(storage=private_storage, upload_to=document_upload_to, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Referee(models.Model):
    """A person asked for a letter by a one-use e-mailed link. The applicant names them and
    sees whether the letter has arrived, never the letter."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="referees")
    name = models.CharField(_("referee's name"), max_length=120)
    email = models.EmailField(_("referee's e-mail address"))
    is_supervisor = models.BooleanField(_("this referee is my supervisor"), default=False)
    # The link is signed over the referee's id and this nonce (see tokens.py); a new link
    # replaces the nonce, so older links stop working.
    nonce = models.CharField(max_length=32, default="", blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    letter_text = models.TextField(blank=True)
    letter_file = models.FileField(
        storage=private_storage, upload_to=document_upload_to, max_length=200, blank=True
    )
    content_type = models.CharField(max_length=40, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_letter(self) -> bool:
        return self.received_at is not None


class Appeal(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        UPHELD = "upheld", _("Denial upheld")
        GRANTED = "granted", _("Appeal granted: application approved")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="appeal")
    filed_at = models.DateTimeField(default=timezone.now)
    grounds = models.TextField(_("why the decision should change"), max_length=4000)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_text = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.get_outcome_display()


class ExamEligibility(models.Model):
    """The board's approval for an applicant to sit the external exam, under the candidate id
    the vendor's results file will carry."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="exam_eligibility"
    )
    candidate_id = models.CharField(_("candidate id"), max_length=40, unique=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.candidate_id


class ExamImport(models.Model):
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.imported_at:%Y-%m-%d %H:%M} ({self.rows})"


class ExamResult(models.Model):
    eligibility = models.ForeignKey(
        ExamEligibility, on_delete=models.CASCADE, related_name="results"
    )
    taken_on = models.DateField()
    scaled_score = models.DecimalField(max_digits=6, decimal_places=2)
    passed = models.BooleanField()
    batch = models.ForeignKey(ExamImport, on_delete=models.PROTECT, related_name="results")

    class Meta:
        ordering = ["taken_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["eligibility", "taken_on"], name="one_result_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.taken_on}: {self.scaled_score}"
