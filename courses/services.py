"""Writes for courses: small, keyword-only, atomic."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles

from .models import CoursePage, Enrollment, LessonCompletion, LessonPage
from .permissions import ensure_course_instructor_group
from .selectors import course_state, enrollment_moved
from .signals import lesson_completed
from .translation import source_of

if TYPE_CHECKING:
    from accounts.models import User

COURSE_NOT_OPEN = "This course is not open for enrolment."
NOT_ENROLLED = "Enrol in the course first."
LESSON_LOCKED = "This lesson opens when the previous module is complete."


@transaction.atomic
def enrollment_create(*, trainee: User, course: CoursePage) -> Enrollment:
    """Enrol a trainee; enrolling twice returns the existing enrolment (re-activating it).
    Enrolling from a translation enrols in its source course: one enrolment whatever the
    language (courses/translation.py)."""
    if not course.live:
        raise ValidationError(_(COURSE_NOT_OPEN))
    course = source_of(course)
    if not course.live:
        raise ValidationError(_(COURSE_NOT_OPEN))
    enrollment, created = Enrollment.objects.get_or_create(trainee=trainee, course=course)
    if not created and enrollment.withdrawn_at is not None:
        enrollment.withdrawn_at = None
        enrollment.save(update_fields=["withdrawn_at"])
    return enrollment


# Reopening the lesson last opened within this long writes nothing: the dashboard's "resume"
# and its order by last activity do not need a write on every page view.
TOUCH_INTERVAL = timedelta(minutes=5)


def enrollment_touch(*, enrollment: Enrollment, lesson: LessonPage) -> None:
    """Remember where the trainee is, so the dashboard can resume there (the source lesson:
    the dashboard shows its translation to a reader of another language)."""
    lesson = source_of(lesson)
    now = timezone.now()
    if (
        enrollment.last_lesson_id == lesson.pk
        and enrollment.last_activity_at is not None
        and now - enrollment.last_activity_at < TOUCH_INTERVAL
    ):
        return
    Enrollment.objects.filter(pk=enrollment.pk).update(last_lesson=lesson, last_activity_at=now)
    enrollment.last_lesson_id, enrollment.last_activity_at = lesson.pk, now
    # An update() sends no signal: the cached enrolment moves on with it (selectors.PLACE).
    enrollment_moved(enrollment=enrollment)


def lesson_mark_complete(*, trainee: User, lesson: LessonPage) -> LessonCompletion:
    """Idempotent: a double click or a retried request records one completion. A lesson read
    in another language completes its source lesson, and so every translation of it."""
    lesson = source_of(lesson)
    course = CoursePage.objects.ancestor_of(lesson).get()
    state = course_state(course=course, user=trainee)
    if state.enrollment is None:
        raise PermissionDenied(_(NOT_ENROLLED))
    if state.is_locked(lesson):
        raise PermissionDenied(_(LESSON_LOCKED))
    try:
        with transaction.atomic():
            completion, _created = LessonCompletion.objects.get_or_create(
                trainee=trainee, lesson=lesson
            )
    except IntegrityError:
        completion = LessonCompletion.objects.get(trainee=trainee, lesson=lesson)
    enrollment_touch(enrollment=state.enrollment, lesson=lesson)
    _after_lesson_completed(trainee=trainee, lesson=lesson)
    return completion


def lesson_mark_incomplete(*, trainee: User, lesson: LessonPage) -> None:
    LessonCompletion.objects.filter(trainee=trainee, lesson=source_of(lesson)).delete()


def _after_lesson_completed(*, trainee: User, lesson: LessonPage) -> None:
    """Other apps react to progress (e.g. certification requirements) through this signal."""
    lesson_completed.send(sender=LessonPage, trainee=trainee, lesson=lesson)


@transaction.atomic
def course_instructor_group(*, course: CoursePage) -> Group:
    """The group whose members may edit this course's pages (and only these) in the admin."""
    return ensure_course_instructor_group(course=course)


@transaction.atomic
def course_add_instructor(*, course: CoursePage, user: User) -> None:
    group = course_instructor_group(course=course)
    user.groups.add(group, Group.objects.get(name=roles.INSTRUCTORS))
