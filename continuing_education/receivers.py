"""Platform CE credit: a certified holder who completes a module earns CE for it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from courses.signals import lesson_completed


@receiver(lesson_completed)
def credit_after_lesson(sender, *, trainee, lesson, **kwargs):
    from .services import platform_credit_after_lesson

    platform_credit_after_lesson(trainee=trainee, lesson=lesson)


def _credit_after_passed_attempt(sender, *, instance, **kwargs):
    """A module with an assessment completes when the assessment is passed, not when its last
    lesson is done: re-check its module then."""
    if not instance.passed or instance.state != "graded":
        return
    from courses.models import ModulePage

    from .selectors import current_certificates
    from .services import platform_credit_for_module

    if not current_certificates(user=instance.trainee).exists():
        return
    module = ModulePage.objects.ancestor_of(instance.assessment).first()
    if module is not None:
        platform_credit_for_module(trainee=instance.trainee, module=module)


try:
    from assessments.models import Attempt
except ImportError:  # pragma: no cover - the assessments app is optional here
    Attempt = None
if Attempt is not None:
    post_save.connect(
        _credit_after_passed_attempt, sender=Attempt, dispatch_uid="ce_credit_after_passed_attempt"
    )
