from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The Bitstring Status List minimum (16 KiB uncompressed): with this many entries, fetching a
# list says nothing about which credential a verifier is checking.
STATUS_LIST_SIZE = 131_072


class StatusPurpose(models.TextChoices):
    # One list per purpose, one bit per entry: the two entries of credentials issued before
    # credentialStatus became a single object (Open Badges 3.0's schema allows one).
    REVOCATION = "revocation", _("Revocation")
    SUSPENSION = "suspension", _("Suspension")
    # Two bits per entry (0 valid, 1 suspended, 2 revoked): the one entry of every credential
    # issued since. See credentials.status for how single-bit readers are kept right.
    MESSAGE = "message", _("Status message")


class StatusList(models.Model):
    """One published Bitstring Status List. Its bits are not stored: they are read from the
    certificates' own status whenever the list is served, so they can never disagree."""

    slug = models.SlugField(
        max_length=40, unique=True, help_text=_("Last part of /issuer/status/<slug>.")
    )
    purpose = models.CharField(max_length=20, choices=StatusPurpose.choices)
    number = models.PositiveIntegerField(default=1)
    size = models.PositiveIntegerField(default=STATUS_LIST_SIZE, help_text=_("Entries."))
    status_size = models.PositiveSmallIntegerField(default=1, help_text=_("Bits per entry."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status list")
        ordering = ["purpose", "number"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "number"], name="unique_status_list_number"),
            models.CheckConstraint(
                condition=models.Q(size__gte=STATUS_LIST_SIZE),
                name="status_list_at_least_minimum_size",
            ),
        ]

    def __str__(self) -> str:
        return self.slug

    @staticmethod
    def slug_for(purpose: str, number: int) -> str:
        return purpose if number == 1 else f"{purpose}-{number}"


class StatusEntry(models.Model):
    """A credential's position in one status list: a certificate's, or a transcript
    credential's. Positions are random and never reused, so an old credential can never come
    to point at someone else's status."""

    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="entries")
    certificate = models.ForeignKey(
        "certificates.Certificate",
        on_delete=models.PROTECT,
        related_name="status_entries",
        null=True,
        blank=True,
    )
    transcript = models.ForeignKey(
        "TranscriptCredential",
        on_delete=models.PROTECT,
        related_name="status_entries",
        null=True,
        blank=True,
    )
    # Copied from the list so the database can enforce one entry per certificate and purpose.
    purpose = models.CharField(max_length=20, choices=StatusPurpose.choices)
    index = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status list entry")
        verbose_name_plural = _("status list entries")
        constraints = [
            models.UniqueConstraint(fields=["status_list", "index"], name="unique_status_index"),
            models.UniqueConstraint(
                fields=["certificate", "purpose"], name="one_status_entry_per_purpose"
            ),
            models.UniqueConstraint(
                fields=["transcript", "purpose"], name="one_transcript_status_entry_per_purpose"
            ),
            models.CheckConstraint(
                condition=models.Q(certificate__isnull=False, transcript__isnull=True)
                | models.Q(certificate__isnull=True, transcript__isnull=False),
                name="status_entry_for_one_credential",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status_list_id}#{self.index}"


class IssuedCredential(models.Model):
    """The Open Badges credential of a certificate, signed once and kept, so the copy inside
    the PDF, the JSON download and the JWT are the same signed bytes for the certificate's life.

    Holds a random salt for the holder's hashed e-mail identifier, never the e-mail itself.
    """

    certificate = models.OneToOneField(
        "certificates.Certificate", on_delete=models.PROTECT, related_name="issued_credential"
    )
    salt = models.CharField(max_length=64)
    # credentialSubject.id: random, so it says nothing about the holder; the VC-JWT's `sub`.
    subject_id = models.CharField(max_length=45, blank=True)
    credential_json = models.TextField(blank=True)
    credential_jwt = models.TextField(blank=True)
    key_id = models.CharField(max_length=100, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("issued credential")

    def __str__(self) -> str:
        return f"Open Badge for certificate {self.certificate_id}"

    @property
    def is_signed(self) -> bool:
        return bool(self.credential_json and self.credential_jwt)


class TranscriptCredential(models.Model):
    """A trainee's transcript as a signed 1EdTech CLR 2.0 ClrCredential: what they chose to
    bundle (courses, certificates, CE by cycle), signed once and kept. Its status follows
    what it vouches for: revoked when a bundled certificate is revoked (or the issuer
    withdraws it), suspended while one is suspended."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="transcript_credentials"
    )
    subject_id = models.CharField(max_length=45)
    # Where it was asked for ("download", "share:<link id>"), and a digest of what it says:
    # the same request for the same content returns the same signed credential.
    source = models.CharField(max_length=60)
    content_sha256 = models.CharField(max_length=64)
    certificates = models.ManyToManyField(
        "certificates.Certificate", related_name="transcript_credentials", blank=True
    )
    credential_json = models.TextField()
    key_id = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("transcript credential")
        indexes = [models.Index(fields=["holder", "source", "content_sha256"])]

    def __str__(self) -> str:
        return f"Transcript credential {self.subject_id}"


class WalletOffer(models.Model):
    """One "Add to wallet" offer (OpenID4VCI pre-authorized code flow, credentials/oid4vci.py).

    Stores only SHA-256 hashes of the pre-authorized code and of the access token it is traded
    for: a database leak hands out no credential. The code is spent on first use, the offer
    expires after minutes, and each credential configuration is delivered once.
    """

    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.CASCADE, related_name="wallet_offers"
    )
    code_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    redeemed_at = models.DateTimeField(null=True, blank=True)
    token_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    issued_configurations = models.JSONField(default=list, blank=True)
    # The DID the wallet proved it holds: the credentialSubject.id of what it received.
    holder_did = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("wallet offer")

    def __str__(self) -> str:
        return f"Wallet offer for certificate {self.certificate_id}"
