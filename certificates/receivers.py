"""Progress elsewhere may complete a certification's requirements: re-check when it moves."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from courses.signals import lesson_completed


@receiver(lesson_completed)
def recheck_after_lesson(sender, *, trainee, lesson, **kwargs):
    from .services import requirements_changed

    requirements_changed(trainee=trainee)


@receiver(post_save, sender="assessments.Attempt")
def recheck_after_graded_attempt(sender, *, instance, **kwargs):
    """A passed attempt (on submit, or once its essays are hand-graded) may be the last
    requirement."""
    if instance.passed:
        from .services import requirements_changed

        requirements_changed(trainee=instance.trainee)
