"""E-mails about supervised hours, names and a certificate's status. A supervisor hears once a
day, at most, that entries wait for their sign-off (a digest, not one e-mail per entry a trainee
logs); a trainee hears when an entry is returned, with the supervisor's reason, and how a name
change was decided; a holder hears when their certificate is suspended, reinstated or revoked,
relinquished, made inactive or reactivated, with the reason when it was made public. Each row
is claimed before its e-mail goes out and released if sending fails, so a retry sends it and a
rerun does not. No names, dates or hours in subjects or in the
supervisor's digest: it only says how many wait and where."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import jobs
from core.decisions import resend_lost, send_once
from core.mail_language import in_language_of

from .jobs import send_entry_returned as returned_job
from .jobs import send_extension_decision as extension_job
from .jobs import send_name_change_decision as decision_job
from .jobs import send_status_notice as status_notice_job
from .jobs import send_supervision_digest as digest_job
from .models import (
    Certificate,
    CertificateEvent,
    NameChangeRequest,
    ProvisionalExtensionRequest,
    SupervisionEntry,
)

DIGEST_SUBJECT = "Supervised hours wait for your sign-off"
RETURNED_SUBJECT = "A supervised-hours entry was returned to you"


def send_supervision_digest(*, supervisor_id: int) -> bool:
    if not User.objects.filter(pk=supervisor_id, is_active=True, work_digest=True).exists():
        return False  # switched off on their account page: entries stay unannounced
    with transaction.atomic():
        ids = list(
            SupervisionEntry.objects.select_for_update(skip_locked=True)
            .filter(
                supervisor_id=supervisor_id,
                status=SupervisionEntry.Status.PENDING,
                supervisor_notified_at__isnull=True,
            )
            .values_list("pk", flat=True)
        )
        if not ids:
            return False
        SupervisionEntry.objects.filter(pk__in=ids).update(supervisor_notified_at=timezone.now())
    supervisor_email = (
        SupervisionEntry.objects.filter(pk=ids[0]).values_list("supervisor__email", flat=True).get()
    )
    # Everything still waiting, not only what is new: the digest is the supervisor's to-do count.
    pending = SupervisionEntry.objects.filter(
        supervisor_id=supervisor_id, status=SupervisionEntry.Status.PENDING
    )
    try:
        with in_language_of(email=supervisor_email):
            send_mail(
                subject=_(DIGEST_SUBJECT),
                message=render_to_string(
                    "certificates/emails/supervision_digest.txt",
                    {
                        "new": len(ids),
                        "waiting": pending.count(),
                        "trainees": pending.values("trainee_id").distinct().count(),
                        "site_url": settings.SITE_URL,
                    },
                ),
                from_email=None,
                recipient_list=[supervisor_email],
            )
    except Exception:
        SupervisionEntry.objects.filter(pk__in=ids).update(supervisor_notified_at=None)
        raise
    return True


def send_entry_returned(*, entry_id: int) -> bool:
    return send_once(
        SupervisionEntry.objects.filter(status=SupervisionEntry.Status.REJECTED).select_related(
            "trainee", "domain"
        ),
        entry_id,
        subject=RETURNED_SUBJECT,
        template="certificates/emails/supervision_returned.txt",
        context=lambda entry: {"entry": entry},
        recipient=lambda entry: entry.trainee.email,
        field="returned_emailed_at",
    )


def supervision_emails_due(
    *, now=None, older_than=timedelta(minutes=10), within=timedelta(days=7)
) -> int:
    """For the daily run: one digest job per supervisor with unannounced entries, and the
    returned-entry e-mails that were lost (Redis down at enqueue, a killed worker). Returns how
    many jobs were enqueued; running it twice enqueues jobs that then find nothing to send."""
    now = now or timezone.now()
    supervisor_ids = (
        SupervisionEntry.objects.filter(
            status=SupervisionEntry.Status.PENDING,
            supervisor_notified_at__isnull=True,
            supervisor__is_active=True,
            supervisor__work_digest=True,
        )
        .values_list("supervisor_id", flat=True)
        .distinct()
        .order_by()
    )
    count = 0
    for supervisor_id in supervisor_ids:
        jobs.enqueue(digest_job, supervisor_id)
        count += 1
    return count + resend_lost(
        SupervisionEntry.objects.filter(status=SupervisionEntry.Status.REJECTED),
        returned_job,
        when="reviewed_at",
        field="returned_emailed_at",
        now=now,
        older_than=older_than,
        within=within,
    )


NAME_CHANGE_SUBJECT = "Your name change request was reviewed"


def send_name_change_decision(*, request_id: int) -> bool:
    return send_once(
        NameChangeRequest.objects.exclude(status=NameChangeRequest.Status.PENDING).select_related(
            "holder"
        ),
        request_id,
        subject=NAME_CHANGE_SUBJECT,
        template="certificates/emails/name_change_decision.txt",
        context=lambda change: {"change": change, "approved": change.approved},
        recipient=lambda change: change.holder.email,
    )


def name_change_emails_due() -> int:
    """Recent name-change decisions whose e-mail was lost: enqueue them again."""
    return resend_lost(
        NameChangeRequest.objects.exclude(status=NameChangeRequest.Status.PENDING),
        decision_job,
        when="decided_at",
    )


# --- a certificate's status, told to its holder -------------------------------------------------

STATUS_NOTICE_SUBJECT = "The status of your PeerCert certificate has changed"


TOLD_STATUSES = (
    Certificate.Status.SUSPENDED,
    Certificate.Status.REVOKED,
    Certificate.Status.INACTIVE,
    Certificate.Status.RELINQUISHED,
)


def status_notice_events():
    """The changes a holder is told about: suspended, revoked, inactive, relinquished (their
    own act too: the e-mail is their record of it), and back to valid from suspended or
    inactive. Expiry, supersession and issue have their own news (reminders, the new
    certificate's e-mail)."""
    return CertificateEvent.objects.filter(
        Q(to_status__in=TOLD_STATUSES)
        | Q(
            from_status__in=[Certificate.Status.SUSPENDED, Certificate.Status.INACTIVE],
            to_status=Certificate.Status.VALID,
        )
    ).exclude(from_status=F("to_status"))


def send_status_notice(*, event_id: int) -> bool:
    """Once per change, with the reason only when it was made public (the holder sees what an
    employer sees; the rest is the administrator's record)."""
    return send_once(
        status_notice_events().select_related(
            "certificate__holder", "certificate__version__program"
        ),
        event_id,
        subject=STATUS_NOTICE_SUBJECT,
        template="certificates/emails/status_changed.txt",
        context=lambda event: {
            "event": event,
            "certificate": event.certificate,
            "reinstated": event.to_status == Certificate.Status.VALID,
            "by_holder": event.actor_id is not None
            and event.actor_id == event.certificate.holder_id,
            "public_reason": event.reason if event.reason_public else "",
        },
        recipient=lambda event: event.certificate.holder.email,
        field="holder_emailed_at",
    )


def status_notice_emails_due() -> int:
    """Recent status notices and provisional-extension decisions whose e-mail was lost:
    enqueue them again."""
    return resend_lost(
        status_notice_events(), status_notice_job, when="at", field="holder_emailed_at"
    ) + resend_lost(
        ProvisionalExtensionRequest.objects.exclude(
            status=ProvisionalExtensionRequest.Status.PENDING
        ),
        extension_job,
        when="decided_at",
    )


# --- a provisional extension, decided by the board ----------------------------------------------

EXTENSION_DECISION_SUBJECT = "The board decided your request for more time"


def send_extension_decision(*, request_id: int) -> bool:
    """Once per decision, in the holder's language: approved with the new expiry date, or
    declined with the board's reason."""
    return send_once(
        ProvisionalExtensionRequest.objects.exclude(
            status=ProvisionalExtensionRequest.Status.PENDING
        ).select_related("certificate__holder", "certificate__version__program"),
        request_id,
        subject=EXTENSION_DECISION_SUBJECT,
        template="certificates/emails/extension_decision.txt",
        context=lambda request: {
            "request": request,
            "certificate": request.certificate,
            "approved": request.approved,
        },
        recipient=lambda request: request.certificate.holder.email,
    )
