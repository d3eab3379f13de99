"""Platform CE credit: a certified holder who completes a module earns CE for it."""

from django.dispatch import receiver

from assessments.signals import attempt_graded
from courses.models import ModulePage
from courses.signals import lesson_completed

from . import cache as rules_cache
from .selectors import current_certificates
from .services import platform_credit_after_lesson, platform_credit_for_module


@receiver(lesson_completed)
def credit_after_lesson(sender, *, trainee, lesson, **kwargs):
    platform_credit_after_lesson(trainee=trainee, lesson=lesson)


@receiver(attempt_graded)
def credit_after_passed_attempt(sender, *, attempt, **kwargs):
    """A module with an assessment completes when the assessment is passed, not when its last
    lesson is done: re-check its module then."""
    if not attempt.passed:
        return
    if not current_certificates(user=attempt.trainee).exists():
        return
    module = ModulePage.objects.ancestor_of(attempt.assessment).first()
    if module is not None:
        platform_credit_for_module(trainee=attempt.trainee, module=module)


# Each version's CE rules are cached until an administrator changes them (cache.py).
rules_cache.connect()
