from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import CoursePage, LessonPage
from .selectors import cached_course_state


def guard_course_content(request, page):
    """Module and lesson pages are for enrolled trainees, and locked ones stay locked even when
    the URL is typed directly. Returns a response that refuses, or None to serve the page."""
    if getattr(request, "is_preview", False):
        return None  # editors previewing a draft in the admin
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    state = cached_course_state(request=request, page=page)
    if state.enrollment is None:
        messages.info(request, _("Enrol in this course to open its lessons."))
        return redirect(state.course.url)
    if state.is_locked(page):
        previous = _previous_incomplete_module(state, page)
        return render(
            request,
            "courses/locked.html",
            {"page": page, "course": state.course, "blocking_module": previous},
            status=403,
        )
    if isinstance(page, LessonPage):
        services.enrollment_touch(enrollment=state.enrollment, lesson=page)
    return None


def _previous_incomplete_module(state, page):
    target = state.module_of(page)
    for module in state.modules:
        if module.pk == target.pk:
            return None
        if not state.progress.module(module.pk).complete:
            return module
    return None


@login_required
@require_POST
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        services.enrollment_create(trainee=request.user, course=course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(course.url)
    messages.success(request, _("You are enrolled in %(course)s.") % {"course": course.title})
    first = course.live_lessons().first()
    return redirect(first.url if first else course.url)


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        services.lesson_mark_complete(trainee=request.user, lesson=lesson)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(lesson.url)
    if request.POST.get("then") == "next":
        state = cached_course_state(request=request, page=lesson)
        ordered = state.lessons
        position = next((i for i, page in enumerate(ordered) if page.pk == lesson.pk), None)
        if position is not None and position + 1 < len(ordered):
            return redirect(ordered[position + 1].url)
        return redirect(state.course.url)
    return redirect(lesson.url)


@login_required
@require_POST
def lesson_incomplete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    services.lesson_mark_incomplete(trainee=request.user, lesson=lesson)
    return redirect(lesson.url)
