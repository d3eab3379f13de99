"""Who may open a module, lesson or assessment page: enrolled trainees, and locked pages stay
locked even when their URL is typed directly. Page models of this app and of the apps above it
(assessments) call this from their ``serve``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import services
from .models import LessonPage
from .selectors import cached_course_state


def guard_course_content(request, page):
    """A response that refuses, or None to serve the page."""
    if getattr(request, "is_preview", False):
        return None  # editors previewing a draft in the admin
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    state = cached_course_state(request=request, page=page)
    if state.enrollment is None:
        messages.info(request, _("Enrol in this course to open its lessons."))
        return redirect(state.course.url)
    if state.is_locked(page):
        reason, link = state.outline.lock_reason(page)
        return render(
            request,
            "courses/locked.html",
            {"page": page, "course": state.course, "reason": reason, "link": link},
            status=403,
        )
    if isinstance(page, LessonPage):
        services.enrollment_touch(enrollment=state.enrollment, lesson=state.source_lesson(page))
    return None


__all__ = ["guard_course_content"]
