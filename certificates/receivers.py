"""What certification follows in the apps below it: progress elsewhere (a lesson, a graded
attempt, a practical evaluation's result) may complete a certification's requirements (re-check
when it moves), and a closed account's waiting name change is dropped."""

from django.dispatch import receiver

from accounts.signals import account_closed
from assessments.signals import attempt_graded
from cohorts.signals import training_hours_credited
from courses.signals import lesson_completed
from evaluations.signals import evaluation_completed

from .models import NameChangeRequest
from .services import requirements_changed


@receiver(lesson_completed)
def recheck_after_lesson(sender, *, trainee, lesson, **kwargs):
    requirements_changed(trainee=trainee)


@receiver(attempt_graded)
def recheck_after_graded_attempt(sender, *, attempt, **kwargs):
    """A passed attempt (on submit, once its essays are hand-graded, or after a regrade) may be
    the last requirement."""
    if attempt.passed:
        requirements_changed(trainee=attempt.trainee)


@receiver(evaluation_completed)
def recheck_after_evaluation(sender, *, evaluation, **kwargs):
    """A passed practical evaluation may be the last requirement."""
    if evaluation.passed:
        requirements_changed(trainee=evaluation.trainee)


@receiver(training_hours_credited)
def recheck_after_live_training(sender, *, trainee, **kwargs):
    """Attended sessions and approved outside training add hours: they may complete the
    training requirements."""
    requirements_changed(trainee=trainee)


@receiver(account_closed)
def drop_waiting_name_change(sender, *, user, **kwargs):
    NameChangeRequest.objects.filter(holder=user, status=NameChangeRequest.Status.PENDING).delete()
