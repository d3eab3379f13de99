"""What the employer tools follow in the apps below them: a certificate's status moved (check
the rosters that follow it, after the change commits), and an account closed (its share links
and API keys stop working, its roster and waiting access request go)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.signals import account_closed
from certificates.models import Certificate
from certificates.signals import certificate_status_changed
from core import jobs

from .jobs import fan_out_webhooks as fan_out_webhooks_job
from .jobs import roster_changes_for_certificate as roster_changes_job
from .models import ApiKey, EmployerAccessRequest, RosterEntry, ShareLink, WebhookEndpoint


def _enqueue(certificate_id: int) -> None:
    jobs.enqueue(roster_changes_job, certificate_id)
    # Signed webhooks to the followers' systems (employers.services.webhooks), idempotent too.
    jobs.enqueue(fan_out_webhooks_job, certificate_id)


@receiver(certificate_status_changed)
def status_changed(sender, *, certificate, **kwargs):
    _enqueue(certificate.pk)


@receiver(post_save, sender=Certificate)
def status_saved(sender, *, instance, created, update_fields=None, **kwargs):
    # Some transitions (a renewal superseding the old certificate) save the status without
    # sending certificate_status_changed. The job is idempotent, so overlap costs nothing.
    if not created and update_fields is not None and "status" in update_fields:
        _enqueue(instance.pk)


@receiver(account_closed)
def revoke_what_shows_the_person(sender, *, user, at, **kwargs):
    ShareLink.objects.filter(holder=user, revoked_at__isnull=True).update(revoked_at=at)
    ApiKey.objects.filter(employer=user, revoked_at__isnull=True).update(revoked_at=at)
    WebhookEndpoint.objects.filter(employer=user, removed_at__isnull=True).update(removed_at=at)
    RosterEntry.objects.filter(employer=user).delete()
    EmployerAccessRequest.objects.filter(
        user=user, status=EmployerAccessRequest.Status.PENDING
    ).delete()
