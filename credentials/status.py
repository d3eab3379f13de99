"""Bitstring Status Lists (W3C VC Bitstring Status List v1.0).

Every credential issued now carries one ``credentialStatus`` object (Open Badges 3.0's schema
allows exactly one): an entry in a ``statusPurpose: "message"`` list with ``statusSize`` 2,
whose value is 0 valid, 1 suspended, 2 revoked (``statusMessage`` names them), so revocation
and suspension are both visible through one entry.

Digital Bazaar's and the Digital Credentials Consortium's checkers (``vc-bitstring-status-list``)
read a single bit at ``statusListIndex`` whatever ``statusSize`` says. A plain two-bit list
would make them read half of some other entry's value. So message entries only ever get
positions in the upper half of the list (index ``i`` with ``size/2 <= i < size``; its two bits
are ``2i`` and ``2i+1``), and bit ``i`` itself, which falls in the never-used lower half, is
set whenever entry ``i`` is not valid. A reader that honours ``statusSize`` sees
valid/suspended/revoked; a single-bit reader sees "not valid" exactly when it should.

Credentials issued before carry two entries (revocation, suspension) in one-bit lists, which
are still served, signed as before under the issuer's https identifier they name.

The bits are not stored anywhere: serving a list reads them from the certificates' (and
transcript credentials') current status, so a revocation shows in the very next fetch, from
any process. The signed list is cached under a digest of its bits, so a cached copy is only
ever reused while it is still exactly right.
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
from django.db.models import Exists, OuterRef

from certificates.models import Certificate

from .codec import b64url_decode, multibase_base64url
from .contexts import VC_V2
from .issuer import (
    issuer_id,
    issuer_keys,
    legacy_verification_method,
    profile_url,
    signing_key,
    status_list_url,
    verification_method,
)
from .models import StatusEntry, StatusList, StatusPurpose, TranscriptCredential
from .proofs import rfc3339, sign_credential

__all__ = [
    "LEGACY_PURPOSE_STATUSES",
    "MESSAGE_SIZE",
    "STATUS_MESSAGES",
    "VALID",
    "REVOKED",
    "SUSPENDED",
    "assign_status_entry",
    "bitstring",
    "credential_status",
    "decode_list",
    "encode_list",
    "entry_values",
    "message_bits",
    "read_value",
    "set_indices",
    "signed_status_list",
]

VALID, SUSPENDED, REVOKED = 0, 1, 2
MESSAGE_SIZE = 2
# Two bits give four values; the Recommendation wants a message for each. 3 is never set.
STATUS_MESSAGES = [
    {"status": "0x0", "message": "valid"},
    {"status": "0x1", "message": "suspended"},
    {"status": "0x2", "message": "revoked"},
    {"status": "0x3", "message": "invalid"},
]

# The one-bit lists of older credentials: which certificate statuses set a list's bit.
# Clearing happens by itself: a reinstated certificate is no longer "suspended", so its bit is
# simply not set the next time.
LEGACY_PURPOSE_STATUSES: dict[str, tuple[str, ...]] = {
    StatusPurpose.REVOCATION: (Certificate.Status.REVOKED,),
    StatusPurpose.SUSPENSION: (Certificate.Status.SUSPENDED,),
}
# Statuses a credential's status list reports, as the list's two values: an inactive
# certificate may come back (like a suspension); a relinquished one never does (like a
# revocation). A probation or reprimand leaves the certificate valid: it is a public action
# on the verification page and in the API, not a status.
NOT_IN_FORCE = {
    Certificate.Status.SUSPENDED: SUSPENDED,
    Certificate.Status.INACTIVE: SUSPENDED,
    Certificate.Status.REVOKED: REVOKED,
    Certificate.Status.RELINQUISHED: REVOKED,
}
_RANDOM_TRIES = 16
_CACHE_SECONDS = 24 * 3600


# --- allocation ----------------------------------------------------------------------------


def _usable(status_list: StatusList) -> tuple[int, int]:
    """The positions entries may take: the upper half of a message list (see the module
    docstring), all of a one-bit list."""
    if status_list.purpose == StatusPurpose.MESSAGE:
        return status_list.size // 2, status_list.size
    return 0, status_list.size


def current_list(purpose: str = StatusPurpose.MESSAGE) -> StatusList:
    """The newest list for ``purpose``; created on first use."""
    status_list = StatusList.objects.filter(purpose=purpose).order_by("-number").first()
    if status_list is None:
        status_list, _ = StatusList.objects.get_or_create(
            purpose=purpose,
            number=1,
            defaults={
                "slug": StatusList.slug_for(purpose, 1),
                "status_size": MESSAGE_SIZE if purpose == StatusPurpose.MESSAGE else 1,
            },
        )
    return status_list


def assign_status_entry(
    *, certificate: Certificate | None = None, transcript: TranscriptCredential | None = None
) -> StatusEntry:
    """The credential's one message-list entry, created if missing. Safe to run
    concurrently: the unique constraints decide, and the loser reads the winner's row."""
    owner = {"certificate": certificate} if certificate is not None else {"transcript": transcript}
    existing = (
        StatusEntry.objects.filter(purpose=StatusPurpose.MESSAGE, **owner)
        .select_related("status_list")
        .first()
    )
    if existing is not None:
        return existing
    status_list = current_list(StatusPurpose.MESSAGE)
    while True:
        low, high = _usable(status_list)
        for _attempt in range(_RANDOM_TRIES):
            index = low + secrets.randbelow(high - low)
            entry = _try_insert(owner, status_list, index)
            if entry is not None:
                return entry
        # Sixteen random misses in a row: the list is nearly full. Pick among the free
        # positions, or start the next list when none is left.
        taken = _taken(status_list)
        free = (high - low) - len(taken)
        if free > 0:
            index = _nth_free(taken, secrets.randbelow(free), start=low)
            entry = _try_insert(owner, status_list, index)
            if entry is not None:
                return entry
            continue
        status_list, _ = StatusList.objects.get_or_create(
            purpose=StatusPurpose.MESSAGE,
            number=status_list.number + 1,
            defaults={
                "slug": StatusList.slug_for(StatusPurpose.MESSAGE, status_list.number + 1),
                "status_size": MESSAGE_SIZE,
            },
        )


def _taken(status_list: StatusList) -> set[int]:
    return set(StatusEntry.objects.filter(status_list=status_list).values_list("index", flat=True))


def _nth_free(taken: set[int], n: int, *, start: int = 0) -> int:
    index = start - 1
    while n >= 0:
        index += 1
        if index not in taken:
            n -= 1
    return index


def _try_insert(owner: dict[str, Any], status_list: StatusList, index: int) -> StatusEntry | None:
    try:
        with transaction.atomic():
            return StatusEntry.objects.create(
                status_list=status_list, purpose=StatusPurpose.MESSAGE, index=index, **owner
            )
    except IntegrityError:
        # Either the position is taken (try another) or another process just gave this
        # credential its entry (use that one).
        return (
            StatusEntry.objects.filter(purpose=StatusPurpose.MESSAGE, **owner)
            .select_related("status_list")
            .first()
        )


def credential_status(entry: StatusEntry) -> dict[str, Any]:
    """The credential's ``credentialStatus`` object."""
    url = status_list_url(entry.status_list.slug)
    return {
        "id": f"{url}#{entry.index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": StatusPurpose.MESSAGE.value,
        "statusListIndex": str(entry.index),
        "statusListCredential": url,
        "statusSize": MESSAGE_SIZE,
        "statusMessage": STATUS_MESSAGES,
    }


# --- the list itself -----------------------------------------------------------------------


def entry_values(status_list: StatusList) -> dict[int, int]:
    """Index -> value of every entry that is not valid right now (absent means valid): two
    queries for a message list (certificates, then transcripts), one for a one-bit list."""
    if status_list.purpose != StatusPurpose.MESSAGE:
        statuses = LEGACY_PURPOSE_STATUSES[status_list.purpose]
        return dict.fromkeys(
            StatusEntry.objects.filter(
                status_list=status_list, certificate__status__in=statuses
            ).values_list("index", flat=True),
            1,
        )
    values: dict[int, int] = {}
    for index, status in StatusEntry.objects.filter(
        status_list=status_list, certificate__status__in=NOT_IN_FORCE
    ).values_list("index", "certificate__status"):
        values[index] = NOT_IN_FORCE[status]
    bundled = Certificate.objects.filter(transcript_credentials=OuterRef("transcript"))
    rows = (
        StatusEntry.objects.filter(status_list=status_list, transcript__isnull=False)
        .annotate(
            any_revoked=Exists(bundled.filter(status=Certificate.Status.REVOKED)),
            any_suspended=Exists(bundled.filter(status=Certificate.Status.SUSPENDED)),
        )
        .values_list("index", "transcript__revoked_at", "any_revoked", "any_suspended")
    )
    for index, withdrawn_at, any_revoked, any_suspended in rows:
        if withdrawn_at is not None or any_revoked:
            values[index] = REVOKED
        elif any_suspended:
            values[index] = SUSPENDED
    return values


def set_indices(status_list: StatusList) -> list[int]:
    """Positions of the entries that are not valid right now (what bench/ measures)."""
    return sorted(entry_values(status_list))


def bitstring(size: int, indices: list[int]) -> bytes:
    """``size`` bits, index 0 the left-most bit of the first byte (as the spec requires)."""
    bits = bytearray((size + 7) // 8)
    for index in indices:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def message_bits(size: int, values: dict[int, int]) -> bytes:
    """The bits of a ``statusSize`` 2 list of ``size`` entries: each value most significant
    bit first at bits ``2i`` and ``2i+1``, plus the single-bit readers' bit ``i``."""
    positions = []
    for index, value in values.items():
        if value & 0b10:
            positions.append(2 * index)
        if value & 0b01:
            positions.append(2 * index + 1)
        if value:
            positions.append(index)
    return bitstring(size * MESSAGE_SIZE, positions)


def read_value(bits: bytes, index: int, status_size: int) -> int:
    """The value of entry ``index`` as a reader that honours ``statusSize`` sees it."""
    value = 0
    for position in range(index * status_size, (index + 1) * status_size):
        value = (value << 1) | ((bits[position // 8] >> (7 - position % 8)) & 1)
    return value


def encode_list(bits: bytes) -> str:
    # mtime=0: the same bits always give the same bytes (and so the same cache key and proof).
    return multibase_base64url(gzip.compress(bits, compresslevel=9, mtime=0))


def decode_list(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url")
    return gzip.decompress(b64url_decode(encoded[1:]))


def signed_status_list(status_list: StatusList) -> bytes:
    """The signed BitstringStatusListCredential as JSON bytes, current as of this call."""
    values = entry_values(status_list)
    if status_list.purpose == StatusPurpose.MESSAGE:
        encoded = encode_list(message_bits(status_list.size, values))
        # The credentials that point here name the did:web issuer; a verifier checks the list
        # comes from the same issuer.
        issuer, method = issuer_id(), verification_method
    else:
        encoded = encode_list(bitstring(status_list.size, sorted(values)))
        issuer, method = profile_url(), legacy_verification_method
    keys = issuer_keys()
    key = signing_key(keys)
    digest = hashlib.sha256(f"{issuer} {encoded}".encode("ascii")).hexdigest()
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
        "issuer": issuer,
        "validFrom": rfc3339(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_list.purpose,
            "encodedList": encoded,
        },
    }
    signed = sign_credential(document, key, verification_method=method(key.key_id), created=now)
    payload = json.dumps(signed, indent=2, ensure_ascii=False).encode("utf-8")
    cache.set(cache_key, payload, _CACHE_SECONDS)
    return payload
