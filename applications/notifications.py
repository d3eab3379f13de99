"""Mail for applications: each board decision e-mailed to the applicant once, and each referee's
invitation once (core.decisions.send_once). Subjects are fixed texts: no personal data."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from core.decisions import resend_lost, send_once

from . import tokens
from .jobs import send_decision as send_decision_job
from .jobs import send_referee_invitation as send_referee_invitation_job
from .models import ApplicationEvent, Referee

DECISION_SUBJECT = "News about your application for certification"
INVITATION_SUBJECT = "A letter of recommendation is asked of you"


def send_decision(*, event_id: int) -> bool:
    return send_once(
        ApplicationEvent.objects.filter(kind__in=ApplicationEvent.DECISIONS).select_related(
            "application__applicant", "application__version__program"
        ),
        event_id,
        subject=DECISION_SUBJECT,
        template="applications/emails/decision.txt",
        context=lambda event: {
            "event": event,
            "application": event.application,
            "url": settings.SITE_URL + reverse("applications:detail", args=[event.application_id]),
        },
        recipient=lambda event: event.application.applicant.email,
        field="emailed_at",
    )


def letter_url(referee: Referee) -> str:
    token = tokens.make(referee_id=referee.pk, nonce=referee.nonce)
    return settings.SITE_URL + reverse("applications:letter", args=[token])


def send_referee_invitation(*, referee_id: int) -> bool:
    return send_once(
        Referee.objects.filter(received_at__isnull=True, invited_at__isnull=False).select_related(
            "application__applicant", "application__version__program"
        ),
        referee_id,
        subject=INVITATION_SUBJECT,
        template="applications/emails/referee_invitation.txt",
        context=lambda referee: {
            "referee": referee,
            "applicant_name": referee.application.applicant.get_full_name(),
            "program": referee.application.version.program,
            "url": letter_url(referee),
            "expires_at": referee.link_expires_at,
        },
        recipient=lambda referee: referee.email,
        field="email_sent_at",
    )


def decision_emails_due() -> int:
    """For the daily run: decisions and invitations whose e-mail was lost are enqueued again."""
    return resend_lost(
        ApplicationEvent.objects.filter(kind__in=ApplicationEvent.DECISIONS),
        send_decision_job,
        when="at",
        field="emailed_at",
    ) + resend_lost(
        Referee.objects.filter(received_at__isnull=True),
        send_referee_invitation_job,
        when="invited_at",
        field="email_sent_at",
    )
