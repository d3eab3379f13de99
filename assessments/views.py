"""Trainee-facing attempt views: thin wrappers over services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_from_path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses.translation import in_language, source_of, translated_pages, url_in_language

from . import selectors, services
from .forms import answers_from_post, flags_from_post
from .models import AssessmentPage


def _no_store(response):
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_POST
def start(request, assessment_id: int):
    # A translated copy of the page (Wagtail's "Translate") counts on its English source, as
    # every page's progress does (courses/translation.py).
    started_from = get_object_or_404(AssessmentPage.objects.live(), pk=assessment_id)
    assessment = source_of(started_from)
    try:
        # The questions are shown in the language of the page started from (/es/…); from an
        # unprefixed (English) address, in the account's preferred language.
        attempt = services.attempt_start(
            trainee=request.user,
            assessment=assessment,
            language=get_language_from_path(request.path_info),
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message(error))
        # Back to the page the trainee started from, in their language (/es/…).
        return redirect(url_in_language(started_from, request=request) or "/")
    return redirect("assessments:attempt", attempt.pk)


def _shown(assessment):
    """The assessment page as this request's reader sees it: its translation in the active
    language where it has one (its title and address), else the page itself. What the page
    says (rules, review policy, attempts) is always read from ``assessment``, the source.

    The attempt, summary and review pages pass no ``page`` to the base template, so the
    language switcher leads to the same attempt in the other language, not to the quiz."""
    return in_language(assessment, get_language())


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _own_attempt(request, attempt_id: int):
    attempt, role = selectors.attempt_for_viewer(attempt_id=attempt_id, user=request.user)
    if role != "trainee":
        raise Http404  # instructors read attempts through the review page, never answer them
    return attempt


def _overdue_or_finished(request, attempt):
    """Submit an attempt left open past its deadline; True when the attempt is finished."""
    if not attempt.finished and services.is_overdue(attempt, services.timezone.now()):
        attempt = services.attempt_submit(attempt=attempt, auto=True)
        messages.warning(request, services.DEADLINE_PASSED)
    return attempt.finished


def _navigator(questions: list[dict], per_page: int, current: int) -> list[dict]:
    return [
        {
            "id": q["id"],
            "number": q["number"],
            "answered": q["answered"],
            "flagged": q["flagged"],
            "page": selectors.page_of_question(q["number"], per_page),
            "here": selectors.page_of_question(q["number"], per_page) == current,
        }
        for q in questions
    ]


def _page_number(request, pages: int) -> int:
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1
    return min(max(number, 1), pages)


@never_cache
@login_required
def attempt(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if _overdue_or_finished(request, attempt):
        return redirect("assessments:review", attempt.pk)
    per_page = attempt.assessment.questions_per_page
    questions = selectors.attempt_questions(attempt=attempt)
    pages = selectors.paginate_questions(questions, per_page)
    number = _page_number(request, len(pages))
    context = {
        "attempt": attempt,
        "assessment": attempt.assessment,
        "shown": _shown(attempt.assessment),
        "questions": pages[number - 1],
        "navigator": _navigator(questions, per_page, number),
        "page_number": number,
        "page_count": len(pages),
        "seconds_left": selectors.seconds_left(attempt),
        "grace_seconds": services.GRACE_SECONDS,
    }
    return _no_store(render(request, "assessments/attempt.html", context))


def _save(request, attempt):
    """Save what the attempt page posted (answers and flags); an error message or None."""
    try:
        services.attempt_save(
            attempt=attempt,
            answers=answers_from_post(request.POST),
            flags=flags_from_post(request.POST),
        )
    except ValidationError as error:
        return error
    return None


@login_required
@require_POST
def autosave(request, attempt_id: int):
    """JSON endpoint the attempt page posts its form to as the trainee types (debounced), on
    every change, and once more with `keepalive` when the page is hidden or left. The CSRF
    token travels in the form body, so a beacon sent while the page unloads is accepted."""
    attempt = _own_attempt(request, attempt_id)
    error = _save(request, attempt)
    if error is not None:
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


def _attempt_url(attempt, page: int, anchor: str = "") -> str:
    url = reverse("assessments:attempt", args=[attempt.pk])
    if page > 1:
        url += f"?page={page}"
    return url + (f"#{anchor}" if anchor else "")


@login_required
@require_POST
def navigate(request, attempt_id: int):
    """Save the page's answers and flags, then go where the trainee asked: another page, a
    question from the navigator, or the summary before submitting. Works without JavaScript."""
    attempt = _own_attempt(request, attempt_id)
    error = _save(request, attempt)
    if error is not None:
        if error.code in ("finished", "deadline"):
            if error.code == "deadline":
                messages.warning(request, _message(error))
            return redirect("assessments:review", attempt.pk)
        messages.error(request, _message(error))
        return redirect("assessments:attempt", attempt.pk)
    per_page = attempt.assessment.questions_per_page
    goto = request.POST.get("goto", "")
    current = _int(request.POST.get("page"), 1)
    if goto == "summary":
        return redirect("assessments:summary", attempt.pk)
    if goto == "next":
        return redirect(_attempt_url(attempt, current + 1))
    if goto == "previous":
        return redirect(_attempt_url(attempt, max(1, current - 1)))
    if goto.startswith("q-"):
        number = _int(goto[2:], 1)
        page = selectors.page_of_question(number, per_page)
        return redirect(_attempt_url(attempt, page, f"question-{number}"))
    return redirect(_attempt_url(attempt, current))


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@never_cache
@login_required
def summary(request, attempt_id: int):
    """Before submitting: every question answered or not and flagged or not, with a way back
    to each, and the one button that submits."""
    attempt = _own_attempt(request, attempt_id)
    if _overdue_or_finished(request, attempt):
        return redirect("assessments:review", attempt.pk)
    per_page = attempt.assessment.questions_per_page
    questions = selectors.attempt_questions(attempt=attempt)
    rows = [
        {
            **q,
            "url": _attempt_url(
                attempt,
                selectors.page_of_question(q["number"], per_page),
                f"question-{q['number']}",
            ),
        }
        for q in questions
    ]
    context = {
        "attempt": attempt,
        "assessment": attempt.assessment,
        "shown": _shown(attempt.assessment),
        "rows": rows,
        "unanswered": [row for row in rows if not row["answered"]],
        "flagged": [row for row in rows if row["flagged"]],
        "seconds_left": selectors.seconds_left(attempt),
    }
    return _no_store(render(request, "assessments/summary.html", context))


@login_required
@require_POST
def submit(request, attempt_id: int):
    """Submit and grade, only when confirmed on the summary page (or sent by the page's clock
    at the deadline); anything else saves what it carried and shows the summary."""
    attempt = _own_attempt(request, attempt_id)
    error = _save(request, attempt)
    if error is not None:
        if error.code not in ("finished", "deadline"):
            messages.error(request, _message(error))
            return redirect("assessments:attempt", attempt.pk)
        if error.code == "deadline":
            messages.warning(request, _message(error))
    elif request.POST.get("confirm") not in CONFIRMATIONS:
        return redirect("assessments:summary", attempt.pk)
    services.attempt_submit(attempt=attempt)
    return redirect("assessments:review", attempt.pk)


# "yes": the summary's "Submit all and finish"; "time-up": the page's clock at the deadline.
CONFIRMATIONS = ("yes", "time-up")


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
        "shown": _shown(attempt.assessment),
        "role": role,
        "reveal": reveal,
        "questions": selectors.attempt_questions(attempt=attempt, reveal=reveal)
        if attempt.finished and (role == "instructor" or attempt.assessment.review_questions)
        else [],
        "report": _report_in_language(selectors.result_report(attempt=attempt, reveal=reveal))
        if attempt.finished
        else None,
    }
    return _no_store(render(request, "assessments/review.html", context))


def _report_in_language(report):
    """The modules a result suggests revisiting, as the reader's language has them."""
    if not report or not report.get("profile"):
        return report
    modules = [module for line in report["profile"] for module in line["modules"]]
    shown = translated_pages(modules, get_language())
    for line in report["profile"]:
        line["modules"] = [shown.get(module.pk, module) for module in line["modules"]]
    return report


@never_cache
@login_required
def history(request):
    rows = selectors.trainee_history(user=request.user)
    # Each assessment under its title in the reader's language.
    shown = translated_pages({row["attempt"].assessment for row in rows}, get_language())
    for row in rows:
        assessment = row["attempt"].assessment
        row["title"] = shown.get(assessment.pk, assessment).title
    return _no_store(render(request, "assessments/history.html", {"rows": rows}))
