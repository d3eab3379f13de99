"""A closed account's enrolments are withdrawn (its lesson completions stay: training records
are kept, as certification boards require). Translated course pages keep their roles."""

from django.dispatch import receiver
from wagtail.signals import copy_for_translation_done

from accounts.signals import account_closed
from core import generations

from .models import CourseIndexPage, CoursePage, Enrollment
from .permissions import ensure_course_instructor_group, ensure_role_groups


@receiver(account_closed)
def withdraw_enrolments(sender, *, user, at, **kwargs):
    Enrollment.objects.filter(trainee=user, withdrawn_at__isnull=True).update(withdrawn_at=at)
    generations.bump_users([user.pk])  # an update() sends no signal (core/generations.py)


@receiver(copy_for_translation_done)
def translations_keep_their_roles(sender, *, source_obj, target_obj, **kwargs):
    """A course index translated (Wagtail's "Translate", or the demo seed) goes through the same
    review workflow as its source; a course translated is taught by the source's instructors
    (its group may add and change the translation, never publish it)."""
    if isinstance(target_obj, CourseIndexPage):
        ensure_role_groups(course_index=target_obj)
    elif isinstance(target_obj, CoursePage):
        ensure_course_instructor_group(course=target_obj)
