"""The evaluations app's domain signals, for the apps above it (certification requirements)
to follow results without evaluations knowing about them."""

from django.dispatch import Signal

# Sent by the rating service, inside its transaction, once per evaluation: when the primary
# rater's submission makes its result final. kwargs: evaluation (status COMPLETED, `passed`
# set).
evaluation_completed = Signal()
