"""Bitstring Status Lists (W3C VC Bitstring Status List v1.0) for revocation and suspension.

Each issued credential gets a random, never reused position in one list per purpose. The bits
are not stored anywhere: serving a list reads the set positions from the certificates' current
status in one query, so a revocation shows in the very next fetch, from any process. The signed
list is cached under a digest of its bits, so a cached copy is only ever reused while it is
still exactly right.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import secrets
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction

from certificates.models import Certificate

from .codec import b64url_decode, multibase_base64url
from .contexts import VC_V2
from .issuer import issuer_id, issuer_keys, signing_key, status_list_url, verification_method
from .models import StatusEntry, StatusList, StatusPurpose
from .proofs import rfc3339, sign_credential

__all__ = [
    "PURPOSE_STATUSES",
    "assign_status_entries",
    "bitstring",
    "credential_status",
    "decode_list",
    "encode_list",
    "set_indices",
    "signed_status_list",
]

# Which certificate statuses set a list's bit. Clearing happens by itself: a reinstated
# certificate is no longer "suspended", so its bit is simply not set the next time.
PURPOSE_STATUSES: dict[str, tuple[str, ...]] = {
    StatusPurpose.REVOCATION: (Certificate.Status.REVOKED,),
    StatusPurpose.SUSPENSION: (Certificate.Status.SUSPENDED,),
}
_RANDOM_TRIES = 16
_CACHE_SECONDS = 24 * 3600


# --- allocation ----------------------------------------------------------------------------


def current_list(purpose: str) -> StatusList:
    """The newest list for ``purpose``; created on first use."""
    status_list = StatusList.objects.filter(purpose=purpose).order_by("-number").first()
    if status_list is None:
        status_list, _ = StatusList.objects.get_or_create(
            purpose=purpose, number=1, defaults={"slug": StatusList.slug_for(purpose, 1)}
        )
    return status_list


def assign_status_entries(certificate: Certificate) -> dict[str, StatusEntry]:
    """One entry per purpose for ``certificate``, creating what is missing. Safe to run
    concurrently: the unique constraints decide, and the loser reads the winner's row."""
    entries = {
        e.purpose: e
        for e in StatusEntry.objects.filter(certificate=certificate).select_related("status_list")
    }
    for purpose in PURPOSE_STATUSES:
        if purpose not in entries:
            entries[purpose] = _assign(certificate, purpose)
    return entries


def _assign(certificate: Certificate, purpose: str) -> StatusEntry:
    status_list = current_list(purpose)
    while True:
        for _attempt in range(_RANDOM_TRIES):
            index = secrets.randbelow(status_list.size)
            entry = _try_insert(certificate, status_list, purpose, index)
            if entry is not None:
                return entry
        # Sixteen random misses in a row: the list is nearly full. Pick among the free
        # positions, or start the next list when none is left.
        taken = _taken(status_list)
        free = status_list.size - len(taken)
        if free > 0:
            index = _nth_free(taken, secrets.randbelow(free))
            entry = _try_insert(certificate, status_list, purpose, index)
            if entry is not None:
                return entry
            continue
        status_list, _ = StatusList.objects.get_or_create(
            purpose=purpose,
            number=status_list.number + 1,
            defaults={"slug": StatusList.slug_for(purpose, status_list.number + 1)},
        )


def _taken(status_list: StatusList) -> set[int]:
    return set(StatusEntry.objects.filter(status_list=status_list).values_list("index", flat=True))


def _nth_free(taken: set[int], n: int) -> int:
    index = -1
    while n >= 0:
        index += 1
        if index not in taken:
            n -= 1
    return index


def _try_insert(
    certificate: Certificate, status_list: StatusList, purpose: str, index: int
) -> StatusEntry | None:
    try:
        with transaction.atomic():
            return StatusEntry.objects.create(
                status_list=status_list, certificate=certificate, purpose=purpose, index=index
            )
    except IntegrityError:
        # Either the position is taken (try another) or another process just gave this
        # certificate its entry (use that one).
        existing = (
            StatusEntry.objects.filter(certificate=certificate, purpose=purpose)
            .select_related("status_list")
            .first()
        )
        return existing


def credential_status(entries: dict[str, StatusEntry]) -> list[dict[str, Any]]:
    """The ``credentialStatus`` entries of a credential, revocation first."""
    result = []
    for purpose in PURPOSE_STATUSES:
        entry = entries[purpose]
        url = status_list_url(entry.status_list.slug)
        result.append(
            {
                "id": f"{url}#{entry.index}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(entry.index),
                "statusListCredential": url,
            }
        )
    return result


# --- the list itself -----------------------------------------------------------------------


def set_indices(status_list: StatusList) -> list[int]:
    """Positions whose bit is set right now: one query."""
    statuses = PURPOSE_STATUSES[status_list.purpose]
    return sorted(
        StatusEntry.objects.filter(
            status_list=status_list, certificate__status__in=statuses
        ).values_list("index", flat=True)
    )


def bitstring(size: int, indices: list[int]) -> bytes:
    """``size`` bits, index 0 the left-most bit of the first byte (as the spec requires)."""
    bits = bytearray((size + 7) // 8)
    for index in indices:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encode_list(bits: bytes) -> str:
    # mtime=0: the same bits always give the same bytes (and so the same cache key and proof).
    return multibase_base64url(gzip.compress(bits, compresslevel=9, mtime=0))


def decode_list(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url")
    return gzip.decompress(b64url_decode(encoded[1:]))


def signed_status_list(status_list: StatusList) -> bytes:
    """The signed BitstringStatusListCredential as JSON bytes, current as of this call."""
    encoded = encode_list(bitstring(status_list.size, set_indices(status_list)))
    keys = issuer_keys()
    key = signing_key(keys)
    digest = hashlib.sha256(encoded.encode("ascii")).hexdigest()
    cache_key = f"credentials:status:{status_list.slug}:{key.key_id}:{digest}"
    cached = cache.get(cache_key)
    if cached is not None:
        return cached
    now = datetime.now(UTC)
    url = status_list_url(status_list.slug)
    document = {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": rfc3339(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_list.purpose,
            "encodedList": encoded,
        },
    }
    signed = sign_credential(
        document, key, verification_method=verification_method(key.key_id), created=now
    )
    payload = json.dumps(signed, indent=2, ensure_ascii=False).encode("utf-8")
    cache.set(cache_key, payload, _CACHE_SECONDS)
    return payload
