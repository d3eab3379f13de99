"""A certificate's status moved: check the rosters that follow it, after the change commits."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from certificates.models import Certificate
from certificates.signals import certificate_status_changed
from core import jobs


def _enqueue(certificate_id: int) -> None:
    from .jobs import roster_changes_for_certificate

    jobs.enqueue(roster_changes_for_certificate, certificate_id)


@receiver(certificate_status_changed)
def status_changed(sender, *, certificate, **kwargs):
    _enqueue(certificate.pk)


@receiver(post_save, sender=Certificate)
def status_saved(sender, *, instance, created, update_fields=None, **kwargs):
    # Some transitions (a renewal superseding the old certificate) save the status without
    # sending certificate_status_changed. The job is idempotent, so overlap costs nothing.
    if not created and update_fields is not None and "status" in update_fields:
        _enqueue(instance.pk)
