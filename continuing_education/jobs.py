"""Background jobs: plain values in, re-fetch, call the service. Enqueued through core.jobs or
registered with the scheduler (`manage.py run_scheduler`)."""

from __future__ import annotations

from datetime import date


def daily_jobs(day: str | None = None) -> dict[str, int]:
    """Status sweep, lapses, reminders, roster notifications, reconciliation: once a day."""
    from .sweep import run_daily

    return run_daily(today=date.fromisoformat(day) if day else None).counts


def reconcile_certificates() -> int:
    from certificates.services import reconcile_pending

    return reconcile_pending()


def send_reminder(reminder_id: int) -> bool:
    from .sweep import send_reminder as send

    return send(reminder_id=reminder_id)


def send_ce_decision(activity_id: int) -> bool:
    from .notifications import send_ce_decision as send

    return send(activity_id=activity_id)


def send_renewal_decision(application_id: int) -> bool:
    from .notifications import send_renewal_decision as send

    return send(application_id=application_id)
