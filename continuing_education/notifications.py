"""E-mails that tell a trainee what a reviewer decided: a CE record approved or not accepted,
a renewal not approved. Each is sent once: the row is claimed before sending and released if
sending fails, so a retry sends it and a rerun does not. Subjects carry no personal data."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import jobs

from .models import CEActivity, RenewalApplication

CE_SUBJECT = "A continuing education record was reviewed"
RENEWAL_SUBJECT = "Your renewal application was reviewed"


def _send_once(model, pk: int, *, subject: str, template: str, context, recipient) -> bool:
    claimed = model.objects.filter(pk=pk, decision_emailed_at__isnull=True).update(
        decision_emailed_at=timezone.now())
    if not claimed:
        return False
    row = model.objects.select_related("holder").get(pk=pk)
    try:
        send_mail(subject=_(subject),
                  message=render_to_string(template, {**context(row),
                                                      "site_url": settings.SITE_URL}),
                  from_email=None, recipient_list=[recipient(row)])
    except Exception:
        model.objects.filter(pk=pk).update(decision_emailed_at=None)
        raise
    return True


def send_ce_decision(*, activity_id: int) -> bool:
    return _send_once(
        CEActivity, activity_id, subject=CE_SUBJECT,
        template="continuing_education/emails/ce_decision.txt",
        context=lambda activity: {"activity": activity,
                                  "approved": activity.status == CEActivity.Status.APPROVED},
        recipient=lambda activity: activity.holder.email,
    )


def send_renewal_decision(*, application_id: int) -> bool:
    return _send_once(
        RenewalApplication, application_id, subject=RENEWAL_SUBJECT,
        template="continuing_education/emails/renewal_decision.txt",
        context=lambda application: {"application": application},
        recipient=lambda application: application.holder.email,
    )


def resend_unsent_decisions(*, now=None, older_than=timedelta(minutes=10),
                            within=timedelta(days=7)) -> int:
    """Decisions whose e-mail never went out (Redis down when it was enqueued, a worker killed):
    enqueue them again. Only recent ones: nobody wants last year's news."""
    from .jobs import send_ce_decision as ce_job
    from .jobs import send_renewal_decision as renewal_job

    now = now or timezone.now()
    window = {"decision_emailed_at__isnull": True}
    activities = CEActivity.objects.filter(
        status__in=[CEActivity.Status.APPROVED, CEActivity.Status.REJECTED],
        source=CEActivity.Source.EXTERNAL,
        reviewed_at__lt=now - older_than, reviewed_at__gt=now - within, **window,
    ).values_list("pk", flat=True)
    applications = RenewalApplication.objects.filter(
        status=RenewalApplication.Status.REJECTED,
        decided_at__lt=now - older_than, decided_at__gt=now - within, **window,
    ).values_list("pk", flat=True)
    count = 0
    for pk in activities:
        jobs.enqueue(ce_job, pk)
        count += 1
    for pk in applications:
        jobs.enqueue(renewal_job, pk)
        count += 1
    return count
