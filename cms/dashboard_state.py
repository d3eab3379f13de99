"""Which writes change a person's own state, so that every entry cached for them is out of date.

The lesson and course pages and the dashboard cache what they read of one person — enrolments,
lessons completed, attempts and accommodations, whether their home shows applications — under
that person's generation (core/generations.py, ``user_name(pk)``) together with the global ones
(published content, programs). Every save or delete of a row that belongs to a person moves their
generation on; a row of someone else's never touches it. The list is here, at the top of the
stack, because the rows live in apps at every layer.

Writes that bypass signals (``QuerySet.update``) bump by hand where they happen
(courses.services.enrollment_touch).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from core import generations

# (app label, model name, the field naming the person)
PERSONAL_ROWS = (
    ("courses", "Enrollment", "trainee_id"),
    ("courses", "LessonCompletion", "trainee_id"),
    ("assessments", "Attempt", "trainee_id"),
    ("assessments", "Accommodation", "trainee_id"),
    ("applications", "Application", "applicant_id"),
)


def _receiver(field: str):
    def changed(sender, instance, **kwargs) -> None:
        generations.bump_users([getattr(instance, field, None)])

    return changed


_RECEIVERS = []


def connect() -> None:
    from django.apps import apps

    for app_label, model_name, field in PERSONAL_ROWS:
        model = apps.get_model(app_label, model_name)
        receiver = _receiver(field)
        _RECEIVERS.append(receiver)  # signals keep weak references
        uid = f"person-state-{app_label}.{model_name}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-deleted")


__all__ = ["PERSONAL_ROWS", "connect"]
