"""E-mails that tell a trainee what a reviewer decided: a CE record approved or not accepted,
a renewal not approved. Each is sent once (core.decisions.send_once): the row is claimed before
sending and released if sending fails, so a retry sends it and a rerun does not. Subjects carry
no personal data."""

from __future__ import annotations

from core.decisions import resend_lost, send_once

from .jobs import send_ce_decision as ce_job
from .jobs import send_renewal_decision as renewal_job
from .models import CEActivity, RenewalApplication

CE_SUBJECT = "A continuing education record was reviewed"
RENEWAL_SUBJECT = "Your renewal application was reviewed"


def send_ce_decision(*, activity_id: int) -> bool:
    return send_once(
        CEActivity.objects.select_related("holder"),
        activity_id,
        subject=CE_SUBJECT,
        template="continuing_education/emails/ce_decision.txt",
        context=lambda activity: {
            "activity": activity,
            "approved": activity.status == CEActivity.Status.APPROVED,
        },
        recipient=lambda activity: activity.holder.email,
    )


def send_renewal_decision(*, application_id: int) -> bool:
    return send_once(
        RenewalApplication.objects.select_related("holder"),
        application_id,
        subject=RENEWAL_SUBJECT,
        template="continuing_education/emails/renewal_decision.txt",
        context=lambda application: {"application": application},
        recipient=lambda application: application.holder.email,
    )


def resend_unsent_decisions(*, now=None) -> int:
    """Decisions whose e-mail never went out (Redis down when it was enqueued, a worker killed):
    enqueue them again."""
    return resend_lost(
        CEActivity.objects.filter(
            status__in=[CEActivity.Status.APPROVED, CEActivity.Status.REJECTED],
            source=CEActivity.Source.EXTERNAL,
        ),
        ce_job,
        when="reviewed_at",
        now=now,
    ) + resend_lost(
        RenewalApplication.objects.filter(status=RenewalApplication.Status.REJECTED),
        renewal_job,
        when="decided_at",
        now=now,
    )
