"""E-mails of the employer tools: a roster certificate's status changed, and how a request for
the tools was decided. Each is sent once (core.decisions.send_once); the daily run re-enqueues
those whose sending failed."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from certificates.models import Certificate
from core import jobs
from core.decisions import resend_lost, send_once

from .jobs import send_access_decision as send_access_decision_job
from .jobs import send_roster_notification as send_roster_notification_job
from .models import EmployerAccessRequest, RosterNotification, WebhookEndpoint

ROSTER_SUBJECT = "A certificate on your PeerCert roster has changed"
ACCESS_SUBJECT = "Your request for PeerCert employer tools was reviewed"


def send_roster_notification(*, notification_id: int) -> bool:
    """Send one notification's e-mail, once."""

    def context(notification) -> dict:
        certificate = notification.certificate
        newer = getattr(certificate, "superseded_by", None)
        return {
            "notification": notification,
            "certificate": certificate,
            "status_label": Certificate.Status(notification.status).label,
            "previous_label": Certificate.Status(notification.previous_status).label
            if notification.previous_status in Certificate.Status.values
            else "",
            "newer": newer if newer and newer.status != Certificate.Status.PENDING else None,
            "label": notification.entry.label,
        }

    return send_once(
        RosterNotification.objects.select_related(
            "entry__employer", "certificate__version__program", "certificate__superseded_by"
        ),
        notification_id,
        subject=ROSTER_SUBJECT,
        template="employers/email/roster_change.txt",
        context=context,
        recipient=lambda notification: notification.entry.employer.email,
        field="sent_at",
    )


def resend_unsent_notifications(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Re-enqueue e-mails whose send failed (SMTP down, a worker killed mid-job). Sending
    claims the row first, so one enqueued twice is still sent once."""
    cutoff = timezone.now() - older_than
    ids = list(
        RosterNotification.objects.filter(sent_at__isnull=True, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:1000]
    )
    for notification_id in ids:
        jobs.enqueue(send_roster_notification_job, notification_id)
    return len(ids)


def send_access_decision(*, request_id: int) -> bool:
    return send_once(
        EmployerAccessRequest.objects.exclude(
            status=EmployerAccessRequest.Status.PENDING
        ).select_related("user"),
        request_id,
        subject=ACCESS_SUBJECT,
        template="employers/email/access_decision.txt",
        context=lambda access: {"access": access, "approved": access.approved},
        recipient=lambda access: access.user.email,
    )


def access_decision_emails_due() -> int:
    """Recent decisions on employer access whose e-mail was lost: enqueue them again."""
    return resend_lost(
        EmployerAccessRequest.objects.exclude(status=EmployerAccessRequest.Status.PENDING),
        send_access_decision_job,
        when="decided_at",
    )


ENDPOINT_DISABLED_SUBJECT = "A PeerCert webhook endpoint of yours was switched off"


def send_endpoint_disabled(*, endpoint_id: int) -> bool:
    """Tell the employer their endpoint kept failing and was switched off, once."""
    return send_once(
        WebhookEndpoint.objects.filter(disabled_at__isnull=False).select_related("employer"),
        endpoint_id,
        subject=ENDPOINT_DISABLED_SUBJECT,
        template="employers/email/webhook_disabled.txt",
        context=lambda endpoint: {"endpoint": endpoint},
        recipient=lambda endpoint: endpoint.employer.email,
        field="disabled_emailed_at",
    )
