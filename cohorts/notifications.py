"""E-mails about instructor-led training, each sent once (core.decisions.send_once): a place
freed on the waitlist, a session that moved or was cancelled, the day-before reminder, and a
reviewer's decision on outside training. Subjects are fixed texts; bodies name the course and
the session and point to the page where the rest is. The video link is never in an e-mail."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from core.decisions import resend_lost, send_once

from .jobs import send_outside_decision as outside_decision_job
from .jobs import send_promotion as promotion_job
from .models import (
    CohortEnrolment,
    OutsideTraining,
    Session,
    SessionChangeNotice,
    SessionReminder,
)
from .selectors import enrolled_trainees

PROMOTION_SUBJECT = "A place in your cohort is yours"
CHANGE_SUBJECT = "A session of your cohort has changed"
REMINDER_SUBJECT = "Reminder: your training session is tomorrow"
OUTSIDE_DECISION_SUBJECT = "Your outside training has been reviewed"


def send_promotion(*, enrolment_id: int) -> bool:
    return send_once(
        CohortEnrolment.objects.filter(
            status=CohortEnrolment.Status.ENROLLED, promoted_at__isnull=False
        ).select_related("trainee", "cohort__course"),
        enrolment_id,
        subject=PROMOTION_SUBJECT,
        template="cohorts/emails/promoted.txt",
        context=lambda enrolment: {"enrolment": enrolment, "cohort": enrolment.cohort},
        recipient=lambda enrolment: enrolment.trainee.email,
        field="promotion_emailed_at",
    )


def send_session_change(*, session_id: int, sequence: int) -> int:
    """One e-mail per enrolled trainee about this change; a newer change supersedes it (the
    e-mail about that one says what is true now). Safe to run twice."""
    session = Session.objects.filter(pk=session_id, sequence=sequence).first()
    if session is None:
        return 0
    for trainee in enrolled_trainees(session.cohort_id):
        SessionChangeNotice.objects.get_or_create(
            session=session, trainee=trainee, sequence=sequence
        )
    sent = 0
    for notice_id in SessionChangeNotice.objects.filter(
        session=session, sequence=sequence, emailed_at__isnull=True
    ).values_list("pk", flat=True):
        sent += send_once(
            SessionChangeNotice.objects.select_related("trainee", "session__cohort__course"),
            notice_id,
            subject=CHANGE_SUBJECT,
            template="cohorts/emails/session_changed.txt",
            context=lambda notice: {"session": notice.session},
            recipient=lambda notice: notice.trainee.email,
            field="emailed_at",
        )
    return sent


def reminders_due(*, today: date | None = None) -> int:
    """For the daily run: each enrolled trainee of each session that takes place tomorrow (in
    its cohort's time zone) gets one reminder, however often this runs."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    # Wide enough for every time zone's "tomorrow"; narrowed per cohort below.
    start = timezone.now() - timedelta(days=2)
    candidates = Session.objects.filter(
        cancelled=False,
        starts_at__gte=start,
        starts_at__lt=timezone.now() + timedelta(days=3),
    ).select_related("cohort")
    sent = 0
    for session in candidates:
        if session.local_start().date() != tomorrow:
            continue
        for trainee in enrolled_trainees(session.cohort_id):
            SessionReminder.objects.get_or_create(session=session, trainee=trainee)
        for reminder_id in SessionReminder.objects.filter(
            session=session, emailed_at__isnull=True
        ).values_list("pk", flat=True):
            sent += send_once(
                SessionReminder.objects.select_related("trainee", "session__cohort__course"),
                reminder_id,
                subject=REMINDER_SUBJECT,
                template="cohorts/emails/reminder.txt",
                context=lambda reminder: {"session": reminder.session},
                recipient=lambda reminder: reminder.trainee.email,
                field="emailed_at",
            )
    return sent


def send_outside_decision(*, record_id: int) -> bool:
    return send_once(
        OutsideTraining.objects.exclude(status=OutsideTraining.Status.PENDING).select_related(
            "trainee"
        ),
        record_id,
        subject=OUTSIDE_DECISION_SUBJECT,
        template="cohorts/emails/outside_decision.txt",
        context=lambda record: {"record": record},
        recipient=lambda record: record.trainee.email,
    )


def outside_decision_emails_due() -> int:
    """For the daily run: decisions whose e-mail was lost are enqueued again."""
    return resend_lost(
        OutsideTraining.objects.exclude(status=OutsideTraining.Status.PENDING),
        outside_decision_job,
        when="decided_at",
    )


def promotion_emails_due() -> int:
    """For the daily run: places from the waitlist whose e-mail was lost are enqueued again."""
    return resend_lost(
        CohortEnrolment.objects.filter(
            status=CohortEnrolment.Status.ENROLLED, promoted_at__isnull=False
        ),
        promotion_job,
        when="promoted_at",
        field="promotion_emailed_at",
    )
