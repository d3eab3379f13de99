"""What cohorts follows in the apps below it: a closed account gives up its places (the waitlist
moves up), its calendar address and its outside training waiting for review."""

from django.dispatch import receiver

from accounts.signals import account_closed

from .services import account_closed_cleanup


@receiver(account_closed)
def release_closed_account(sender, *, user, at=None, **kwargs):
    account_closed_cleanup(user=user, at=at)
