"""E-mails about supervised hours and names. A supervisor hears once a day, at most, that
entries wait for their sign-off (a digest, not one e-mail per entry a trainee logs); a trainee
hears when an entry is returned, with the supervisor's reason, and how a name change was decided. Each entry is claimed before its e-mail goes out and
released if sending fails, so a retry sends it and a rerun does not. No names, dates or hours in
subjects or in the supervisor's digest: it only says how many wait and where."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import jobs

from .models import SupervisionEntry

DIGEST_SUBJECT = "Supervised hours wait for your sign-off"
RETURNED_SUBJECT = "A supervised-hours entry was returned to you"


def send_supervision_digest(*, supervisor_id: int) -> bool:
    from django.contrib.auth import get_user_model

    if not get_user_model().objects.filter(pk=supervisor_id, is_active=True,
                                           work_digest=True).exists():
        return False  # switched off on their account page: entries stay unannounced
    with transaction.atomic():
        waiting = list(
            SupervisionEntry.objects.select_for_update(skip_locked=True)
            .filter(supervisor_id=supervisor_id, status=SupervisionEntry.Status.PENDING,
                    supervisor_notified_at__isnull=True)
            .values_list("pk", "trainee_id")
        )
        if not waiting:
            return False
        ids = [pk for pk, _trainee in waiting]
        SupervisionEntry.objects.filter(pk__in=ids).update(supervisor_notified_at=timezone.now())
    supervisor_email = (SupervisionEntry.objects.filter(pk=ids[0])
                        .values_list("supervisor__email", flat=True).get())
    # Everything still waiting, not only what is new: the digest is the supervisor's to-do count.
    pending = SupervisionEntry.objects.filter(supervisor_id=supervisor_id,
                                              status=SupervisionEntry.Status.PENDING)
    try:
        send_mail(
            subject=_(DIGEST_SUBJECT),
            message=render_to_string("certificates/emails/supervision_digest.txt", {
                "new": len(ids),
                "waiting": pending.count(),
                "trainees": pending.values("trainee_id").distinct().count(),
                "site_url": settings.SITE_URL,
            }),
            from_email=None, recipient_list=[supervisor_email],
        )
    except Exception:
        SupervisionEntry.objects.filter(pk__in=ids).update(supervisor_notified_at=None)
        raise
    return True


def send_entry_returned(*, entry_id: int) -> bool:
    claimed = SupervisionEntry.objects.filter(
        pk=entry_id, status=SupervisionEntry.Status.REJECTED, returned_emailed_at__isnull=True,
    ).update(returned_emailed_at=timezone.now())
    if not claimed:
        return False
    entry = SupervisionEntry.objects.select_related("trainee", "domain").get(pk=entry_id)
    try:
        send_mail(
            subject=_(RETURNED_SUBJECT),
            message=render_to_string("certificates/emails/supervision_returned.txt", {
                "entry": entry, "site_url": settings.SITE_URL,
            }),
            from_email=None, recipient_list=[entry.trainee.email],
        )
    except Exception:
        SupervisionEntry.objects.filter(pk=entry_id).update(returned_emailed_at=None)
        raise
    return True


def supervision_emails_due(*, now=None, older_than=timedelta(minutes=10),
                           within=timedelta(days=7)) -> int:
    """For the daily run: one digest job per supervisor with unannounced entries, and the
    returned-entry e-mails that were lost (Redis down at enqueue, a killed worker). Returns how
    many jobs were enqueued; running it twice enqueues jobs that then find nothing to send."""
    from .jobs import send_entry_returned as returned_job
    from .jobs import send_supervision_digest as digest_job

    now = now or timezone.now()
    supervisor_ids = (SupervisionEntry.objects
                      .filter(status=SupervisionEntry.Status.PENDING,
                              supervisor_notified_at__isnull=True, supervisor__is_active=True,
                              supervisor__work_digest=True)
                      .values_list("supervisor_id", flat=True).distinct().order_by())
    returned_ids = SupervisionEntry.objects.filter(
        status=SupervisionEntry.Status.REJECTED, returned_emailed_at__isnull=True,
        reviewed_at__lt=now - older_than, reviewed_at__gt=now - within,
    ).values_list("pk", flat=True)
    count = 0
    for supervisor_id in supervisor_ids:
        jobs.enqueue(digest_job, supervisor_id)
        count += 1
    for entry_id in returned_ids:
        jobs.enqueue(returned_job, entry_id)
        count += 1
    return count


NAME_CHANGE_SUBJECT = "Your name change request was reviewed"


def send_name_change_decision(*, request_id: int) -> bool:
    from .models import NameChangeRequest

    claimed = NameChangeRequest.objects.filter(
        pk=request_id, decision_emailed_at__isnull=True,
    ).exclude(status=NameChangeRequest.Status.PENDING).update(decision_emailed_at=timezone.now())
    if not claimed:
        return False
    change = NameChangeRequest.objects.select_related("holder").get(pk=request_id)
    try:
        send_mail(
            subject=_(NAME_CHANGE_SUBJECT),
            message=render_to_string("certificates/emails/name_change_decision.txt", {
                "change": change, "approved": change.status == NameChangeRequest.Status.APPROVED,
                "site_url": settings.SITE_URL,
            }),
            from_email=None, recipient_list=[change.holder.email],
        )
    except Exception:
        NameChangeRequest.objects.filter(pk=request_id).update(decision_emailed_at=None)
        raise
    return True


def name_change_emails_due(*, now=None, older_than=timedelta(minutes=10),
                           within=timedelta(days=7)) -> int:
    """Recent name-change decisions whose e-mail was lost: enqueue them again."""
    from .jobs import send_name_change_decision as decision_job
    from .models import NameChangeRequest

    now = now or timezone.now()
    lost = (NameChangeRequest.objects
            .exclude(status=NameChangeRequest.Status.PENDING)
            .filter(decision_emailed_at__isnull=True, decided_at__lt=now - older_than,
                    decided_at__gt=now - within)
            .values_list("pk", flat=True))
    count = 0
    for request_id in lost:
        jobs.enqueue(decision_job, request_id)
        count += 1
    return count
