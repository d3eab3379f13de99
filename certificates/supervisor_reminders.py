"""The daily reminder to supervisors whose credential on file is about to expire.

Once per credential and expiry date: the row is claimed (``reminder_sent_for`` set to the
expiry date) before the job is enqueued, so a second run the same day sends nothing, and a
renewed credential with a new expiry date gets its own reminder. No personal data in the
subject."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core import jobs
from core.mail_language import in_language_of

from .models import SupervisorCredential

REMINDER_SUBJECT = "Your supervisor credential on file expires soon"


def reminder_days() -> int:
    return int(getattr(settings, "SUPERVISOR_CREDENTIAL_REMINDER_DAYS", 30))


def reminders_due(*, today: date) -> int:
    """Claim and enqueue one reminder per credential expiring within the reminder window."""
    due = (
        SupervisorCredential.objects.filter(
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=reminder_days()),
            supervisor__is_active=True,
        )
        .filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=F("expires_on")))
        .values_list("pk", "expires_on")
    )
    count = 0
    for pk, expires_on in list(due):
        claimed = (
            SupervisorCredential.objects.filter(pk=pk)
            .exclude(reminder_sent_for=expires_on)
            .update(reminder_sent_for=expires_on)
        )
        if claimed:
            jobs.enqueue(send_reminder, pk)
            count += 1
    return count


def send_reminder(credential_id: int) -> None:
    credential = (
        SupervisorCredential.objects.select_related("supervisor").filter(pk=credential_id).first()
    )
    if credential is None:
        return
    with in_language_of(credential.supervisor):  # the supervisor's language (subject included)
        send_mail(
            subject=_(REMINDER_SUBJECT),
            message=render_to_string(
                "certificates/emails/supervisor_credential_expiring.txt",
                {"credential": credential, "site_url": settings.SITE_URL},
            ),
            from_email=None,
            recipient_list=[credential.supervisor.email],
        )
