"""What evaluations follows in the apps below it: a closed account's requests are withdrawn
and what it was to evaluate goes back to the course's evaluators."""

from django.dispatch import receiver

from accounts.signals import account_closed

from .services import account_closed_cleanup


@receiver(account_closed)
def release_closed_account(sender, *, user, **kwargs):
    account_closed_cleanup(user=user)
