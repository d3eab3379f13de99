"""A closed account's enrolments are withdrawn (its lesson completions stay: training records
are kept, as certification boards require)."""

from django.dispatch import receiver

from accounts.signals import account_closed

from .models import Enrollment


@receiver(account_closed)
def withdraw_enrolments(sender, *, user, at, **kwargs):
    Enrollment.objects.filter(trainee=user, withdrawn_at__isnull=True).update(withdrawn_at=at)
