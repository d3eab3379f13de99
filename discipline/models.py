"""Complaints and the ethics committee's cases. Private by design: the complainant's contact,
the complaint, the investigation notes, hearings and sanctions' conditions are seen by the
ethics committee only. The one thing that ever leaves a case is a published sanction, as a
certificates.PublicAction (type, date, public summary) once the case is closed and the board's
policy says that kind of sanction is public."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from certificates.models import PublicAction

from . import policy

Kind = PublicAction.Kind


class DisciplinePolicy(models.Model):
    """A certifying body's published discipline policy, as data: which sanctions it makes public,
    how long after a decision an appeal may be filed, how long closed case files are kept."""

    body = models.OneToOneField(
        "certificates.CertifyingBody", on_delete=models.CASCADE, related_name="discipline_policy"
    )
    publish_reprimand = models.BooleanField(_("reprimands are public"), default=True)
    publish_conditions = models.BooleanField(_("practice conditions are public"), default=True)
    publish_probation = models.BooleanField(_("probation is public"), default=True)
    publish_suspension = models.BooleanField(_("suspensions are public"), default=True)
    publish_revocation = models.BooleanField(_("revocations are public"), default=True)
    publish_surrender = models.BooleanField(_("surrenders are public"), default=True)

    class EndedProbation(models.TextChoices):
        SHOW_ENDED = policy.SHOW_ENDED, _("Keep it on the verification page, marked as ended")
        REMOVE = policy.REMOVE, _("Take it off the verification page")

    ended_probation = models.CharField(
        _("when a probation ends"),
        max_length=20,
        choices=EndedProbation.choices,
        default=EndedProbation.SHOW_ENDED,
        help_text=_(
            "The daily run ends a published probation on its end date. Some boards keep past "
            "actions on their public lookup; others show only what is in force."
        ),
    )
    appeal_days = models.PositiveSmallIntegerField(
        _("appeal window (days after the decision)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    retention_years = models.PositiveSmallIntegerField(
        _("keep closed case files (years)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "After this many years from closure the complaint, the complainant's contact and the "
            "investigation notes are deleted; published actions stay on the certificate."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_(
            "Where the board publishes this policy (e.g. its ethics and grievance procedure), "
            "so the data can be checked against it."
        ),
    )

    panels = [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publish_reprimand"), FieldPanel("publish_conditions")]),
                FieldRowPanel([FieldPanel("publish_probation"), FieldPanel("publish_suspension")]),
                FieldRowPanel([FieldPanel("publish_revocation"), FieldPanel("publish_surrender")]),
            ],
            heading=_("Which sanctions become public"),
        ),
        FieldPanel("ended_probation"),
        FieldRowPanel([FieldPanel("appeal_days"), FieldPanel("retention_years")]),
        FieldPanel("source"),
    ]

    class Meta:
        verbose_name = _("discipline policy")
        verbose_name_plural = _("discipline policies")

    def __str__(self) -> str:
        return f"{self.body} discipline policy"

    @property
    def public_kinds(self) -> frozenset[str]:
        return frozenset(kind for kind in Kind.values if getattr(self, f"publish_{kind}"))


class EthicsCodeSection(models.Model):
    """A section of the code of ethics a board's holders follow (e.g. the NAADAC/NCC AP Peer
    Recovery Support Specialist Code of Ethics for NCPRSS holders; each IC&RC member board
    adopts its own peer code). Copy references and titles from the board's published code."""

    body = models.ForeignKey(
        "certificates.CertifyingBody", on_delete=models.CASCADE, related_name="ethics_sections"
    )
    reference = models.CharField(_("reference"), max_length=30, help_text=_("e.g. 1.3"))
    title = models.CharField(_("title"), max_length=300)

    panels = [FieldPanel("body"), FieldRowPanel([FieldPanel("reference"), FieldPanel("title")])]

    class Meta:
        verbose_name = _("code of ethics section")
        ordering = ["body", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["body", "reference"], name="unique_ethics_section")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Complaint(models.Model):
    """A complaint from the public form, and the case the ethics committee makes of it."""

    class Step(models.TextChoices):
        RECEIVED = policy.RECEIVED, _("Received")
        INVESTIGATING = policy.INVESTIGATING, _("Under investigation")
        HEARING = policy.HEARING, _("Hearing")
        DECIDED = policy.DECIDED, _("Decided")
        APPEAL = policy.APPEAL, _("Under appeal")
        CLOSED = policy.CLOSED, _("Closed")

    received_at = models.DateTimeField(default=timezone.now)
    # The complainant's contact: the committee's only, never shown anywhere else.
    complainant_name = models.CharField(_("your name"), max_length=200)
    complainant_email = models.EmailField(_("your e-mail address"))
    complainant_phone = models.CharField(_("your phone (optional)"), max_length=40, blank=True)
    respondent_name = models.CharField(_("name of the certified person"), max_length=200)
    respondent_code = models.CharField(
        _("their verification code or serial, if you know it"), max_length=60, blank=True
    )
    description = models.TextField(
        _("what happened"),
        help_text=_("Dates and places help. Please leave out other people's health details."),
    )
    step = models.CharField(max_length=20, choices=Step.choices, default=Step.RECEIVED)
    certificate = models.ForeignKey(
        "certificates.Certificate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sections_alleged = models.ManyToManyField(EthicsCodeSection, blank=True, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closure_note = models.TextField(blank=True)
    purged_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("complaint")

    def __str__(self) -> str:
        return f"Case {self.pk} ({self.get_step_display()})"


class InvestigationNote(models.Model):
    case = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note {self.pk} on case {self.case_id}"


class Hearing(models.Model):
    class Kind(models.TextChoices):
        HEARING = "hearing", _("Hearing")
        APPEAL = "appeal", _("Appeal hearing")

    case = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    held_on = models.DateField()
    outcome = models.TextField()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class Sanction(models.Model):
    case = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(_("sanction"), max_length=20, choices=Kind.choices)
    decided_on = models.DateField(_("decided on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    conditions = models.TextField(_("conditions (private)"), blank=True)
    public_summary = models.CharField(
        _("public summary"),
        max_length=500,
        help_text=_(
            "Published only if the board's policy makes this sanction public, once the case is "
            "closed: no complainant, no client, no health details."
        ),
    )
    withdrawn = models.BooleanField(default=False, help_text=_("Set aside on appeal."))
    public_action = models.OneToOneField(
        PublicAction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decided_on}"
