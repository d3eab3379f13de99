"""Background jobs: plain values in, re-fetch, call the service (imported inside the job, so the
services can import these jobs at module level). Enqueued through core.jobs."""

from __future__ import annotations


def send_reminder(reminder_id: int) -> bool:
    from .sweep import send_reminder as send  # the sweep imports this module to enqueue

    return send(reminder_id=reminder_id)


def send_ce_decision(activity_id: int) -> bool:
    from .notifications import send_ce_decision as send  # notifications import this module

    return send(activity_id=activity_id)


def send_renewal_decision(application_id: int) -> bool:
    from .notifications import send_renewal_decision as send  # notifications import this

    return send(application_id=application_id)
