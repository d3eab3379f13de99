"""The cohorts app's domain signals, for the apps above it (certification requirements) to
follow new training hours without cohorts knowing about them."""

from django.dispatch import Signal

# Sent inside the transaction that credits hours to a trainee: attendance marked or a check-in
# confirmed (with minutes), outside training approved. kwargs: trainee.
training_hours_credited = Signal()
