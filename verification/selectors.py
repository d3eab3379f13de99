"""Reads for verification: the public record of a certificate, one query for one code or many.

Only what the privacy rules allow in public: holder name, credential, status, issue and expiry dates,
issuer. A pending certificate is not yet a certificate: it reads as not found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from certificates.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Certificate,
    group_code,
    normalise_code,
)
from core.compiled import CompiledLookup

NOT_FOUND = "not_found"
MAX_BATCH_CODES = 500
_ALPHABET = frozenset(CODE_ALPHABET)


def lookup_code(raw: str) -> str | None:
    """The code as stored, or None when ``raw`` cannot be any certificate's code (so no
    query is spent on it)."""
    code = normalise_code(raw or "")
    if len(code) != CODE_LENGTH or not _ALPHABET.issuperset(code):
        return None
    return code


# The public record's columns, in the order PublicRecord.from_row reads them.
_ROW_FIELDS = (
    "code",
    "serial",
    "status",
    "holder_name",
    "issued_on",
    "expires_on",
    "version__program__credential_name",
)


def _public_queryset():
    return Certificate.objects.issued()


class _StatusOf:
    """Just enough of a Certificate for its ``public_status`` property, so the rule that a
    valid certificate past its expiry date reads expired lives in one place only."""

    __slots__ = ("status", "expires_on")
    Status = Certificate.Status
    public_status = Certificate.public_status

    def __init__(self, status: str, expires_on: date | None):
        self.status = status
        self.expires_on = expires_on


@dataclass(frozen=True, slots=True)
class PublicRecord:
    code: str
    display_code: str
    serial: str
    status: str
    holder_name: str
    credential: str
    issued_on: date | None
    expires_on: date | None
    issuer: str

    @classmethod
    def of(cls, certificate: Certificate) -> PublicRecord:
        return cls(
            code=certificate.code,
            display_code=certificate.display_code,
            serial=certificate.serial,
            status=certificate.public_status,
            holder_name=certificate.holder_name,
            credential=certificate.version.program.credential_name,
            issued_on=certificate.issued_on,
            expires_on=certificate.expires_on,
            issuer=settings.PEERCERT_ISSUER_NAME,
        )

    @classmethod
    def from_row(cls, row) -> PublicRecord:
        code, serial, status, holder_name, issued_on, expires_on, credential = row
        return cls(
            code=code,
            display_code=group_code(code),
            serial=serial,
            status=_StatusOf(status, expires_on).public_status,
            holder_name=holder_name,
            credential=credential,
            issued_on=issued_on,
            expires_on=expires_on,
            issuer=settings.PEERCERT_ISSUER_NAME,
        )

    def as_api(self) -> dict:
        """The CONTRACT.md fields, dates in ISO 8601."""
        return {
            "status": self.status,
            "holder_name": self.holder_name,
            "credential": self.credential,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "issuer": self.issuer,
        }


# The hottest public read (every QR scan and API call): compiled to SQL once, not per request.
_lookup = CompiledLookup(
    Certificate,
    lambda code: _public_queryset().filter(code=code).order_by().values_list(*_ROW_FIELDS),
)


def public_record(raw_code: str) -> PublicRecord | None:
    """One code → its public record, or None. At most one query."""
    code = lookup_code(raw_code)
    if code is None:
        return None
    row = _lookup.fetchone(code)
    return PublicRecord.from_row(row) if row else None


def public_records(raw_codes: Iterable[str]) -> dict[str, PublicRecord]:
    """Many codes → {stored code: record} for those that exist. One query, whatever the count."""
    codes = {code for code in map(lookup_code, raw_codes) if code is not None}
    if not codes:
        return {}
    rows = _public_queryset().filter(code__in=codes).order_by().values_list(*_ROW_FIELDS)
    return {row[0]: PublicRecord.from_row(row) for row in rows}


def verify_many(raw_codes: list[str]) -> list[dict]:
    """One result per input, in input order: the code as given plus the public fields, or
    status ``not_found``."""
    found = public_records(raw_codes)
    results = []
    for raw in raw_codes:
        code = lookup_code(raw)
        record = found.get(code) if code else None
        if record is None:
            results.append(
                {
                    "code": raw,
                    "status": NOT_FOUND,
                    "holder_name": None,
                    "credential": None,
                    "issued_on": None,
                    "expires_on": None,
                    "issuer": None,
                }
            )
        else:
            results.append({"code": raw, **record.as_api()})
    return results
