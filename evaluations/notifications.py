"""E-mails to trainees about their practical evaluations: the result, once, and each new time
or place an evaluator sets. Subjects are fixed texts; bodies name the skill and point to the
evaluation's page, where the trainee reads the rest after signing in. The video link is never
in an e-mail: it stays on that page, for the trainee and the evaluators only."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.decisions import resend_lost, send_once
from core.mail_language import in_language_of

from .jobs import send_result as result_job
from .models import Evaluation

RESULT_SUBJECT = "Your practical evaluation result is ready"
SCHEDULE_SUBJECT = "Your practical evaluation is scheduled"


def send_result(*, evaluation_id: int) -> bool:
    """The result e-mail, exactly once: the row is claimed before sending and released if
    sending fails (core.decisions.send_once)."""
    return send_once(
        Evaluation.objects.filter(status=Evaluation.Status.COMPLETED).select_related(
            "trainee", "instrument"
        ),
        evaluation_id,
        subject=RESULT_SUBJECT,
        template="evaluations/emails/result.txt",
        context=lambda evaluation: {"evaluation": evaluation},
        recipient=lambda evaluation: evaluation.trainee.email,
        field="result_emailed_at",
    )


def send_schedule_notice(*, evaluation_id: int) -> bool:
    """Tell the trainee the time and place the evaluator set, once per schedule: a job run twice
    for the same schedule sends nothing the second time."""
    evaluation = (
        Evaluation.objects.filter(pk=evaluation_id, status=Evaluation.Status.SCHEDULED)
        .select_related("trainee", "instrument", "evaluator")
        .first()
    )
    if evaluation is None or evaluation.scheduled_for is None:
        return False
    claimed = (
        Evaluation.objects.filter(pk=evaluation.pk, scheduled_for=evaluation.scheduled_for)
        .exclude(schedule_noticed_for=evaluation.scheduled_for)
        .update(schedule_noticed_for=evaluation.scheduled_for)
    )
    if not claimed:
        return False
    previous = evaluation.schedule_noticed_for
    try:
        with in_language_of(evaluation.trainee):  # the trainee's language
            send_mail(
                subject=_(SCHEDULE_SUBJECT),
                message=render_to_string(
                    "evaluations/emails/scheduled.txt",
                    {"evaluation": evaluation, "site_url": settings.SITE_URL},
                ),
                from_email=None,
                recipient_list=[evaluation.trainee.email],
            )
    except Exception:
        Evaluation.objects.filter(pk=evaluation.pk).update(schedule_noticed_for=previous)
        raise
    return True


def result_emails_due() -> int:
    """For the daily run: recent results whose e-mail was lost (Redis down at enqueue, a killed
    worker) are enqueued again."""
    return resend_lost(
        Evaluation.objects.filter(status=Evaluation.Status.COMPLETED),
        result_job,
        when="completed_at",
        field="result_emailed_at",
    )
