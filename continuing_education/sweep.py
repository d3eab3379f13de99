"""The daily jobs: status sweep, lapse, reminders. Each is idempotent for a given day.

The expiry sweep is set-based: one statement moves every due certificate and records its event,
so the number of queries stays the same for ten certificates or a hundred thousand
(`bench/status_sweep.py` measures it). It applies the same transition `certificate_set_status`
would (valid → expired, actor none, public reason) without that service's per-row signal; the
employer rosters are brought up to date by one call afterwards.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent
from core import jobs
from core.decisions import send_once

from . import rules, selectors
from .models import CertificateLapse, CERules, ReminderSent, RenewalApplication

logger = logging.getLogger(__name__)

EXPIRY_REASON = "Expired on its expiry date"
REMINDER_SUBJECT = "Your PeerCert certificate is due for renewal"


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
    from certificates.services import ALLOWED_TRANSITIONS

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


def lapse_due(*, today: date) -> int:
    """Expired certificates past their version's grace period, not renewed and with no
    renewal under review, are recorded as lapsed. One statement per set of CE rules."""
    cert = _q(Certificate._meta.db_table)
    lapse = _q(CertificateLapse._meta.db_table)
    renewal = _q(RenewalApplication._meta.db_table)
    c_id, c_status = _column(Certificate, "id"), _column(Certificate, "status")
    c_expires, c_version = _column(Certificate, "expires_on"), _column(Certificate, "version")
    l_cert = _column(CertificateLapse, "certificate")
    r_cert, r_status = (
        _column(RenewalApplication, "certificate"),
        _column(RenewalApplication, "status"),
    )
    l_cols = ", ".join(
        _column(CertificateLapse, n) for n in ("certificate", "lapsed_on", "recorded_at")
    )
    if connection.vendor == "postgresql":
        lapsed_on = f"{c_expires} + %s::integer"
    else:
        lapsed_on = f"date({c_expires}, '+' || %s || ' days')"
    created = 0
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for version_id, grace_days in CERules.objects.values_list("version_id", "grace_days"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {lapse} ({l_cols}) "  # noqa: S608
                f"SELECT {c_id}, {lapsed_on}, %s FROM {cert} c "
                f"WHERE {c_version} = %s AND {c_status} = %s AND {c_expires} < %s "
                f"AND NOT EXISTS (SELECT 1 FROM {renewal} r WHERE r.{r_cert} = c.{c_id} "
                f"AND r.{r_status} IN (%s, %s)) "
                # Not an anti-join on the lapse table: right after a large insert its
                # statistics are stale and the planner picks a nested loop (seconds at 100k).
                # The unique index answers "already lapsed" with one probe per candidate.
                f"ON CONFLICT ({l_cert}) DO NOTHING",
                [
                    grace_days + 1,
                    now,
                    version_id,
                    Certificate.Status.EXPIRED,
                    connection.ops.adapt_datefield_value(today - timedelta(days=grace_days)),
                    *RenewalApplication.OPEN,
                ],
            )
            created += cursor.rowcount
    return created


def reminders_due(*, today: date) -> int:
    """Claim the reminder each certificate is due today (90, 30 or 7 days before expiry) and
    enqueue its e-mail. The unique (certificate, kind) row makes a second run send nothing."""
    horizon = today + timedelta(days=max(rules.REMINDER_DAYS))
    candidates = (
        Certificate.objects.filter(
            status=Certificate.Status.VALID,
            expires_on__gte=today,
            expires_on__lte=horizon,
            holder__is_active=True,
        )  # closed: no more mail
        .exclude(
            renewal_applications__status__in=[
                *RenewalApplication.OPEN,
                RenewalApplication.Status.APPROVED,
            ]
        )
        .values_list("pk", "expires_on")
    )
    claimed = 0
    for certificate_id, expires_on in candidates.iterator(chunk_size=1000):
        days = rules.reminder_due(expires_on, today)
        if days is None:
            continue
        try:
            with transaction.atomic():
                reminder = ReminderSent.objects.create(
                    certificate_id=certificate_id,
                    kind=ReminderSent.kind_for_days(days),
                    due_on=expires_on - timedelta(days=days),
                )
                from .jobs import send_reminder

                jobs.enqueue(send_reminder, reminder.pk)
        except IntegrityError:
            continue  # claimed by an earlier run
        claimed += 1
    return claimed


def send_reminder(*, reminder_id: int) -> bool:
    """Send one reminder, once (core.decisions.send_once). A certificate renewed or withdrawn
    since the reminder was due gets none."""
    return send_once(
        ReminderSent.objects.filter(certificate__status=Certificate.Status.VALID).select_related(
            "certificate__holder", "certificate__version__program"
        ),
        reminder_id,
        subject=REMINDER_SUBJECT,
        template="continuing_education/emails/reminder.txt",
        context=lambda reminder: {
            "certificate": reminder.certificate,
            "status": selectors.certificate_ce(reminder.certificate),
            "days_left": (reminder.certificate.expires_on - reminder.due_on).days,
        },
        recipient=lambda reminder: reminder.certificate.holder.email,
        field="sent_at",
    )


@dataclass
class DailyReport:
    day: date
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"{name}: {count}" for name, count in self.counts.items()]


def notify_rosters() -> int:
    try:
        from employers.services import notify_roster_changes
    except ImportError:
        return 0
    return notify_roster_changes()


def run_daily(*, today: date | None = None) -> DailyReport:
    """Everything the scheduler runs once a day, in order. Safe to run twice on one day."""
    from certificates.services import reconcile_pending

    from .services import temp_proofs_cleanup

    today = today or timezone.localdate()
    report = DailyReport(day=today)
    report.counts["expired"] = expire_due(today=today)
    report.counts["lapsed"] = lapse_due(today=today)
    report.counts["reminders"] = reminders_due(today=today)
    report.counts["roster notifications"] = notify_rosters()
    report.counts["pending certificates re-enqueued"] = reconcile_pending()
    report.counts["stale proof uploads removed"] = temp_proofs_cleanup()
    from .notifications import resend_unsent_decisions

    report.counts["decision e-mails re-enqueued"] = resend_unsent_decisions()
    from certificates.notifications import name_change_emails_due, supervision_emails_due

    report.counts["supervision e-mails"] = supervision_emails_due()
    report.counts["name change e-mails re-enqueued"] = name_change_emails_due()
    from employers.services import access_decision_emails_due

    report.counts["employer access e-mails re-enqueued"] = access_decision_emails_due()
    from cms.digests import staff_digests_due

    report.counts["staff digests considered"] = staff_digests_due(today=today)
    logger.info("daily jobs for %s: %s", today, report.counts)
    return report
