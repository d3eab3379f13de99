"""Demo enrolments, progress and authoring rights."""

from __future__ import annotations

from django.contrib.auth.models import Group

from .models import CourseIndexPage, CoursePage, LessonCompletion
from .permissions import EMPLOYERS_GROUP, REVIEWERS_GROUP, ensure_role_groups
from .selectors import course_state
from .services import course_add_instructor, enrollment_create


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
    enrollment_create(trainee=certified, course=course)
    for lesson in state.lessons:
        LessonCompletion.objects.get_or_create(trainee=certified, lesson=lesson)
