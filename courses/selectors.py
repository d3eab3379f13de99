"""Reads that cross several course models. Each keeps a fixed number of queries however many
modules and lessons a course has."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

from .models import (
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    ModuleDomainHours,
    ModulePage,
)
from .progress import CourseProgress, compute_course_progress

if TYPE_CHECKING:
    from accounts.models import User

# What a module needs beyond its lessons comes from the apps whose pages sit in it. A function
# registered under this name takes (user=, modules=) and returns {module pk: met}; a module it
# leaves out needs nothing more from it. assessments registers "its assessments passed".
MODULE_REQUIREMENTS_HOOK = "course_module_requirements"
NO_MODULE_REQUIREMENTS = (
    "No app answers the 'course_module_requirements' hook: modules would count as complete "
    "with their assessments unpassed. The assessments app registers it in wagtail_hooks.py."
)


@dataclass
class CourseState:
    """Everything the course, module and lesson pages need about one trainee in one course."""

    course: CoursePage
    modules: list[ModulePage]
    lessons_by_module: dict[int, list[LessonPage]]
    enrollment: Enrollment | None
    completed_ids: set[int] = field(default_factory=set)
    progress: CourseProgress | None = None

    @property
    def lessons(self) -> list[LessonPage]:
        return [lesson for module in self.modules for lesson in self.lessons_by_module[module.pk]]

    def module_of(self, page) -> ModulePage | None:
        return next((m for m in self.modules if page.path.startswith(m.path)), None)

    def is_locked(self, page) -> bool:
        module = self.module_of(page)
        if module is None or self.progress is None:
            return False
        module_progress = self.progress.module(module.pk)
        return bool(module_progress and module_progress.locked)


def module_extra_requirements(*, user: User, modules: list[ModulePage]) -> dict[int, bool]:
    """Module pk → whether what it needs beyond its lessons is met, by every app that registered
    MODULE_REQUIREMENTS_HOOK (all must agree). Modules may hold assessment pages, so a site where
    no app answers is misconfigured: refuse rather than open every module."""
    answers = hooks.get_hooks(MODULE_REQUIREMENTS_HOOK)
    if not answers:
        raise ImproperlyConfigured(NO_MODULE_REQUIREMENTS)
    met: dict[int, bool] = {}
    for answer in answers:
        for module_pk, ok in answer(user=user, modules=modules).items():
            met[module_pk] = met.get(module_pk, True) and ok
    return met


# What the course, module and lesson pages, the dashboard and the other apps read of the modules
# and lessons in a course state. The rest of a row (a lesson's body, a module's introduction) is
# not loaded; a template that reads another field would show as a query per page in
# tests/courses (lessons 5 vs 50).
_PAGE_FIELDS = (
    "id",
    "content_type_id",
    "locale_id",
    "translation_key",
    "path",
    "depth",
    "numchild",
    "title",
    "draft_title",
    "slug",
    "url_path",
    "live",
    "has_unpublished_changes",
    "latest_revision_id",
)
MODULE_FIELDS = (*_PAGE_FIELDS, "contact_hours")
LESSON_FIELDS = (*_PAGE_FIELDS, "summary", "estimated_minutes")

_UNKNOWN = object()


def course_state(*, course: CoursePage, user: User, enrollment=_UNKNOWN) -> CourseState:
    """`enrollment`: the trainee's active enrolment in `course` (or None) when the caller has
    already read it; otherwise it is read here."""
    modules = list(course.live_modules().only(*MODULE_FIELDS))
    lessons = list(course.live_lessons().only(*LESSON_FIELDS))
    lessons_by_module: dict[int, list[LessonPage]] = {m.pk: [] for m in modules}
    for lesson in lessons:
        for module in modules:
            if lesson.path.startswith(module.path):
                lessons_by_module[module.pk].append(lesson)
                break
    completed: set[int] = set()
    if not user.is_authenticated:
        enrollment = None
    elif enrollment is _UNKNOWN:
        enrollment = Enrollment.objects.active().filter(trainee=user, course=course).first()
    if user.is_authenticated and lessons:
        completed = set(
            LessonCompletion.objects.filter(
                trainee=user, lesson_id__in=[lesson.pk for lesson in lessons]
            ).values_list("lesson_id", flat=True)
        )
    extra = module_extra_requirements(user=user, modules=modules) if user.is_authenticated else {}
    progress = compute_course_progress(
        modules=[(m.pk, [lesson.pk for lesson in lessons_by_module[m.pk]]) for m in modules],
        completed_lesson_ids=completed,
        sequential=course.sequential,
        extra_requirements_met=extra,
    )
    return CourseState(
        course=course,
        modules=modules,
        lessons_by_module=lessons_by_module,
        enrollment=enrollment,
        completed_ids=completed,
        progress=progress,
    )


def cached_course_state(*, request, page) -> CourseState:
    """One computation per request, shared by the access guard and the page context."""
    cached = getattr(request, "_peercert_course_state", None)
    if cached is not None and page.path.startswith(cached.course.path):
        return cached
    course = page if isinstance(page, CoursePage) else CoursePage.objects.ancestor_of(page).get()
    state = course_state(course=course, user=request.user)
    request._peercert_course_state = state
    return state


def hours_by_domain(*, modules: list[ModulePage]) -> list[tuple[str, object]]:
    """Sum of the modules' domain allocations, in domain order, one query."""
    totals: dict[str, object] = {}
    rows = (
        ModuleDomainHours.objects.filter(module__in=[m.pk for m in modules])
        .select_related("domain")
        .order_by("domain__sort_order", "domain__name")
    )
    for row in rows:
        totals[row.domain.name] = totals.get(row.domain.name, 0) + row.hours
    return list(totals.items())


def _module_rows(state: CourseState) -> list[dict]:
    rows = []
    for module in state.modules:
        lessons = state.lessons_by_module[module.pk]
        rows.append(
            {
                "module": module,
                "progress": state.progress.module(module.pk),
                "lessons": [
                    {"page": lesson, "done": lesson.pk in state.completed_ids} for lesson in lessons
                ],
            }
        )
    return rows


def course_overview(*, course: CoursePage, request) -> dict:
    state = cached_course_state(request=request, page=course)
    total_hours = sum((m.contact_hours for m in state.modules), 0)
    next_lesson = _lesson_by_id(state, state.progress.next_lesson_id)
    return {
        "state": state,
        "module_rows": _module_rows(state),
        "total_hours": total_hours,
        "hours_by_domain": hours_by_domain(modules=state.modules),
        "enrollment": state.enrollment,
        "progress": state.progress,
        "next_lesson": next_lesson,
    }


def _lesson_by_id(state: CourseState, lesson_id: int | None) -> LessonPage | None:
    if lesson_id is None:
        return None
    return next((lesson for lesson in state.lessons if lesson.pk == lesson_id), None)


def module_context(*, module: ModulePage, request) -> dict:
    state = cached_course_state(request=request, page=module)
    lessons = state.lessons_by_module.get(module.pk, [])
    return {
        "state": state,
        "course": state.course,
        "progress": state.progress,
        "module_progress": state.progress.module(module.pk),
        "crumbs": [state.course, module],
        "lesson_rows": [
            {"page": lesson, "done": lesson.pk in state.completed_ids} for lesson in lessons
        ],
    }


def lesson_context(*, lesson: LessonPage, request) -> dict:
    state = cached_course_state(request=request, page=lesson)
    ordered = state.lessons
    index = next((i for i, page in enumerate(ordered) if page.pk == lesson.pk), None)
    previous_lesson = ordered[index - 1] if index else None
    next_lesson = ordered[index + 1] if index is not None and index + 1 < len(ordered) else None
    module = state.module_of(lesson)
    return {
        "state": state,
        "course": state.course,
        "module": module,
        "progress": state.progress,
        "module_progress": state.progress.module(module.pk) if module else None,
        "is_complete": lesson.pk in state.completed_ids,
        "crumbs": [state.course, module, lesson] if module else [state.course, lesson],
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
        "next_lesson_locked": bool(next_lesson and state.is_locked(next_lesson)),
        "module_lessons": [
            {"page": page, "done": page.pk in state.completed_ids}
            for page in (state.lessons_by_module.get(module.pk, []) if module else [])
        ],
    }


def dashboard_enrollments(*, user: User) -> list[dict]:
    """The trainee's courses with progress and where to pick up. Queries grow with the number of
    courses a trainee is enrolled in (a handful), never with the number of lessons."""
    enrollments = (
        Enrollment.objects.active()
        .for_user(user)
        .select_related("course")
        .order_by("-last_activity_at", "-enrolled_at")
    )
    rows = []
    for enrollment in enrollments:
        state = course_state(course=enrollment.course, user=user, enrollment=enrollment)
        next_lesson = _lesson_by_id(state, state.progress.next_lesson_id)
        # The course's own live lesson (None if unpublished or moved since).
        resume = _lesson_by_id(state, enrollment.last_lesson_id)
        rows.append(
            {
                "enrollment": enrollment,
                "course": enrollment.course,
                "progress": state.progress,
                "next_lesson": next_lesson,
                "resume_lesson": resume,
                "module_rows": _module_rows(state),
            }
        )
    return rows


__all__ = [
    "CourseState",
    "cached_course_state",
    "course_overview",
    "course_state",
    "dashboard_enrollments",
    "lesson_context",
    "module_context",
]
