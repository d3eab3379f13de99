"""The roster: certificates an employer follows by code, and the notifications due when one's
public status changes."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from certificates.models import Certificate
from core import jobs
from verification.selectors import lookup_code

from ..jobs import send_roster_notification as send_roster_notification_job
from ..models import RosterEntry, RosterNotification

CODE_NOT_FOUND = "No issued certificate has this code."
ALREADY_ON_ROSTER = "This certificate is already on your roster."


@transaction.atomic
def roster_add(*, employer, code: str, label: str = "") -> RosterEntry:
    stored = lookup_code(code)
    certificate = Certificate.objects.issued().filter(code=stored).first() if stored else None
    if certificate is None:
        raise ValidationError({"code": _(CODE_NOT_FOUND)})
    try:
        with transaction.atomic():
            return RosterEntry.objects.create(
                employer=employer,
                certificate=certificate,
                label=label.strip()[:100],
                last_notified_status=certificate.public_status,
            )
    except IntegrityError as error:
        raise ValidationError({"code": _(ALREADY_ON_ROSTER)}) from error


def roster_remove(*, employer, entry_id: int) -> None:
    deleted, _count = RosterEntry.objects.filter(pk=entry_id, employer=employer).delete()
    if not deleted:
        raise RosterEntry.DoesNotExist


def notify_roster_changes(*, certificate_ids: Iterable[int] | None = None) -> int:
    """Compare each roster entry's last-notified status with its certificate's live public
    status and, for each difference, record one notification and enqueue its e-mail.

    Idempotent and safe to run concurrently: the entry's status moves by a conditional update,
    so only one run claims a change, and the notification row is unique per change. Expiry
    needs no event: ``public_status`` reads expired past the expiry date, so a nightly call
    without arguments notifies expiries too. Returns the number of notifications created.
    """
    entries = RosterEntry.objects.select_related("certificate")
    if certificate_ids is not None:
        entries = entries.filter(certificate_id__in=list(certificate_ids))
    created = 0
    for entry in entries.iterator(chunk_size=500):
        current = entry.certificate.public_status
        if current == entry.last_notified_status or current == Certificate.Status.PENDING:
            continue
        with transaction.atomic():
            claimed = RosterEntry.objects.filter(
                pk=entry.pk,
                last_notified_status=entry.last_notified_status,
                notifications_sent=entry.notifications_sent,
            ).update(last_notified_status=current, notifications_sent=entry.notifications_sent + 1)
            if not claimed:
                continue  # another run got there first
            notification = RosterNotification.objects.create(
                entry=entry,
                certificate=entry.certificate,
                status=current,
                previous_status=entry.last_notified_status,
                sequence=entry.notifications_sent + 1,
            )
            jobs.enqueue(send_roster_notification_job, notification.pk)
        created += 1
    return created
