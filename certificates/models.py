from __future__ import annotations

import hashlib
import secrets
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.decisions import ReviewedRequest
from courses.framework import localized

# Crockford's base32: no I, L, O, U, so a code read aloud or typed from paper survives.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20  # 20 × 5 bits = 100 random bits
CODE_GROUP = 4


def private_storage():
    """Certificates never sit under a public media URL; views serve them after checks."""
    return storages["private"]


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What people type or paste: any case, spaces, dashes; O/I/L read as 0/1/1."""
    cleaned = "".join(ch for ch in raw.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def group_code(code: str) -> str:
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


class CertifyingBody(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("website")]

    class Meta:
        verbose_name = _("certifying body")
        verbose_name_plural = _("certifying bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CertificationProgram(models.Model):
    body = models.ForeignKey(
        CertifyingBody,
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("aligned with"),
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    credential_name = models.CharField(
        _("credential name"),
        max_length=200,
        help_text=_("As printed on the certificate, e.g. Peer Recovery Specialist."),
    )
    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, help_text=_("Prefix of certificate serials, e.g. PRS.")
    )
    description = models.TextField(_("description"), blank=True)
    description_es = models.TextField(
        _("description in Spanish"),
        blank=True,
        help_text=_(
            "Spanish readers and the Spanish edition of the credential's achievement (Open "
            "Badges) show it. Empty: they show the English description."
        ),
    )

    panels = [
        FieldPanel("body"),
        FieldPanel("name"),
        FieldPanel("credential_name"),
        FieldPanel("abbreviation"),
        FieldRowPanel([FieldPanel("description"), FieldPanel("description_es")]),
    ]

    class Meta:
        verbose_name = _("certification program")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def localized_description(self) -> str:
        """The description in the reader's language (English where none is entered). The
        credential's *name* is not translated: a certificate is issued under its English name
        (docs/glossary-es.md)."""
        return localized(self, "description")


class ProgramVersionQuerySet(models.QuerySet):
    def in_effect(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(effective_from__lte=on).filter(
            Q(effective_until__isnull=True) | Q(effective_until__gte=on)
        )


class ProgramVersion(ClusterableModel):
    """The rules of a program from a date on. Boards change rules (PCB went 54 → 75 → 78 h);
    a certificate records the version it was issued under."""

    program = models.ForeignKey(
        CertificationProgram, on_delete=models.PROTECT, related_name="versions"
    )
    label = models.CharField(_("version"), max_length=50, help_text=_("e.g. 2026"))
    effective_from = models.DateField(_("effective from"))
    effective_until = models.DateField(_("effective until"), null=True, blank=True)
    min_total_hours = models.DecimalField(
        _("minimum training hours"), max_digits=6, decimal_places=2, default=Decimal("0")
    )
    practice_hours = models.DecimalField(
        _("supervised practice hours"), max_digits=7, decimal_places=2, default=Decimal("0")
    )
    supervision_hours = models.DecimalField(
        _("supervision hours"), max_digits=6, decimal_places=2, default=Decimal("0")
    )
    training_window_months = models.PositiveSmallIntegerField(
        _("training counts for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "Only training completed within this many months before the certificate "
            'is requested counts (e.g. 60 for "40 hours within 5 years"). Empty: '
            "no limit."
        ),
    )
    # NAADAC's NCPRSS wants at least half of the training hours face to face: data, like every
    # board rule. Empty: no share asked.
    min_synchronous_percent = models.PositiveSmallIntegerField(
        _("live training at least (% of the training hours)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Share of the minimum training hours (of all hours counted, when there is no "
            "minimum) that must be taught live: attended cohort sessions and approved outside "
            "training given in person or by real-time video. Empty: no share."
        ),
    )
    live_virtual_is_synchronous = models.BooleanField(
        _("real-time video counts as live"),
        default=True,
        help_text=_(
            "Off: only training in the room counts toward the live share (a board that means "
            "face to face literally)."
        ),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    auto_issue = models.BooleanField(
        _("issue automatically"),
        default=True,
        help_text=_("Issue as soon as every requirement is met."),
    )
    # A provisional stage (Texas: 1 TAC Chapter 354 Subchapter N, a 6-month provisional
    # certificate with one extension; Florida Certification Board: CRPS-P). Data per version.
    provisional_validity_months = models.PositiveSmallIntegerField(
        _("provisional stage lasts (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Empty: this program has no provisional stage. Texas (1 TAC Chapter 354, "
            "Subchapter N) sets 6 months; check the board's current rule before entering it."
        ),
    )
    provisional_extensions_allowed = models.PositiveSmallIntegerField(
        _("extensions allowed"),
        default=0,
        validators=[MaxValueValidator(5)],
        help_text=_("How many times a provisional certificate may be extended (Texas: one)."),
    )
    provisional_extension_months = models.PositiveSmallIntegerField(
        _("each extension adds (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Empty: as long as the provisional stage itself."),
    )
    # CONTRACT.md: inactive and relinquished are status words "where a program uses them".
    # Texas lists both among a certificate's states (1 TAC Chapter 354, Subchapter N).
    inactive_status_used = models.BooleanField(
        _("uses the inactive status"),
        default=False,
        help_text=_(
            "On: certificate managers may mark a certificate inactive (the holder is not "
            "practising) and reactivate it. Texas lists inactive among its states."
        ),
    )
    relinquishment_used = models.BooleanField(
        _("holders may relinquish"),
        default=False,
        help_text=_(
            "On: a holder may give their certificate up (relinquished, final), and a "
            "surrender under discipline reads relinquished. Off: a surrender reads revoked."
        ),
    )
    supervisor_credentials_required = models.BooleanField(
        _("supervisors need a credential on file"),
        default=False,
        help_text=_(
            "On: supervised hours count only when signed off by a supervisor whose credential "
            "was current, and approved for this program, on the day of the entry (IC&RC: "
            "supervisors 'documented and qualified'; Texas: certified supervisors)."
        ),
    )

    objects = ProgramVersionQuerySet.as_manager()

    panels = [
        FieldPanel("program"),
        FieldRowPanel(
            [FieldPanel("label"), FieldPanel("effective_from"), FieldPanel("effective_until")]
        ),
        MultiFieldPanel(
            [
                FieldPanel("min_total_hours"),
                FieldPanel("training_window_months"),
                InlinePanel("domain_requirements", label=_("Minimum hours per domain")),
                FieldRowPanel(
                    [
                        FieldPanel("min_synchronous_percent"),
                        FieldPanel("live_virtual_is_synchronous"),
                    ]
                ),
                InlinePanel("topic_requirements", label=_("Minimum hours on required topics")),
            ],
            heading=_("Training"),
        ),
        InlinePanel("course_requirements", label=_("Courses to complete")),
        InlinePanel("assessment_requirements", label=_("Assessments to pass")),
        InlinePanel("evaluation_requirements", label=_("Practical evaluations to pass")),
        MultiFieldPanel(
            [FieldPanel("practice_hours"), FieldPanel("supervision_hours")],
            heading=_("Supervised practice"),
        ),
        InlinePanel("attestation_requirements", label=_("Attestations")),
        FieldPanel("supervisor_credentials_required"),
        FieldRowPanel([FieldPanel("inactive_status_used"), FieldPanel("relinquishment_used")]),
        FieldPanel("validity_months"),
        FieldPanel("auto_issue"),
        MultiFieldPanel(
            [
                FieldPanel("provisional_validity_months"),
                FieldRowPanel(
                    [
                        FieldPanel("provisional_extensions_allowed"),
                        FieldPanel("provisional_extension_months"),
                    ]
                ),
            ],
            heading=_("Provisional stage"),
        ),
        InlinePanel("endorsements", label=_("Endorsements")),
    ]

    class Meta:
        verbose_name = _("program version")
        ordering = ["program", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["program", "label"], name="unique_program_version")
        ]

    def __str__(self) -> str:
        return f"{self.program} ({self.label})"

    def clean(self):
        if self.effective_until and self.effective_until < self.effective_from:
            raise ValidationError({"effective_until": _("Ends before it starts.")})
        if self.provisional_extensions_allowed and not self.provisional_validity_months:
            raise ValidationError(
                {"provisional_extensions_allowed": _("Extensions need a provisional stage.")}
            )

    @property
    def has_provisional_stage(self) -> bool:
        return bool(self.provisional_validity_months)


class DomainRequirement(models.Model):
    version = ParentalKey(
        ProgramVersion, on_delete=models.CASCADE, related_name="domain_requirements"
    )
    domain = models.ForeignKey("courses.TrainingDomain", on_delete=models.PROTECT, related_name="+")
    min_hours = models.DecimalField(_("minimum hours"), max_digits=6, decimal_places=2)

    panels = [FieldPanel("domain"), FieldPanel("min_hours")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "domain"], name="unique_version_domain")
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.min_hours} h"


class TopicRequirement(models.Model):
    """Hours a board wants on one topic, whatever the domain (NAADAC: 6 h ethics and 6 h
    HIV/bloodborne pathogens). Counted from live sessions and approved outside training."""

    version = ParentalKey(
        ProgramVersion, on_delete=models.CASCADE, related_name="topic_requirements"
    )
    topic = models.ForeignKey("cohorts.Topic", on_delete=models.PROTECT, related_name="+")
    min_hours = models.DecimalField(_("minimum hours"), max_digits=6, decimal_places=2)

    panels = [FieldPanel("topic"), FieldPanel("min_hours")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "topic"], name="unique_version_topic")
        ]

    def __str__(self) -> str:
        return f"{self.topic}: {self.min_hours} h"


class CourseRequirement(models.Model):
    version = ParentalKey(
        ProgramVersion, on_delete=models.CASCADE, related_name="course_requirements"
    )
    course = models.ForeignKey("courses.CoursePage", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("course")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "course"], name="unique_version_course")
        ]

    def __str__(self) -> str:
        return str(self.course)


class AssessmentRequirement(models.Model):
    """An assessment (e.g. a course's final exam) that must be passed."""

    version = ParentalKey(
        ProgramVersion, on_delete=models.CASCADE, related_name="assessment_requirements"
    )
    assessment = models.ForeignKey(
        "assessments.AssessmentPage", on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("assessment")]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "assessment"], name="unique_version_assessment"
            )
        ]

    def __str__(self) -> str:
        return str(self.assessment)


class EvaluationRequirement(models.Model):
    """A practical (observed) skills evaluation that must be passed, optionally recently."""

    version = ParentalKey(
        ProgramVersion, on_delete=models.CASCADE, related_name="evaluation_requirements"
    )
    instrument = models.ForeignKey(
        "evaluations.Instrument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("evaluation"),
    )
    within_months = models.PositiveSmallIntegerField(
        _("passed within (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "Only a pass this many months before the certificate is requested counts. "
            "Empty: any pass."
        ),
    )

    panels = [FieldPanel("instrument"), FieldPanel("within_months")]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "instrument"], name="unique_version_evaluation"
            )
        ]

    def __str__(self) -> str:
        return str(self.instrument)


class AttestationRequirement(Orderable):
    """A statement a trainee confirms with a yes: a code of ethics, or that they have lived
    experience of recovery. Boards ask for one or several; only the yes, the hash of the exact
    words and the time are ever kept (never a story, a diagnosis or a date of sobriety)."""

    version = ParentalKey(
        ProgramVersion, on_delete=models.CASCADE, related_name="attestation_requirements"
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("e.g. “Attest the code of ethics”")
    )
    text = models.TextField(
        _("text"),
        help_text=_("The exact words a trainee attests. Changing them asks everyone again."),
    )
    agreement = models.CharField(
        _("checkbox label"),
        max_length=300,
        default="I have read this and confirm it.",
        help_text=_(
            "What the trainee ticks, e.g. “I have read this code of ethics and agree to "
            "practise by it.”"
        ),
    )

    # The same statement in Spanish, for Spanish readers. A trainee attests the words they were
    # shown, in either language; each language's words have their own hash, so changing one
    # asks again only those who attested that language's old words (a Spanish reader never saw
    # the English, and the other language's words, unchanged, still say what they agreed to).
    title_es = models.CharField(_("title in Spanish"), max_length=200, blank=True)
    text_es = models.TextField(
        _("text in Spanish"),
        blank=True,
        help_text=_(
            "The exact words a Spanish reader attests; empty: Spanish readers see the English. "
            "Changing them asks again those who attested the Spanish."
        ),
    )
    agreement_es = models.CharField(_("checkbox label in Spanish"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_es")]),
        FieldRowPanel([FieldPanel("text"), FieldPanel("text_es")]),
        FieldRowPanel([FieldPanel("agreement"), FieldPanel("agreement_es")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("attestation")

    def __str__(self) -> str:
        return self.title

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)

    def texts(self) -> dict[str, str]:
        """Language code → the exact words to attest in it (English always; Spanish when
        written)."""
        texts = {"en": self.text}
        if self.text_es.strip():
            texts["es"] = self.text_es
        return texts

    def sha256s(self) -> dict[str, str]:
        """Language code → the SHA-256 of that language's current words: an attestation of any
        of them meets the requirement."""
        return {language: text_sha256(text) for language, text in self.texts().items()}

    def shown_language(self, language: str) -> str:
        """The language a reader of ``language`` is shown this statement in."""
        return language if language in self.texts() else "en"

    def in_language(self, language: str) -> dict[str, str]:
        """Title, text and checkbox label as a reader of ``language`` sees them, with the
        language and the hash of the text shown."""
        shown = self.shown_language(language)
        if shown == "en":
            title, text, agreement = self.title, self.text, self.agreement
        else:
            title = getattr(self, f"title_{shown}").strip() or self.title
            text = getattr(self, f"text_{shown}")
            agreement = getattr(self, f"agreement_{shown}").strip() or self.agreement
        return {
            "language": shown,
            "title": title,
            "text": text,
            "agreement": agreement,
            "sha256": text_sha256(text),
        }


class Endorsement(Orderable):
    """A specialisation a certificate of this version may carry, with its own requirements
    (Florida Certification Board: CRPS endorsements A, F, V and Y; Texas: specialty
    certifications in the style of MHPS/RSPS). What each board's letters stand for and require
    is the board's to say: copy it from the board's current handbook, never from memory."""

    version = ParentalKey(ProgramVersion, on_delete=models.CASCADE, related_name="endorsements")
    code = models.CharField(
        _("code"), max_length=10, help_text=_("As the board prints it, e.g. a letter.")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("what it covers"),
        blank=True,
        help_text=_("Shown on the verification page. Cite the board's source."),
    )
    domain = models.ForeignKey(
        "courses.TrainingDomain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hours count in domain"),
        help_text=_("Empty: signed-off hours in any domain count."),
    )
    min_practice_hours = models.DecimalField(
        _("supervised practice hours"), max_digits=7, decimal_places=2, default=Decimal("0")
    )
    min_supervision_hours = models.DecimalField(
        _("supervision hours"), max_digits=6, decimal_places=2, default=Decimal("0")
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldPanel("description"),
        FieldPanel("domain"),
        FieldRowPanel([FieldPanel("min_practice_hours"), FieldPanel("min_supervision_hours")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("endorsement")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_version_endorsement")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Attestation(models.Model):
    """A yes, with the hash of the exact words attested and when. Never anything personal."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attestations"
    )
    version = models.ForeignKey(
        ProgramVersion, on_delete=models.PROTECT, related_name="attestations"
    )
    text_sha256 = models.CharField(max_length=64)
    # The language of the words attested ("en", "es"); empty for attestations made before
    # statements had a Spanish version (all of them English).
    language = models.CharField(max_length=8, blank=True, default="")
    attested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "version", "text_sha256"], name="unique_attestation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee} attested {self.version} at {self.attested_at:%Y-%m-%d}"


class SupervisionEntry(models.Model):
    """Time and domain only; never anything about the people served."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Supervised practice")
        SUPERVISION = "supervision", _("Supervision session")

    class Format(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        GROUP = "group", _("Group")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for sign-off")
        SIGNED = "signed", _("Signed off")
        REJECTED = "rejected", _("Returned")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_entries"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervised_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(
        _("minutes"), validators=[MinValueValidator(5), MaxValueValidator(16 * 60)]
    )
    domain = models.ForeignKey(
        "courses.TrainingDomain",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("domain"),
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Claimed before an e-mail goes out (the supervisor's daily digest, the trainee's "returned"
    # notice), so a retried or repeated job never sends the same news twice.
    supervisor_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("supervision entry")
        verbose_name_plural = _("supervision entries")
        indexes = [models.Index(fields=["supervisor", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date} ({self.minutes} min)"

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))


class CertificateQuerySet(models.QuerySet):
    def for_holder(self, user):
        return self.filter(holder=user)

    def issued(self):
        return self.exclude(status=Certificate.Status.PENDING)

    def for_public_display(self):
        return self.select_related("version__program__body", "superseded_by")


class Certificate(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")
        # Texas lists both: inactive (not practising, may return) and relinquished (given up
        # by the holder). Only programs whose board uses them ever set them.
        INACTIVE = "inactive", _("Inactive")
        RELINQUISHED = "relinquished", _("Relinquished")

    class Stage(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional")
        FULL = "full", _("Full")

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    version = models.ForeignKey(
        ProgramVersion, on_delete=models.PROTECT, related_name="certificates"
    )
    cycle = models.PositiveSmallIntegerField(
        default=1, help_text=_("1 for the first certificate, 2 after the first renewal, …")
    )
    reissue = models.PositiveSmallIntegerField(
        default=0, help_text=_("Counts reissues within one cycle (e.g. a legal name change).")
    )
    code = models.CharField(
        max_length=CODE_LENGTH, unique=True, default=new_verification_code, editable=False
    )
    serial = models.CharField(max_length=40, unique=True, editable=False)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # A stage is not a status: a provisional certificate is valid, expired, … like any other.
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.FULL)
    extensions = models.PositiveSmallIntegerField(
        default=0, help_text=_("How many times this provisional certificate was extended.")
    )
    # What the public page, the API and the PDF print, kept on the row by the services that
    # grant endorsements and record public actions (CertificateEndorsement, PublicAction are
    # the records), so the public lookup stays one query.
    endorsements_shown = models.JSONField(default=list, blank=True, editable=False)
    public_actions_shown = models.JSONField(default=list, blank=True, editable=False)
    holder_name = models.CharField(_("name on the certificate"), max_length=300)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True, db_index=True)
    hours_total = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0"))
    hours_by_domain = models.JSONField(default=list, blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    pdf = models.FileField(storage=private_storage, upload_to="certificates/", blank=True)
    # The file as issued. Long-term validation data appended later (certificates/archival.py)
    # changes the stored file but not this: the issued bytes stay a signed prefix of it.
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    # The language the issued file is written in (the holder's language at issuance). The holder
    # may ask for the PDF in another language too (CertificatePdf): a second signed file of
    # the same certificate, which supersedes nothing.
    pdf_language = models.CharField(
        _("PDF language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    # When the certificate behind the PDF's last document timestamp expires; the archival
    # job adds a fresh one before then. Null until the job has looked at the file.
    pdf_archive_expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    requested_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    job_attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        constraints = [
            # A second trigger or a second run of the job never makes a second certificate.
            models.UniqueConstraint(
                fields=["holder", "version", "cycle", "reissue"],
                name="one_certificate_per_holder_version_period",
            ),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"])]
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return self.serial or self.display_code

    @property
    def display_code(self) -> str:
        return group_code(self.code)

    @property
    def public_status(self) -> str:
        """The status shown everywhere. A valid certificate past its expiry date reads expired
        even before the nightly sweep updates the row, so nobody ever sees a stale valid."""
        if (
            self.status == self.Status.VALID
            and self.expires_on
            and self.expires_on < timezone.localdate()
        ):
            return self.Status.EXPIRED
        return self.status

    def get_public_status_display(self) -> str:
        return self.Status(self.public_status).label

    @property
    def verification_path(self) -> str:
        return f"/verify/{self.code}/"

    @property
    def verification_url(self) -> str:
        return f"{settings.SITE_URL}{self.verification_path}"


class CertificatePdf(models.Model):
    """The certificate's PDF in another language than the issued file's, made when the holder
    asks for it: the same certificate (code, serial, dates, hours) with its labels and dates in
    that language, signed like the issued file. It supersedes nothing; the verification PDF
    check knows both files by their hashes."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="language_pdfs"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    pdf = models.FileField(storage=private_storage, upload_to="certificates/")
    sha256 = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "language"], name="one_pdf_per_certificate_language"
            )
        ]
        verbose_name = _("certificate PDF in another language")

    def __str__(self) -> str:
        return f"{self.certificate} ({self.language})"


class CertificateEndorsement(models.Model):
    """An endorsement a certificate carries, granted once its requirements were met."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="endorsement_grants"
    )
    endorsement = models.ForeignKey(Endorsement, on_delete=models.PROTECT, related_name="+")
    granted_on = models.DateField(default=timezone.localdate)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["endorsement__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "endorsement"], name="one_grant_per_endorsement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate}: {self.endorsement.code}"


class PublicAction(models.Model):
    """A disciplinary action the board publishes against a certificate: its kind, date and a
    summary written for the public. Nothing else of a complaint or case is ever public; the
    case itself (discipline/) stays with the ethics committee. Probation is a public action on
    a certificate that stays valid, with the day it ends."""

    class Kind(models.TextChoices):
        REPRIMAND = "reprimand", _("Reprimand")
        CONDITIONS = "conditions", _("Practice conditions")
        PROBATION = "probation", _("Probation")
        SUSPENSION = "suspension", _("Suspension")
        REVOCATION = "revocation", _("Revocation")
        SURRENDER = "surrender", _("Surrender")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="public_actions"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    taken_on = models.DateField(_("date"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    summary = models.CharField(
        _("public summary"),
        max_length=500,
        help_text=_("Shown to everyone: no complainant, no client, no health details."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    # Set by the daily run once an action with an end date (probation) has run its course:
    # the page then says it ended, or the action is taken off, as the board's policy says.
    ended_on = models.DateField(_("ended on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["taken_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.taken_on}"

    def as_public(self) -> dict:
        shown = {
            "type": self.kind,
            "date": self.taken_on.isoformat(),
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "summary": self.summary,
        }
        if self.ended_on:
            shown["ended_on"] = self.ended_on.isoformat()
        return shown


class SupervisorCredential(ClusterableModel):
    """A supervisor's own licence or certification, on file: what IC&RC calls "documented and
    qualified", and Texas's certified supervisors. Sign-offs check it on the entry's date."""

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisor_credentials"
    )
    credential = models.CharField(
        _("licence or certification"), max_length=200, help_text=_("e.g. LCDC, CPRS, LPC")
    )
    number = models.CharField(_("number"), max_length=100)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    expires_on = models.DateField(_("expires on"))
    years_supervising_peers = models.DecimalField(
        _("years supervising peers"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("As of the day it was put on file."),
    )
    reminder_sent_for = models.DateField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("supervisor"),
        FieldRowPanel([FieldPanel("credential"), FieldPanel("number")]),
        FieldPanel("issuing_body"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("expires_on")]),
        FieldPanel("years_supervising_peers"),
        InlinePanel("approvals", label=_("Approved for programs")),
    ]

    class Meta:
        verbose_name = _("supervisor credential")
        ordering = ["supervisor", "-expires_on"]

    def __str__(self) -> str:
        return f"{self.credential} {self.number} ({self.issuing_body})"

    def clean(self):
        if self.valid_from and self.expires_on and self.expires_on < self.valid_from:
            raise ValidationError({"expires_on": _("Expires before it starts.")})


class SupervisorApproval(models.Model):
    """The board's yes to a supervisor credential for one program, from a day (until one)."""

    credential = ParentalKey(
        SupervisorCredential, on_delete=models.CASCADE, related_name="approvals"
    )
    program = models.ForeignKey(CertificationProgram, on_delete=models.PROTECT, related_name="+")
    approved_from = models.DateField(_("approved from"))
    approved_until = models.DateField(_("approved until"), null=True, blank=True)

    panels = [
        FieldPanel("program"),
        FieldRowPanel([FieldPanel("approved_from"), FieldPanel("approved_until")]),
    ]

    def __str__(self) -> str:
        return f"{self.program} from {self.approved_from}"


class ReciprocityTransfer(models.Model):
    """Where a reciprocal certificate came from: a credential held with another IC&RC member
    board, verified by this board before it issued its own (with its own period). The original
    board and the day of verification are public; the evidence is not."""

    certificate = models.OneToOneField(
        Certificate, on_delete=models.CASCADE, related_name="reciprocity"
    )
    original_board = models.CharField(_("original board"), max_length=200)
    original_credential = models.CharField(_("credential held there"), max_length=200)
    original_number = models.CharField(_("its credential number"), max_length=100)
    verified_on = models.DateField(_("verified on"))
    evidence = models.TextField(
        _("verification evidence"),
        help_text=_(
            "How it was verified (e.g. the original board's public registry, checked on the "
            "date above, or its written verification). Private."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.original_credential} ({self.original_board})"


class CertificateEvent(models.Model):
    """Every status change: when, who, why, and whether the reason may be shown publicly."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    reason_public = models.BooleanField(default=False)
    # Set once the mail server has accepted the holder's notice of this change (suspended,
    # reinstated, revoked: core.decisions.send_once), so it goes out once.
    holder_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def to_status_label(self) -> str:
        return Certificate.Status(self.to_status).label


class NameChangeRequest(ReviewedRequest):
    """A certified holder's new legal name, waiting for an administrator. Once someone holds a
    certificate their name is no longer theirs alone to edit: the name is what employers check,
    so a change is looked at by a person and then reissues the current certificates."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="name_change_requests"
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)

    class Meta(ReviewedRequest.Meta):
        verbose_name = _("name change request")
        constraints = [
            models.UniqueConstraint(
                fields=["holder"],
                condition=Q(status="pending"),
                name="one_pending_name_change_per_holder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_status_display()})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ProvisionalExtensionRequest(ReviewedRequest):
    """A holder's request for one more provisional period (Texas: one extension), with their
    reason. A board reviewer approves it (the certificate is extended by the version's
    extension length) or declines it with a reason the holder reads."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="extension_requests"
    )
    holder_reason = models.TextField(_("why you need more time"), max_length=1000)

    class Meta(ReviewedRequest.Meta):
        verbose_name = _("provisional extension request")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=Q(status="pending"),
                name="one_pending_extension_per_certificate",
            ),
        ]

    def __str__(self) -> str:
        return f"Extension request {self.pk} ({self.get_status_display()})"
