"""Trainee-facing attempt views: thin wrappers over services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import answers_from_post
from .models import AssessmentPage


def _no_store(response):
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_POST
def start(request, assessment_id: int):
    assessment = get_object_or_404(AssessmentPage.objects.live(), pk=assessment_id)
    try:
        attempt = services.attempt_start(trainee=request.user, assessment=assessment)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message(error))
        return redirect(assessment.url)
    return redirect("assessments:attempt", attempt.pk)


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _own_attempt(request, attempt_id: int):
    attempt, role = selectors.attempt_for_viewer(attempt_id=attempt_id, user=request.user)
    if role != "trainee":
        raise Http404  # instructors read attempts through the review page, never answer them
    return attempt


@never_cache
@login_required
def attempt(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.finished and services.is_overdue(attempt, services.timezone.now()):
        attempt = services.attempt_submit(attempt=attempt, auto=True)
        messages.warning(request, services.DEADLINE_PASSED)
    if attempt.finished:
        return redirect("assessments:review", attempt.pk)
    context = {
        "attempt": attempt,
        "assessment": attempt.assessment,
        "page": attempt.assessment,
        "questions": selectors.attempt_questions(attempt=attempt),
        "seconds_left": selectors.seconds_left(attempt),
        "grace_seconds": services.GRACE_SECONDS,
    }
    return _no_store(render(request, "assessments/attempt.html", context))


@login_required
@require_POST
def autosave(request, attempt_id: int):
    """JSON endpoint the attempt page posts its form to every few seconds and on change."""
    attempt = _own_attempt(request, attempt_id)
    try:
        attempt = services.attempt_save(attempt=attempt, answers=answers_from_post(request.POST))
    except ValidationError as error:
        attempt.refresh_from_db()
        return JsonResponse(
            {
                "saved": False,
                "error": _message(error),
                "finished": attempt.finished,
                "review_url": reverse("assessments:review", args=[attempt.pk]),
            },
            status=409,
        )
    return JsonResponse(
        {
            "saved": True,
            "saved_at": services.timezone.now().isoformat(),
            "seconds_left": selectors.seconds_left(attempt),
        }
    )


@login_required
@require_POST
def submit(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    try:
        services.attempt_save(attempt=attempt, answers=answers_from_post(request.POST))
    except ValidationError as error:
        if error.code not in ("finished", "deadline"):
            messages.error(request, _message(error))
            return redirect("assessments:attempt", attempt.pk)
        if error.code == "deadline":
            messages.warning(request, _message(error))
    services.attempt_submit(attempt=attempt)
    return redirect("assessments:review", attempt.pk)


@never_cache
@login_required
def review(request, attempt_id: int):
    attempt, role = selectors.attempt_for_viewer(attempt_id=attempt_id, user=request.user)
    if not attempt.finished:
        if role == "trainee":
            return redirect("assessments:attempt", attempt.pk)
        reveal: set[str] = set()
    elif role == "instructor":
        reveal = {"score", "correctness", "feedback", "answers"}
    else:
        standing = selectors.trainee_standing(assessment=attempt.assessment, trainee=request.user)
        reveal = selectors.review_items(attempt=attempt, standing=standing)
    context = {
        "attempt": attempt,
        "assessment": attempt.assessment,
        "page": attempt.assessment,
        "role": role,
        "reveal": reveal,
        "questions": selectors.attempt_questions(attempt=attempt, reveal=reveal)
        if attempt.finished and (role == "instructor" or attempt.assessment.review_questions)
        else [],
        "report": selectors.result_report(attempt=attempt, reveal=reveal)
        if attempt.finished
        else None,
    }
    return _no_store(render(request, "assessments/review.html", context))


@never_cache
@login_required
def history(request):
    rows = selectors.trainee_history(user=request.user)
    return _no_store(render(request, "assessments/history.html", {"rows": rows}))
