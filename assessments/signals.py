"""The assessments app's domain signals, for the apps above it (certification requirements,
continuing-education credit) to follow grading without assessments knowing about them."""

from django.dispatch import Signal

# Sent by the grading service, inside its transaction, once each time an attempt gets a final
# result: on submit (when nothing waits for a hand grade), when its last essay is hand-graded,
# and when a regrade changes it. Not on every save of the row: a regrade of many attempts, or
# an edit of an attempt's other fields, does not re-run the receivers per save.
# kwargs: attempt (state GRADED, `passed` set), regrade (bool).
attempt_graded = Signal()
