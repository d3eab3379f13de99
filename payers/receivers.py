"""A rule or a program saved or deleted: this process reads the rules afresh."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from certificates.models import CertificationProgram

from .models import BillingRule
from .selectors import clear_cache


@receiver(post_save, sender=BillingRule)
@receiver(post_delete, sender=BillingRule)
@receiver(post_delete, sender=CertificationProgram)
def rules_changed(sender, **kwargs):
    clear_cache()


@receiver(post_save, sender=CertificationProgram)
def program_saved(sender, *, created, **kwargs):
    # Rules name programs by name in memory: a rename matters, a new program has no rules yet.
    if not created:
        clear_cache()
