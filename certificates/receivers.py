"""Progress elsewhere may complete a certification's requirements: re-check when it moves."""

from django.dispatch import receiver

from courses.signals import lesson_completed


@receiver(lesson_completed)
def recheck_after_lesson(sender, *, trainee, lesson, **kwargs):
    from .services import requirements_changed

    requirements_changed(trainee=trainee)
