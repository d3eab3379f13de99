"""The certificates' own daily task: the status sweep valid → expired.

The sweep is set-based: one statement moves every due certificate and records its event, so the
number of queries stays the same for ten certificates or a hundred thousand
(`bench/status_sweep.py` measures it). It applies the same transition `certificate_set_status`
would (valid → expired, actor none, public reason) without that service's per-row signal; the
employer rosters are brought up to date by their own daily task afterwards (`cms/daily.py`).
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from .models import Certificate, CertificateEvent
from .services import ALLOWED_TRANSITIONS

EXPIRY_REASON = "Expired on its expiry date"


def _q(name: str) -> str:
    """SQL here is built from table and column names taken from the models' own metadata and
    quoted by the backend; every value is a query parameter."""
    return connection.ops.quote_name(name)


def _column(model, name: str) -> str:
    return _q(model._meta.get_field(name).column)


def expire_due(*, today: date, chunk_size: int | None = None) -> int:
    """valid → expired for every certificate whose expiry date has passed. Returns how many.

    Without ``chunk_size`` one statement does it all (PostgreSQL: UPDATE … RETURNING feeding
    the event INSERT, so the events match exactly the rows moved). With it, statements of at
    most that many rows repeat until none are left, which bounds how long rows stay locked.
    """
    valid, expired = Certificate.Status.VALID, Certificate.Status.EXPIRED
    if expired not in ALLOWED_TRANSITIONS.get(valid, set()):  # pragma: no cover - config guard
        raise RuntimeError("The certificate lifecycle no longer allows valid → expired.")
    moved = 0
    while True:
        with transaction.atomic():
            count = _expire_statement(today=today, limit=chunk_size)
        moved += count
        if not chunk_size or count < chunk_size:
            return moved


def _expire_statement(*, today: date, limit: int | None) -> int:
    cert = _q(Certificate._meta.db_table)
    event = _q(CertificateEvent._meta.db_table)
    c_id, c_status = _column(Certificate, "id"), _column(Certificate, "status")
    c_expires = _column(Certificate, "expires_on")
    e_cols = ", ".join(
        _column(CertificateEvent, name)
        for name in (
            "certificate",
            "from_status",
            "to_status",
            "at",
            "actor",
            "reason",
            "reason_public",
        )
    )
    # Values adapted the way the ORM stores them (SQLite keeps naive UTC text).
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    due = f"{c_status} = %s AND {c_expires} < %s"
    due_params = [Certificate.Status.VALID, connection.ops.adapt_datefield_value(today)]
    if limit:
        lock = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
        due = (
            f"{c_id} IN (SELECT {c_id} FROM {cert} WHERE {due} ORDER BY {c_id} "  # noqa: S608
            f"LIMIT {int(limit)}{lock})"
        )
    event_values = [Certificate.Status.VALID, Certificate.Status.EXPIRED, now, EXPIRY_REASON, True]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH moved AS (UPDATE {cert} SET {c_status} = %s WHERE {due} "  # noqa: S608
                f"RETURNING {c_id}) "
                f"INSERT INTO {event} ({e_cols}) "
                f"SELECT {c_id}, %s, %s, %s, NULL, %s, %s FROM moved",
                [Certificate.Status.EXPIRED, *due_params, *event_values],
            )
            return cursor.rowcount
        # SQLite and others: events first, then move exactly the rows that got one. SQLite
        # holds the write lock from the first statement, so nothing changes in between.
        cursor.execute(
            f"INSERT INTO {event} ({e_cols}) "  # noqa: S608
            f"SELECT {c_id}, %s, %s, %s, NULL, %s, %s FROM {cert} WHERE {due}",
            [*event_values, *due_params],
        )
        inserted = cursor.rowcount
        if inserted:
            e_cert, e_at = _column(CertificateEvent, "certificate"), _column(CertificateEvent, "at")
            e_to = _column(CertificateEvent, "to_status")
            cursor.execute(
                f"UPDATE {cert} SET {c_status} = %s WHERE {c_status} = %s AND {c_id} IN "  # noqa: S608
                f"(SELECT {e_cert} FROM {event} WHERE {e_at} = %s AND {e_to} = %s)",
                [
                    Certificate.Status.EXPIRED,
                    Certificate.Status.VALID,
                    now,
                    Certificate.Status.EXPIRED,
                ],
            )
        return inserted
