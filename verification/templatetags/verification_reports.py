"""{% verified_by certificate certificates %}: on the holder's own certificate card, who asked
for a primary-source verification report about it and when — holders can see who checked them.

A page that reads the holder's certificates can fold the reports into that same query
(`with_verified_by`: each certificate carries its newest reports as one JSON column, on SQLite
and PostgreSQL). Otherwise the first card of a list loads the reports of every certificate in it
(one query for the whole list, kept on the list's certificates), so a holder with many
certificates costs no more."""

from __future__ import annotations

import json
from datetime import UTC

from django import template
from django.db.models import F, OuterRef, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core import json_rows
from verification.models import VerificationReport

register = template.Library()

SHOWN = 5
_LOADED = "_verified_by_reports"
# The annotation with_verified_by adds: [[organisation, created_at], …] as JSON text.
FOLDED = "verified_by_json"


def with_verified_by(certificates: QuerySet) -> QuerySet:
    """The certificates with their "verified by" lines read in the same query: the tag then
    sends none. Databases other than SQLite and PostgreSQL keep the tag's own query."""
    if not json_rows.supported():
        return certificates
    newest = (
        VerificationReport.objects.filter(certificate=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .annotate(o=F("organisation"), at=F("created_at"))
        .values("o", "at")[: SHOWN + 1]
    )
    return certificates.annotate(**{FOLDED: json_rows.JSONRows(newest, "o", "at")})


def _when(value: str):
    moment = parse_datetime(value)
    # SQLite keeps UTC without an offset; PostgreSQL's JSON carries one.
    return timezone.make_aware(moment, UTC) if timezone.is_naive(moment) else moment


def _unfold(text: str) -> list[dict]:
    rows = [
        {"organisation": organisation, "created_at": _when(created_at)}
        for organisation, created_at in json.loads(text or "[]")
    ]
    # Newest first, whatever order the database aggregated them in.
    rows.sort(key=lambda row: row["created_at"], reverse=True)
    return rows


def _load(certificates) -> None:
    pending = [c for c in certificates if not hasattr(c, _LOADED)]
    for certificate in pending:
        if hasattr(certificate, FOLDED):
            setattr(certificate, _LOADED, _unfold(getattr(certificate, FOLDED)))
    pending = [c for c in pending if not hasattr(c, _LOADED)]
    if not pending:
        return
    by_certificate: dict[int, list[dict]] = {c.pk: [] for c in pending}
    rows = (
        VerificationReport.objects.filter(certificate_id__in=list(by_certificate))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("certificate_id")], order_by=F("created_at").desc()
            )
        )
        .filter(rank__lte=SHOWN + 1)
        .values("certificate_id", "organisation", "created_at", "rank")
    )
    for row in rows:
        by_certificate[row["certificate_id"]].append(row)
    for certificate in pending:
        reports = sorted(by_certificate[certificate.pk], key=lambda r: r["rank"])
        setattr(certificate, _LOADED, reports)


@register.inclusion_tag("verification/_verified_by.html")
def verified_by(certificate, certificates=None):
    _load(list(certificates) if certificates is not None else [certificate])
    reports = getattr(certificate, _LOADED)
    return {"reports": reports[:SHOWN], "more": len(reports) > SHOWN}
