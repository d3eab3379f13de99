"""Webhook rules without the ORM: which certificate changes are which events, the body sent,
and the Standard Webhooks signature (https://www.standardwebhooks.com/).

Every delivery carries three headers:

- ``webhook-id``: the delivery's id, the same on every retry and replay — the receiver's
  idempotency key (delivery is at least once; the receiver keeps the ids it has handled);
- ``webhook-timestamp``: seconds since the epoch, at this attempt;
- ``webhook-signature``: ``v1,`` then the base64 HMAC-SHA256, keyed with the secret's bytes
  (the base64 after ``whsec_``), of ``{id}.{timestamp}.{body}``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import date, datetime

SECRET_PREFIX = "whsec_"  # noqa: S105 (the scheme's prefix, not a secret)
MESSAGE_PREFIX = "msg_"

ISSUED = "certificate.issued"
RENEWED = "certificate.renewed"
EXPIRED = "certificate.expired"
SUSPENDED = "certificate.suspended"
REINSTATED = "certificate.reinstated"
REVOKED = "certificate.revoked"
SUPERSEDED = "certificate.superseded"
STATUS_CHANGED = "certificate.status_changed"
PUBLIC_ACTION = "certificate.public_action"

# What an employer can subscribe to, in the order the form lists them.
EVENT_TYPES = (
    ISSUED,
    RENEWED,
    EXPIRED,
    SUSPENDED,
    REINSTATED,
    REVOKED,
    SUPERSEDED,
    PUBLIC_ACTION,
    STATUS_CHANGED,
)

EVENT_LABELS = {
    ISSUED: "Issued",
    RENEWED: "Renewed",
    EXPIRED: "Expired",
    SUSPENDED: "Suspended",
    REINSTATED: "Reinstated",
    REVOKED: "Revoked",
    SUPERSEDED: "Superseded",
    PUBLIC_ACTION: "Public action published",
    STATUS_CHANGED: "Other status changes (inactive, relinquished, …)",
}


def new_secret() -> str:
    """``whsec_`` and 32 random bytes in base64: what the employer's receiver verifies with."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def new_message_id() -> str:
    """Random (128 bits), never derived from a database id."""
    return MESSAGE_PREFIX + secrets.token_hex(16)


def event_type(*, from_status: str, to_status: str, renewal: bool) -> str | None:
    """The event a certificate's status change is, or None for a history entry that changes
    no status (an endorsement added). ``renewal``: the certificate is a later cycle of the
    credential (cycle > 1)."""
    if from_status == to_status:
        return None
    if to_status == "valid":
        if from_status == "pending":
            return RENEWED if renewal else ISSUED
        return REINSTATED
    return {
        "expired": EXPIRED,
        "suspended": SUSPENDED,
        "revoked": REVOKED,
        "superseded": SUPERSEDED,
    }.get(to_status, STATUS_CHANGED)


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def body(*, event: str, at: datetime, data: dict) -> str:
    """The exact bytes (as text) that are signed and sent: compact, keys in a fixed order."""
    payload = {"type": event, "timestamp": at.isoformat(), "data": data}
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, default=_plain)


def _key(secret: str) -> bytes:
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("a webhook secret starts with whsec_")
    return base64.b64decode(secret[len(SECRET_PREFIX) :])


def signature(*, secret: str, message_id: str, timestamp: int, body: str) -> str:
    signed = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(*, secret: str, message_id: str, timestamp: int, body: str) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(
            secret=secret, message_id=message_id, timestamp=timestamp, body=body
        ),
        "content-type": "application/json",
        "user-agent": "PeerCert-Webhooks/1",
    }


def next_attempt_delay(attempts: int, intervals: list[int]) -> int | None:
    """Seconds to wait after the ``attempts``-th failed try, or None when that was the last:
    one first try and one more per interval (core.jobs.RETRY_INTERVALS, rising)."""
    if attempts < 1 or attempts > len(intervals):
        return None
    return intervals[attempts - 1]
