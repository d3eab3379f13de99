"""API keys for the verification API: created with the plaintext shown once, stored hashed,
revoked at once."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import CODE_ALPHABET
from courses.permissions import EMPLOYERS_GROUP

from ..models import ApiKey, sha256_text

API_KEY_PREFIX = "pck_"
# Don't write last_used_at on every request: once per this interval is enough to answer
# "is this key still used?" and keeps a verification at one query.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def _new_prefix() -> str:
    return "".join(secrets.choice(CODE_ALPHABET.lower()) for _ in range(8))


@transaction.atomic
def api_key_create(*, employer, name: str) -> tuple[ApiKey, str]:
    """A new key and its plaintext, which is never stored and never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the key a name.")})
    prefix = _new_prefix()
    plaintext = f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"  # 256 random bits
    key = ApiKey(
        employer=employer, name=name[:100], prefix=prefix, secret_sha256=sha256_text(plaintext)
    )
    key.full_clean(exclude=["employer"])
    key.save()
    return key, plaintext


@transaction.atomic
def api_key_revoke(*, employer, key_id: int) -> ApiKey:
    key = ApiKey.objects.select_for_update().get(pk=key_id, employer=employer)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def _looks_like_api_key(raw: str) -> bool:
    return raw.startswith(API_KEY_PREFIX) and 40 <= len(raw) <= 100 and raw.isascii()


def api_key_authenticate(raw: str) -> ApiKey | None:
    """The active key for ``raw``, or None. One query (plus, at most every few minutes, an
    update of last_used_at). Keys of accounts no longer active or no longer employers stop
    working too."""
    raw = raw.strip()
    if not _looks_like_api_key(raw):
        return None
    key = (
        ApiKey.objects.active()
        .filter(
            secret_sha256=sha256_text(raw),
            employer__is_active=True,
            employer__groups__name=EMPLOYERS_GROUP,
        )
        .only("pk", "employer_id", "prefix", "last_used_at")
        .first()
    )
    if key is None:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
