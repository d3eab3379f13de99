"""The accounts app's domain signals. Apps above it receive them and look after their own rows,
so accounts never needs to know which apps keep something about a person."""

from django.dispatch import Signal

# Sent inside the transaction that closes an account (accounts.services.account_close), once:
# kwargs user, at (the moment of closing). Each receiver switches off what shows the person to
# others or waits on them in its own app (share links, API keys, rosters, enrolments, pending
# requests); an exception in one rolls the whole closure back.
account_closed = Signal()
