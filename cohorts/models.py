"""Instructor-led training: cohorts, their sessions, who takes part, and attendance.

A **cohort** is one scheduled delivery of a course, taught by named instructors in one time
zone, with a capacity and a waitlist. A **session** is one meeting of it (in a room, on video,
or both), with its contact hours allocated to training domains and, where a board counts them,
to required topics (ethics, HIV/bloodborne pathogens). **Attendance** is the instructor's mark
for one trainee at one session; a trainee may also **check in** with the short code shown in the
room, which the instructor confirms. Attended hours count toward certification like self-paced
modules (certificates reads them through cohorts.selectors), and so does **outside training** a
reviewer has approved.
"""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.decisions import ReviewedRequest
from courses.framework import localized

from . import rules


def private_storage():
    """Uploaded certificates of outside training never sit under a public media URL."""
    return storages["private"]


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(_("Not a time zone.")) from error


class Topic(models.Model):
    """A topic a board counts hours of separately (NAADAC: 6 h ethics, 6 h HIV/bloodborne
    pathogens). Data: boards name their own."""

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

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_es")]),
        FieldRowPanel([FieldPanel("description"), FieldPanel("description_es")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        """The name in the reader's language (courses/framework.py): the English when empty."""
        return localized(self, "name")

    @property
    def localized_description(self) -> str:
        return localized(self, "description")


class DeliveryMode(models.TextChoices):
    IN_PERSON = rules.IN_PERSON, _("In person")
    LIVE_VIRTUAL = rules.LIVE_VIRTUAL, _("Live virtual (real-time video)")
    HYBRID = "hybrid", _("Hybrid (in the room or on video)")


# Whole phrases, not "Taught in %(language)s": Spanish writes a language's name in lower case
# inside a sentence ("Se imparte en español"), where the language list has it capitalised.
TAUGHT_IN = {"en": _("Taught in English"), "es": _("Taught in Spanish")}


class Cohort(index.Indexed, ClusterableModel):
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("course"),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_(
            "e.g. “Evening cohort, spring 2027”. In the language the cohort is taught in, as "
            "are its sessions' titles."
        ),
    )
    # A live session is taught in one language by its instructor: the cohort's title, summary
    # and sessions are written in it, and every listing says which language that is.
    language = models.CharField(
        _("taught in"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the instructors teach every session of this cohort in."),
    )
    summary = models.TextField(
        _("about this cohort"),
        blank=True,
        help_text=_("Shown to trainees deciding whether to join: rhythm, place, what to bring."),
    )
    instructors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="cohorts_taught",
        verbose_name=_("instructors"),
        help_text=_("They take attendance. Each must be an instructor of the course."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("Session times are entered and shown in this zone (IANA name)."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), default=20, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    enrolment_open = models.BooleanField(
        _("open for enrolment"),
        default=True,
        help_text=_("Trainees may join (or join the waitlist when it is full)."),
    )
    credit_step_minutes = models.PositiveSmallIntegerField(
        _("credit attendance in"),
        choices=list(rules.ROUNDING_STEPS.items()),
        default=rules.DEFAULT_STEP_MINUTES,
        help_text=_("Partial attendance is credited in these steps, always rounded down."),
    )
    checkin_opens_minutes = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the start)"),
        default=15,
        validators=[MaxValueValidator(120)],
    )
    checkin_code_minutes = models.PositiveSmallIntegerField(
        _("a check-in code lasts (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Never past the end of the session."),
    )
    late_after_minutes = models.PositiveSmallIntegerField(
        _("late after (minutes)"),
        default=10,
        validators=[MaxValueValidator(120)],
        help_text=_("A check-in later than this after the start is marked late."),
    )

    panels = [
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("language")]),
        FieldPanel("summary"),
        FieldPanel("instructors"),
        FieldRowPanel([FieldPanel("time_zone"), FieldPanel("capacity")]),
        FieldPanel("enrolment_open"),
        MultiFieldPanel(
            [
                FieldPanel("credit_step_minutes"),
                FieldRowPanel(
                    [
                        FieldPanel("checkin_opens_minutes"),
                        FieldPanel("checkin_code_minutes"),
                        FieldPanel("late_after_minutes"),
                    ]
                ),
            ],
            heading=_("Attendance"),
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["course", "title"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return f"{self.course.title} — {self.title}"

    @property
    def taught_in(self) -> str:
        """ "Taught in Spanish", in the reader's language."""
        return TAUGHT_IN.get(self.language, self.get_language_display())

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Session(index.Indexed, ClusterableModel):
    """One meeting of a cohort. Its date and times are in the cohort's time zone; `starts_at`
    and `ends_at` are the same instants, stored for ordering, windows and calendars."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort")
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False)
    mode = models.CharField(
        _("delivery"), max_length=20, choices=DeliveryMode.choices, default=DeliveryMode.IN_PERSON
    )
    location = models.CharField(
        _("location"),
        max_length=300,
        blank=True,
        help_text=_("Room and address, for in-person and hybrid sessions."),
    )
    # Private: shown only to the cohort's enrolled trainees and instructors, on their pages;
    # never in a listing for others, an e-mail, a calendar feed or a log.
    video_link = models.URLField(
        _("video link"),
        max_length=500,
        blank=True,
        help_text=_("For live virtual and hybrid sessions. Only the cohort's people see it."),
    )
    modules = ParentalManyToManyField(
        "courses.ModulePage",
        blank=True,
        related_name="+",
        verbose_name=_("modules covered"),
    )
    cancelled = models.BooleanField(
        _("cancelled"), default=False, help_text=_("The enrolled are told by e-mail.")
    )
    # The schedule the enrolled were last told about (see services.session_saved) and how many
    # times it changed: calendars read it as the event's SEQUENCE.
    notified_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("cohort"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("mode"),
        FieldPanel("location"),
        FieldPanel("video_link"),
        FieldPanel("modules"),
        InlinePanel("domain_hours", label=_("Contact hours by training domain"), min_num=1),
        InlinePanel("topic_hours", label=_("Hours on required topics")),
        FieldPanel("cancelled"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("cohort")]

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="ends_late")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def localise(self) -> None:
        """Set starts_at and ends_at from the date and times in the cohort's zone."""
        zone = self.cohort.zone
        self.starts_at = datetime.combine(self.date, self.start_time, tzinfo=zone)
        self.ends_at = datetime.combine(self.date, self.end_time, tzinfo=zone)

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("A session ends after it starts, the same day.")})
        if self.mode in (DeliveryMode.IN_PERSON, DeliveryMode.HYBRID) and not self.location:
            raise ValidationError({"location": _("Say where the session takes place.")})
        if self.mode in (DeliveryMode.LIVE_VIRTUAL, DeliveryMode.HYBRID) and not (
            self.video_link or ""
        ).startswith("https://"):
            raise ValidationError({"video_link": _("Give the video link (https://…).")})
        if self.cohort_id and self.date and self.start_time and self.end_time:
            self.localise()
            allocated = sum(
                (row.hours for row in self.domain_hours.all() if row.hours is not None),
                Decimal("0"),
            )
            if allocated * 60 > rules.minutes_between(self.starts_at, self.ends_at):
                raise ValidationError(
                    _("The domain hours (%(hours)s) are more than the session lasts.")
                    % {"hours": allocated}
                )
            modules = [m for m in self.modules.all() if m.pk]
            foreign = [m.title for m in modules if not m.path.startswith(self.cohort.course.path)]
            if foreign:
                raise ValidationError(
                    {"modules": _("Not modules of this course: %s") % ", ".join(foreign)}
                )

    def save(self, *args, **kwargs):
        self.localise()
        super().save(*args, **kwargs)

    @property
    def minutes(self) -> int:
        return rules.minutes_between(self.starts_at, self.ends_at)

    @property
    def contact_hours(self) -> Decimal:
        return sum((row.hours for row in self.domain_hours.all()), Decimal("0"))

    def window(self) -> rules.Window:
        return rules.checkin_window(
            self.starts_at, self.ends_at, opens_before_minutes=self.cohort.checkin_opens_minutes
        )

    def local_start(self) -> datetime:
        return timezone.localtime(self.starts_at, self.cohort.zone)

    def local_end(self) -> datetime:
        return timezone.localtime(self.ends_at, self.cohort.zone)

    @property
    def has_room(self) -> bool:
        return self.mode in (DeliveryMode.IN_PERSON, DeliveryMode.HYBRID)

    @property
    def has_video(self) -> bool:
        return self.mode in (DeliveryMode.LIVE_VIRTUAL, DeliveryMode.HYBRID)


class SessionDomainHours(Orderable):
    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="domain_hours")
    domain = models.ForeignKey(
        "courses.TrainingDomain",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("training domain"),
    )
    hours = models.DecimalField(
        _("contact hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25"))],
    )

    panels = [FieldRowPanel([FieldPanel("domain"), FieldPanel("hours")])]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["session", "domain"], name="unique_session_domain")
        ]
        verbose_name = _("domain hours")

    def __str__(self) -> str:
        return f"{self.domain}: {self.hours} h"


class SessionTopicHours(Orderable):
    """Part of the session's contact hours spent on a required topic (they overlap the domain
    hours: an hour on HIV/bloodborne pathogens is also an hour of some domain)."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="topic_hours")
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic")
    )
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )

    panels = [FieldRowPanel([FieldPanel("topic"), FieldPanel("hours")])]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["session", "topic"], name="unique_session_topic")
        ]
        verbose_name = _("topic hours")

    def __str__(self) -> str:
        return f"{self.topic}: {self.hours} h"


class CohortEnrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("On the waitlist")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_enrolments"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    # Where the trainee stands on the waitlist: when they (last) asked to join.
    queued_at = models.DateTimeField(default=timezone.now)
    enrolled_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Set when a place on the waitlist turned into a place in the cohort; the e-mail saying so
    # is sent once (core.decisions.send_once).
    promoted_at = models.DateTimeField(null=True, blank=True)
    promotion_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            # One row per trainee and cohort: joining again after withdrawing reuses it.
            models.UniqueConstraint(fields=["cohort", "trainee"], name="one_enrolment_per_cohort")
        ]
        indexes = [models.Index(fields=["cohort", "status", "queued_at"])]
        verbose_name = _("cohort enrolment")

    def __str__(self) -> str:
        return f"{self.trainee} — {self.cohort} ({self.get_status_display()})"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = rules.PRESENT, _("Present")
        LATE = rules.LATE, _("Late")
        LEFT_EARLY = rules.LEFT_EARLY, _("Left early")
        ABSENT = rules.ABSENT, _("Absent")

    class Joined(models.TextChoices):
        IN_PERSON = rules.IN_PERSON, _("In the room")
        LIVE_VIRTUAL = rules.LIVE_VIRTUAL, _("On video")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    minutes = models.PositiveIntegerField(_("minutes attended"))
    joined = models.CharField(max_length=20, choices=Joined.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "trainee"], name="one_mark_per_session"),
            models.CheckConstraint(
                condition=~Q(status=rules.ABSENT) | Q(minutes=0), name="absent_has_no_minutes"
            ),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.trainee} at {self.session}: {self.get_status_display()}"


class CheckInCode(models.Model):
    """The code shown in the room for one session. Short-lived: a new one replaces it."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="checkin_code")
    code = models.CharField(max_length=rules.CODE_LENGTH)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Check-in code for {self.session}"

    @staticmethod
    def new_code() -> str:
        return "".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(rules.CODE_LENGTH))


class CheckIn(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the instructor")
        CONFIRMED = "confirmed", _("Confirmed")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="checkins")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One check-in per trainee and session, whatever two taps submit at once.
            models.UniqueConstraint(fields=["session", "trainee"], name="one_checkin_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.trainee} checked in to {self.session}"


class SessionReminder(models.Model):
    """The day-before reminder to one trainee for one session: one row, one e-mail."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="reminders")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "trainee"], name="one_reminder_per_session")
        ]

    def __str__(self) -> str:
        return f"Reminder of {self.session} to {self.trainee}"


class SessionChangeNotice(models.Model):
    """One e-mail to one enrolled trainee about one change of a session's schedule (its
    `sequence`): a change announced twice still sends one e-mail per person."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="change_notices")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sequence = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee", "sequence"], name="one_notice_per_change"
            )
        ]

    def __str__(self) -> str:
        return f"Change {self.sequence} of {self.session} to {self.trainee}"


class CalendarFeed(models.Model):
    """A person's private calendar address. The token in the URL is derived from the secret
    key and a random nonce, so the page can show it again; the database keeps only its hash.
    Revoking clears the hash (the old address answers 404); a new address takes a new nonce."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    nonce = models.CharField(max_length=32, default="", editable=False)
    # NULL, not "": many feeds are off at once, and unique allows many NULLs but one "".
    token_sha256 = models.CharField(  # noqa: DJ001
        max_length=64, null=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar of {self.user}"

    @property
    def active(self) -> bool:
        return bool(self.token_sha256)


# --- outside training -------------------------------------------------------------------------


def certificate_upload_to(instance, filename: str) -> str:
    # Random names: nothing personal in file names, nothing guessable.
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        instance.certificate_type, "bin"
    )
    return f"outside-training/{secrets.token_hex(16)}.{extension}"


class OutsideTraining(ReviewedRequest):
    """Training a trainee took elsewhere, with its certificate, for a reviewer to approve hour
    by hour. Approved hours count like the platform's, from the day the training ended."""

    class Delivery(models.TextChoices):
        IN_PERSON = rules.IN_PERSON, _("In person")
        LIVE_VIRTUAL = rules.LIVE_VIRTUAL, _("Live virtual (real-time video)")
        SELF_PACED = rules.SELF_PACED, _("Self-paced (online or print)")

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outside_training"
    )
    title = models.CharField(_("training title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    approval_number = models.CharField(
        _("provider approval number"),
        max_length=80,
        blank=True,
        help_text=_("The provider's approval or accreditation number with the board, if any."),
    )
    started_on = models.DateField(_("first day"))
    ended_on = models.DateField(_("last day"))
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)
    certificate = models.FileField(
        storage=private_storage, upload_to=certificate_upload_to, blank=True
    )
    certificate_type = models.CharField(max_length=40, blank=True)

    class Meta(ReviewedRequest.Meta):
        verbose_name = _("outside training")
        verbose_name_plural = _("outside training")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__gte=models.F("started_on")), name="outside_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"

    # Topic rows overlap the domain rows (an hour of ethics is also an hour of some domain):
    # the totals are the domain rows'.
    @property
    def hours_claimed(self) -> Decimal:
        return sum(
            (row.hours_claimed for row in self.domain_hours.all() if row.domain_id), Decimal("0")
        )

    @property
    def hours_approved(self) -> Decimal:
        return sum(
            (
                row.hours_approved or Decimal("0")
                for row in self.domain_hours.all()
                if row.domain_id
            ),
            Decimal("0"),
        )


class OutsideTrainingHours(models.Model):
    """Hours in one training domain (or on one required topic): what the trainee claims and
    what the reviewer approves (never more)."""

    record = models.ForeignKey(
        OutsideTraining, on_delete=models.CASCADE, related_name="domain_hours"
    )
    domain = models.ForeignKey(
        "courses.TrainingDomain", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hours_claimed = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("200"))],
    )
    hours_approved = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(domain__isnull=False) & Q(topic__isnull=True))
                | (Q(domain__isnull=True) & Q(topic__isnull=False)),
                name="outside_hours_domain_or_topic",
            ),
            models.CheckConstraint(
                condition=Q(hours_approved__isnull=True)
                | Q(hours_approved__lte=models.F("hours_claimed")),
                name="outside_approved_within_claim",
            ),
            models.UniqueConstraint(
                fields=["record", "domain"],
                condition=Q(domain__isnull=False),
                name="outside_one_row_per_domain",
            ),
            models.UniqueConstraint(
                fields=["record", "topic"],
                condition=Q(topic__isnull=False),
                name="outside_one_row_per_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain or self.topic}: {self.hours_claimed} h"

    @property
    def label(self) -> str:
        return str(self.domain or self.topic)
