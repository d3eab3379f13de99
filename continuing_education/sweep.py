"""Continuing education's own daily tasks: lapses after the grace period and renewal reminders.
Each is idempotent for a given day; `cms/daily.py` runs them in the site's order."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from certificates.models import Certificate
from core import jobs
from core.decisions import send_once

from . import rules, selectors
from .jobs import send_reminder as send_reminder_job
from .models import CertificateLapse, CERules, ReminderSent, RenewalApplication

REMINDER_SUBJECT = "Your PeerCert certificate is due for renewal"


def _q(name: str) -> str:
    """SQL here is built from table and column names taken from the models' own metadata and
    quoted by the backend; every value is a query parameter."""
    return connection.ops.quote_name(name)


def _column(model, name: str) -> str:
    return _q(model._meta.get_field(name).column)


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
                jobs.enqueue(send_reminder_job, reminder.pk)
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
