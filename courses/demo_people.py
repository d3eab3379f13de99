"""Demo enrolments, progress and authoring rights."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from .models import CourseIndexPage, CoursePage, Enrollment, LessonCompletion
from .permissions import EMPLOYERS_GROUP, REVIEWERS_GROUP, ensure_role_groups
from .selectors import course_state
from .services import course_add_instructor, enrollment_create

# The certified trainee's story is one timeline, in days before today: enrolled
# CERTIFIED_ENROLLED_DAYS_AGO days ago; the lessons of module n (0-5) the day before its quiz,
# passed certified_quiz_days_ago(n) days ago; the final exam CERTIFIED_FINAL_DAYS_AGO days ago;
# then the practical evaluation (evaluations.demo: failed 330, passed 290 days ago); the
# certificate issued CERTIFIED_ISSUED_DAYS_AGO days ago, mid-cycle for the CE demo. The
# assessments, certificates and CE demos read these, so transcripts and histories agree.
CERTIFIED_ISSUED_DAYS_AGO = 200
CERTIFIED_ENROLLED_DAYS_AGO = 430
CERTIFIED_FINAL_DAYS_AGO = 340


def certified_quiz_days_ago(module_index: int) -> int:
    return 420 - 15 * module_index


def seed_course_people(*, course: CoursePage, users: dict) -> None:
    groups = ensure_role_groups(course_index=CourseIndexPage.objects.first())
    course_add_instructor(course=course, user=users["instructor@example.org"])
    users["reviewer@example.org"].groups.add(groups[REVIEWERS_GROUP])
    users["employer@example.org"].groups.add(Group.objects.get(name=EMPLOYERS_GROUP))

    trainee = users["trainee@example.org"]
    enrollment = enrollment_create(trainee=trainee, course=course)
    state = course_state(course=course, user=trainee)
    # Part-way: the first module done, two lessons into the second.
    first, second = state.modules[0], state.modules[1]
    todo = state.lessons_by_module[first.pk] + state.lessons_by_module[second.pk][:2]
    for lesson in todo:
        LessonCompletion.objects.get_or_create(trainee=trainee, lesson=lesson)
    if todo:
        enrollment.last_lesson = todo[-1]
        enrollment.save(update_fields=["last_lesson"])

    certified = users["certified@example.org"]
    enrollment = enrollment_create(trainee=certified, course=course)
    now = timezone.now()
    Enrollment.objects.filter(pk=enrollment.pk).update(
        enrolled_at=now - timedelta(days=CERTIFIED_ENROLLED_DAYS_AGO)
    )
    for index, module in enumerate(state.modules):
        # Each module's lessons the day before its quiz, a few minutes apart.
        day = now - timedelta(days=certified_quiz_days_ago(index) + 1)
        for number, lesson in enumerate(state.lessons_by_module[module.pk]):
            completion, _created = LessonCompletion.objects.get_or_create(
                trainee=certified, lesson=lesson
            )
            LessonCompletion.objects.filter(pk=completion.pk).update(
                completed_at=day + timedelta(minutes=20 * number)
            )
