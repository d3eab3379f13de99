from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import CoursePage, LessonPage
from .selectors import cached_course_state
from .translation import url_in_language


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
    # The first lesson as this reader sees the course (a translation's, or the English one
    # where a module is not translated yet).
    state = cached_course_state(request=request, page=course)
    first = state.lessons[0] if state.lessons else None
    return redirect(first.url if first else state.course.url)


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
        # The next step of the path that is still to do and open: the next lesson, the
        # module's quiz after its last lesson, the final exam once every module is complete.
        state = cached_course_state(request=request, page=lesson)
        target = state.outline.next_page(after=lesson)
        # In the reader's language: the English quiz of a Spanish module under /es/ too.
        return redirect(url_in_language(target or state.course, request=request))
    return redirect(lesson.url)


@login_required
@require_POST
def lesson_incomplete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    services.lesson_mark_incomplete(trainee=request.user, lesson=lesson)
    return redirect(lesson.url)
