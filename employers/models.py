"""Employers' tools: API keys, the roster of certificates they follow and the notifications
sent about it, and the links trainees use to share more than the public record.

Secrets (API keys, share tokens) are stored only as SHA-256 hashes: they carry ≥ 128 random
bits, so a plain hash is enough to make a leaked table useless, and lookup stays one indexed
query. The plaintext is shown once, when it is created.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.decisions import ReviewedRequest


def sha256_text(value: str) -> str:
    """What is stored of a secret: its SHA-256, hex."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    employer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What uses this key, e.g. “HR system”.")
    )
    # Shown in lists so a key can be recognised; not secret, not enough to authenticate.
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class RosterEntry(models.Model):
    """A certificate an employer follows. ``last_notified_status`` is the status the employer
    was last told about (at adding, the status they saw); a difference means a notification
    is due."""

    employer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roster_entries"
    )
    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.CASCADE, related_name="roster_entries"
    )
    label = models.CharField(
        _("your reference"),
        max_length=100,
        blank=True,
        help_text=_("Optional, for you: a staff number or team. Nothing about health."),
    )
    last_notified_status = models.CharField(max_length=20)
    # Bumped with every notification, so a second suspension after a reinstatement is a new
    # notification rather than a duplicate of the first.
    notifications_sent = models.PositiveIntegerField(default=0)
    added_at = models.DateTimeField(default=timezone.now, editable=False)
    # What the employer saw the last time they opened the roster: "changed since your last
    # visit" is a status different from this one, or a status change after that moment (a
    # suspension lifted in between still counts). Set at adding, like last_notified_status.
    seen_status = models.CharField(max_length=20, blank=True, editable=False)
    seen_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("roster entry")
        verbose_name_plural = _("roster entries")
        ordering = ["-added_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "certificate"], name="one_roster_entry_per_certificate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id} follows {self.certificate_id}"


class RosterNotification(models.Model):
    """One e-mail about one status change of one roster entry. The unique constraint makes a
    second run of the sweep or the job a no-op; ``sent_at`` is claimed before sending."""

    entry = models.ForeignKey(RosterEntry, on_delete=models.CASCADE, related_name="notifications")
    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=20)
    previous_status = models.CharField(max_length=20)
    sequence = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "certificate", "status", "sequence"],
                name="one_notification_per_status_change",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.previous_status} → {self.status} (entry {self.entry_id})"


class ShareLinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ShareLink(models.Model):
    """A trainee's revocable link showing an employer more than the public page: their
    certificates, completed courses and signed supervision hours, and — only if the trainee
    ticks it — their transcript (page, PDF, CSV) with the assessment results they chose.
    Never e-mail, never assessment attempts or answers."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("For you, e.g. the employer's name.")
    )
    token_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    # Optional restriction: only the employer account with this e-mail may open the link.
    employer_email = models.EmailField(_("only for the employer account"), blank=True)
    include_transcript = models.BooleanField(_("include my transcript"), default=False)
    # Assessments whose best result the shared transcript shows, chosen at creation the way
    # the transcript page's "include" boxes are; empty shows none. Ids only: a result that is
    # no longer there is simply not shown.
    transcript_assessments = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_viewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    view_count = models.PositiveIntegerField(default=0, editable=False)
    transcript_downloads = models.PositiveIntegerField(default=0, editable=False)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label or f"Share link {self.pk}"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class EmployerAccessRequest(ReviewedRequest):
    """A signed-in person asking for the employer tools (roster alerts, bulk checks, API keys)
    for an organisation. An administrator looks before granting: the tools send e-mail about
    people's certificates and hand out API keys."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_access_requests"
    )
    organisation = models.CharField(_("organisation"), max_length=200)

    class Meta(ReviewedRequest.Meta):
        verbose_name = _("employer access request")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_employer_request_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_status_display()})"


# --- webhooks: employers' systems told about their roster --------------------------------------


class WebhookEndpointQuerySet(models.QuerySet):
    def live(self):
        """Registered and not removed (possibly disabled)."""
        return self.filter(removed_at__isnull=True)

    def sending(self):
        return self.live().filter(disabled_at__isnull=True)


class WebhookEndpoint(models.Model):
    """An address of an employer's system that receives signed events about the certificates
    on that employer's roster (employers/webhooks.py says which and how they are signed).

    The signing secret must be kept as it is (an HMAC key cannot be checked against a hash); it
    is shown to the employer once, when the endpoint is registered, and never again."""

    employer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("address"), max_length=500)
    description = models.CharField(
        _("description"), max_length=100, blank=True, help_text=_("e.g. “HR system”.")
    )
    # Event types (employers.webhooks.EVENT_TYPES) this endpoint wants; empty means all.
    events = models.JSONField(default=list, blank=True)
    secret = models.CharField(max_length=100, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.CharField(max_length=200, blank=True, editable=False)
    # Set once the mail server accepted the "disabled" e-mail (core.decisions.send_once).
    disabled_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook endpoint")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.description or self.url

    @property
    def is_sending(self) -> bool:
        return self.disabled_at is None and self.removed_at is None

    def wants(self, event_type: str) -> bool:
        return not self.events or event_type in self.events


class WebhookDelivery(models.Model):
    """One event for one endpoint: its id (``webhook-id``, the receiver's idempotency key, the
    same on every retry and replay), the exact body signed and its state. ``event_key`` names
    what caused it (a certificate event), so fanning out twice creates nothing twice."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    message_id = models.CharField(max_length=40, unique=True, editable=False)
    event_type = models.CharField(max_length=50)
    event_key = models.CharField(max_length=100)
    certificate = models.ForeignKey(
        "certificates.Certificate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField()
    state = models.CharField(
        max_length=20, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Held while an attempt is under way, so two workers never send at once; a worker killed
    # mid-send leaves it to expire and the reconciler sends again (the receiver dedupes).
    leased_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_key"], name="one_delivery_per_endpoint_and_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint_id} ({self.state})"


class WebhookAttempt(models.Model):
    """One try at sending a delivery: when, what came back (status code or error), how long."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error}"
