"""Reads for verification: the public record of a certificate, one query for one code or many.

Only what the privacy rules allow in public: holder name, credential, status, issue and expiry dates,
issuer, and for a suspended or revoked certificate the day it happened and the reason when the
administrator made it public. A pending certificate is not yet a certificate: it reads as not
found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from certificates.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Certificate,
    CertificateEvent,
    group_code,
    normalise_code,
)
from core.compiled import CompiledLookup
from payers.models import BillingRule
from payers.selectors import Billable, billable_for

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
    "status_at",
    "status_reason",
    "billing_program",
    "stage",
    "endorsements_shown",
    "public_actions_shown",
)

# Statuses whose date and public reason the record carries: the ones an employer must act on.
DATED_STATUSES = (
    Certificate.Status.SUSPENDED,
    Certificate.Status.REVOKED,
    Certificate.Status.INACTIVE,
    Certificate.Status.RELINQUISHED,
)

# The change that put the certificate in its current status: the latest event into it.
_STATUS_EVENT = CertificateEvent.objects.filter(
    certificate=OuterRef("pk"), to_status=OuterRef("status")
).order_by("-at", "-pk")


def with_status_change(queryset):
    """``queryset`` with ``status_at`` and ``status_reason``: when the certificate took its
    current status and, if public, why. Subqueries, so still one query."""
    return queryset.annotate(
        status_at=Subquery(_STATUS_EVENT.values("at")[:1], output_field=DateTimeField()),
        # That change's reason, only if it was marked public; never an older public one.
        status_reason=Subquery(
            _STATUS_EVENT.annotate(
                shown=Case(
                    When(reason_public=True, then=F("reason")),
                    default=Value(None),
                    output_field=CharField(),
                )
            ).values("shown")[:1],
            output_field=CharField(),
        ),
    )


# The program's name when a billing rule in force names it, else null: the record then asks
# payers.selectors (memory) only when there is something to find, and the query stays one.
_HAS_BILLING_RULES = Exists(
    BillingRule.objects.in_force().filter(program=OuterRef("version__program"))
)


def _public_queryset():
    return with_status_change(Certificate.objects.issued()).annotate(
        billing_program=Case(
            When(_HAS_BILLING_RULES, then=F("version__program__name")),
            default=Value(None),
            output_field=CharField(),
        )
    )


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
    # Suspended or revoked: the day it happened, and the reason if it was made public.
    status_date: date | None = None
    public_reason: str | None = None
    # Payers that recognise the credential for billing (payers.BillingRule); empty unless valid.
    billable_in: tuple[Billable, ...] = ()
    # provisional or full: a stage, not a status.
    stage: str = Certificate.Stage.FULL
    # [{"code", "name"}] and [{"type", "date", "ends_on", "summary"}]: what the board publishes.
    endorsements: tuple[dict, ...] = ()
    public_actions: tuple[dict, ...] = ()

    @classmethod
    def of(cls, certificate: Certificate) -> PublicRecord:
        """From a loaded certificate: read through with_status_change, or with one more query
        when it is suspended or revoked."""
        status = certificate.public_status
        if hasattr(certificate, "status_reason"):
            event = (certificate.status_at, certificate.status_reason, True)
        elif status in DATED_STATUSES:
            event = (
                CertificateEvent.objects.filter(certificate=certificate, to_status=status)
                .order_by("-at", "-pk")
                .values_list("at", "reason", "reason_public")
                .first()
            )
        else:
            event = None
        return cls._make(
            code=certificate.code,
            serial=certificate.serial,
            status=status,
            holder_name=certificate.holder_name,
            credential=certificate.version.program.credential_name,
            issued_on=certificate.issued_on,
            expires_on=certificate.expires_on,
            status_at=event[0] if event else None,
            status_reason=event[1] if event and event[2] else None,
            program_name=certificate.version.program.name,
            stage=certificate.stage,
            endorsements=certificate.endorsements_shown,
            public_actions=certificate.public_actions_shown,
        )

    @classmethod
    def from_row(cls, row) -> PublicRecord:
        (code, serial, status, holder_name, issued_on, expires_on, credential, at, reason, name) = (
            row[:10]
        )
        stage, endorsements, actions = row[10:13]
        return cls._make(
            stage=stage,
            endorsements=endorsements,
            public_actions=actions,
            program_name=name,
            code=code,
            serial=serial,
            status=_StatusOf(status, expires_on).public_status,
            holder_name=holder_name,
            credential=credential,
            issued_on=issued_on,
            expires_on=expires_on,
            status_at=at,
            status_reason=reason,
        )

    @classmethod
    def _make(
        cls,
        *,
        status: str,
        status_at,
        status_reason,
        code: str,
        program_name: str | None,
        endorsements=(),
        public_actions=(),
        **fields,
    ) -> PublicRecord:
        dated = status in DATED_STATUSES
        return cls(
            endorsements=tuple({"code": e["code"], "name": e["name"]} for e in endorsements or ()),
            public_actions=tuple(
                {key: a.get(key) for key in ("type", "date", "ends_on", "ended_on", "summary")}
                for a in public_actions or ()
            ),
            # A payer may recognise only one stage or an endorsement (payers.BillingRule).
            billable_in=tuple(
                billable_for(
                    status=status,
                    program_name=program_name,
                    stage=fields.get("stage") or "",
                    endorsements=[e["code"] for e in endorsements or ()],
                )
            ),
            code=code,
            display_code=group_code(code),
            status=status,
            issuer=settings.PEERCERT_ISSUER_NAME,
            status_date=timezone.localdate(status_at) if dated and status_at else None,
            public_reason=(status_reason or None) if dated else None,
            **fields,
        )

    def as_api(self) -> dict:
        """The CONTRACT.md fields, dates in ISO 8601, with three of its allowed additions:
        ``status_date`` and ``public_reason`` (null unless suspended or revoked) and
        ``billable_in`` (the payers recognising the credential; empty unless valid)."""
        return {
            "status": self.status,
            "holder_name": self.holder_name,
            "credential": self.credential,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "issuer": self.issuer,
            "status_date": self.status_date.isoformat() if self.status_date else None,
            "public_reason": self.public_reason,
            "billable_in": [item.as_api() for item in self.billable_in],
            "stage": self.stage,
            "endorsements": [dict(e) for e in self.endorsements],
            "public_actions": [dict(a) for a in self.public_actions],
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
                    "status_date": None,
                    "public_reason": None,
                    "billable_in": [],
                    "stage": None,
                    "endorsements": [],
                    "public_actions": [],
                }
            )
        else:
            results.append({"code": raw, **record.as_api()})
    return results
