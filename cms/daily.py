"""The site's daily run: each app's own daily task, in an order that matters.

Every app keeps its periodic work next to its models (`certificates/sweep.py`,
`continuing_education/sweep.py`, the apps' `notifications.py`); this module is the one place
that says what runs once a day and in which order — like netbox's system-job registry. Each task
is idempotent for a given day, so running the whole list twice on one day changes and sends
nothing twice.

Order: statuses first (expiry, then lapses, which read the expiries), then what follows from
them (reminders, employers' roster e-mails), then catch-up work (stuck certificates, lost
e-mails), then the staff digests, which count everything above.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from applications import notifications as application_notifications
from applications import services as application_services
from certificates import archival as certificate_archival
from certificates import notifications as certificate_notifications
from certificates import services as certificate_services
from certificates import supervisor_reminders
from certificates import sweep as certificate_sweep
from cms.digests import staff_digests_due
from cohorts import notifications as cohort_notifications
from continuing_education import notifications as ce_notifications
from continuing_education import services as ce_services
from continuing_education import sweep as ce_sweep
from discipline import sweep as discipline_sweep
from employers import notifications as employer_notifications
from employers.services import roster as employer_roster
from employers.services import webhooks as employer_webhooks
from evaluations import notifications as evaluation_notifications
from outcomes import services as outcome_services

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyTask:
    label: str
    run: Callable[[date], int]


DAILY_TASKS: tuple[DailyTask, ...] = (
    DailyTask("expired", lambda today: certificate_sweep.expire_due(today=today)),
    DailyTask("lapsed", lambda today: ce_sweep.lapse_due(today=today)),
    DailyTask("probations ended", lambda today: discipline_sweep.probation_due(today=today)),
    DailyTask("reminders", lambda today: ce_sweep.reminders_due(today=today)),
    DailyTask("session reminders", lambda today: cohort_notifications.reminders_due(today=today)),
    DailyTask("roster notifications", lambda _: employer_roster.notify_roster_changes()),
    DailyTask("webhook events fanned out", lambda _: employer_webhooks.fan_out_recent()),
    DailyTask("webhook deliveries re-enqueued", lambda _: employer_webhooks.retry_due()),
    DailyTask(
        "roster e-mails re-sent", lambda _: employer_notifications.resend_unsent_notifications()
    ),
    DailyTask(
        "pending certificates re-enqueued", lambda _: certificate_services.reconcile_pending()
    ),
    DailyTask("stale proof uploads removed", lambda _: ce_services.temp_proofs_cleanup()),
    DailyTask("decision e-mails re-enqueued", lambda _: ce_notifications.resend_unsent_decisions()),
    DailyTask("supervision e-mails", lambda _: certificate_notifications.supervision_emails_due()),
    DailyTask(
        "supervisor credential reminders",
        lambda today: supervisor_reminders.reminders_due(today=today),
    ),
    DailyTask(
        "closed ethics case files purged",
        lambda today: discipline_sweep.retention_due(today=today),
    ),
    DailyTask(
        "name change e-mails re-enqueued",
        lambda _: certificate_notifications.name_change_emails_due(),
    ),
    DailyTask(
        "certificate status e-mails re-enqueued",
        lambda _: certificate_notifications.status_notice_emails_due(),
    ),
    DailyTask(
        "employer access e-mails re-enqueued",
        lambda _: employer_notifications.access_decision_emails_due(),
    ),
    DailyTask(
        "evaluation result e-mails re-enqueued",
        lambda _: evaluation_notifications.result_emails_due(),
    ),
    DailyTask(
        "waitlist place e-mails re-enqueued",
        lambda _: cohort_notifications.promotion_emails_due(),
    ),
    DailyTask(
        "outside training e-mails re-enqueued",
        lambda _: cohort_notifications.outside_decision_emails_due(),
    ),
    DailyTask(
        "application decision e-mails re-enqueued",
        lambda _: application_notifications.decision_emails_due(),
    ),
    # After the decisions above: documents and letters past the board's retention period.
    DailyTask(
        "application documents purged",
        lambda today: application_services.purge_due(today=today),
    ),
    DailyTask("outcome views rebuilt", lambda d: outcome_services.outcomes_rebuild(today=d)),
    DailyTask("staff digests considered", lambda today: staff_digests_due(today=today)),
    # Last and independent of the rest: PDFs whose archive timestamp nears its TSA
    # certificate's expiry get a fresh one (months ahead, so a missed day costs nothing).
    DailyTask("certificate PDFs re-timestamped", lambda _: certificate_archival.extend_due()),
)


@dataclass
class DailyReport:
    day: date
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"{name}: {count}" for name, count in self.counts.items()]


def run_daily(*, today: date | None = None) -> DailyReport:
    """Everything the scheduler runs once a day, in order. Safe to run twice on one day."""
    today = today or timezone.localdate()
    report = DailyReport(day=today)
    for task in DAILY_TASKS:
        report.counts[task.label] = task.run(today)
    logger.info("daily jobs for %s: %s", today, report.counts)
    return report
