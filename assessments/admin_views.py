"""Instructor tools in the Wagtail admin: grading queue, results (+ CSV), item analysis, regrade,
question bank import/export. Every view is limited to the assessments of the courses the user
teaches (all of them for superusers); anything else is a 404."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry

from core import csv

from . import importexport, selectors, services, statistics, translation
from .forms import EssayGradeForm, ImportForm
from .models import AssessmentPage, Attempt, AttemptQuestion, AttemptState, Question, Response


def _assessment_for(request, assessment_id: int) -> AssessmentPage:
    return get_object_or_404(
        selectors.assessments_for_instructor(user=request.user), pk=assessment_id
    )


def index(request):
    assessments = selectors.assessments_for_instructor(user=request.user)
    waiting = selectors.grading_queue(user=request.user).count()
    return render(
        request, "assessments/admin/index.html", {"assessments": assessments, "waiting": waiting}
    )


QUEUE_PAGE_SIZE = 50


def grading_queue(request):
    page = Paginator(selectors.grading_queue(user=request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("p")
    )
    return render(request, "assessments/admin/queue.html", {"page": page, "attempts": page})


def grade(request, attempt_id: int):
    attempt = get_object_or_404(
        Attempt.objects.visible_to_instructor(request.user).select_related("assessment", "trainee"),
        pk=attempt_id,
    )
    essays = list(
        AttemptQuestion.objects.filter(attempt=attempt, qtype="essay")
        .select_related("revision", "response")
        .order_by("position")
    )
    forms = []
    for aq in essays:
        rubric = aq.revision.content["data"]["rubric"]
        bound = request.method == "POST" and request.POST.get("response") == str(aq.response.pk)
        initial = {"comment": aq.response.comment}
        for index, value in enumerate(aq.response.rubric_points or []):
            initial[f"criterion_{index}"] = Decimal(value)
        form = EssayGradeForm(
            request.POST if bound else None,
            rubric=rubric,
            initial=initial,
            prefix=f"r{aq.response.pk}",
        )
        if bound and form.is_valid():
            try:
                attempt = services.essay_grade(
                    response=aq.response,
                    grader=request.user,
                    rubric_points=form.rubric_points(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            except PermissionDenied:
                raise Http404 from None
            else:
                if attempt.state == AttemptState.GRADED:
                    messages.success(
                        request,
                        _("Graded: the result is final and the trainee has been told by e-mail."),
                    )
                    return redirect("assessments_admin:queue")
                messages.success(request, _("Saved. Other answers still wait for a grade."))
                return redirect("assessments_admin:grade", attempt.pk)
        shown, language = translation.shown_content(aq.revision.content, attempt.language)
        forms.append(
            {
                "aq": aq,
                # The question as the trainee read it, and the English beside a translation.
                "text": shown["text"],
                "language": language,
                "original_text": aq.revision.content["text"]
                if language != translation.ORIGINAL_LANGUAGE
                else "",
                "answer": aq.response.answer,
                "form": form,
                "response": aq.response,
            }
        )
    return render(request, "assessments/admin/grade.html", {"attempt": attempt, "essays": forms})


def results(request, assessment_id: int):
    assessment = _assessment_for(request, assessment_id)
    attempts = (
        Attempt.objects.filter(assessment=assessment)
        .select_related("trainee")
        .order_by("trainee__last_name", "trainee__first_name", "trainee_id", "number")
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="results-{assessment.pk}.csv"'
        writer = csv.writer(response)  # core.csv: names are neutralised
        writer.writerow(
            [
                "trainee",
                "email",
                "attempt",
                "state",
                "language",
                "started",
                "submitted",
                "score",
                "max_score",
                "percent",
                "passed",
            ]
        )
        for a in attempts:
            writer.writerow(
                [
                    a.trainee.get_full_name(),
                    a.trainee.email,
                    a.number,
                    a.state,
                    a.language,
                    a.started_at.isoformat(),
                    a.submitted_at.isoformat() if a.submitted_at else "",
                    a.score if a.score is not None else "",
                    a.max_score,
                    a.percent if a.percent is not None else "",
                    "" if a.passed is None else ("yes" if a.passed else "no"),
                ]
            )
        return response
    return render(
        request, "assessments/admin/results.html", {"assessment": assessment, "attempts": attempts}
    )


def item_analysis_records(*, assessment: AssessmentPage) -> list[statistics.AttemptRecord]:
    """Graded attempts as plain records, in one query."""
    rows = Response.objects.filter(
        attempt_question__attempt__assessment=assessment,
        attempt_question__attempt__state=AttemptState.GRADED,
    ).values_list(
        "attempt_question__attempt_id",
        "attempt_question__attempt__percent",
        "attempt_question__attempt__language",
        "attempt_question__question_id",
        "attempt_question__max_points",
        "points",
        "answer",
    )
    by_attempt: dict[int, tuple[Decimal, str, list]] = {}
    for attempt_id, percent, language, question_id, max_points, points, answer in rows:
        share = (points or Decimal(0)) / max_points if max_points else Decimal(0)
        by_attempt.setdefault(attempt_id, (percent, language, []))[2].append(
            statistics.ItemResponse(question_id, share, answer)
        )
    return [
        statistics.AttemptRecord(percent, responses, language)
        for percent, language, responses in by_attempt.values()
    ]


def item_analysis(request, assessment_id: int):
    assessment = _assessment_for(request, assessment_id)
    records = item_analysis_records(assessment=assessment)
    drawn = {r.question_id for record in records for r in record.responses}
    questions = Question.objects.in_bulk(drawn)
    keys = {
        pk: (
            {i for i, option in enumerate(q.data.get("options", [])) if option.get("correct")},
            len(q.data.get("options", [])),
        )
        for pk, q in questions.items()
        if q.type in ("single", "multiple", "true_false")
    }
    stats = statistics.item_analysis(records, keys=keys)
    # The same item per language the attempts were taken in, when there is more than one.
    by_language = statistics.item_analysis_by_language(records, keys=keys)
    gaps = statistics.language_gaps(by_language)
    names = dict(settings.LANGUAGES)
    rows = []
    for question_id, item in sorted(stats.items(), key=lambda kv: (not kv[1].flags, kv[0])):
        question = questions.get(question_id)
        options = []
        if question and question.type in ("single", "multiple", "true_false"):
            for index, option in enumerate(question.data.get("options", [])):
                options.append(
                    {
                        "text": option.get("text"),
                        "correct": option.get("correct"),
                        "count": item.option_counts.get(index, 0),
                        "finding": item.distractor_flags.get(index, ""),
                    }
                )
        languages = (
            [
                {"code": code, "name": names.get(code, code), "stats": per[question_id]}
                for code, per in by_language.items()
                if question_id in per
            ]
            if len(by_language) > 1
            else []
        )
        if question_id in gaps:
            item.flags = [*item.flags, gaps[question_id]]
        rows.append(
            {"question": question, "stats": item, "options": options, "languages": languages}
        )
    return render(
        request, "assessments/admin/item_analysis.html", {"assessment": assessment, "rows": rows}
    )


def bank_quality(request):
    """The bank-quality report over the questions this user may see (their courses' and the
    shared bank; everything for reviewers)."""
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language", translation.ORIGINAL_LANGUAGE)
    if language not in languages:
        language = translation.ORIGINAL_LANGUAGE
    report = selectors.bank_quality_report(user=request.user, language=language)
    return render(
        request,
        "assessments/admin/bank_quality.html",
        {
            "report": report,
            "language": language,
            "language_name": languages[language],
            "languages": list(settings.LANGUAGES),
        },
    )


def regrade(request, assessment_id: int):
    assessment = _assessment_for(request, assessment_id)
    result = None
    if request.method == "POST":
        dry_run = request.POST.get("action") != "apply"
        result = services.assessment_regrade(
            assessment=assessment, performed_by=request.user, dry_run=dry_run
        )
        if not dry_run:
            messages.success(
                request, _("Regraded: %(n)s attempts changed.") % {"n": len(result.changes)}
            )
            if result.unmapped:
                messages.warning(
                    request,
                    _(
                        "%(n)s answers could not be carried over to the current revision and kept "
                        "their scores (listed below)."
                    )
                    % {"n": len(result.unmapped)},
                )
    return render(
        request,
        "assessments/admin/regrade.html",
        {
            "assessment": assessment,
            "result": result,
            "history": assessment.regrades.select_related("performed_by")[:20],
        },
    )


def _require_bank_permission(request):
    if not request.user.has_perm("assessments.change_question"):
        raise PermissionDenied


def bank_export(request):
    _require_bank_permission(request)
    fmt = "csv" if request.GET.get("format") == "csv" else "json"
    language = request.GET.get("language")
    if language not in dict(settings.LANGUAGES):
        language = None
    body = importexport.export_bank(
        fmt=fmt, queryset=selectors.questions_for_author(user=request.user), language=language
    )
    response = HttpResponse(body, content_type="text/csv" if fmt == "csv" else "application/json")
    suffix = f"-{language}" if language and language != translation.ORIGINAL_LANGUAGE else ""
    response["Content-Disposition"] = f'attachment; filename="question-bank{suffix}.{fmt}"'
    return response


def bank_import(request):
    _require_bank_permission(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        fmt = "csv" if upload.name.lower().endswith(".csv") else "json"
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            messages.error(request, _("The file is not UTF-8 text."))
        else:
            report = importexport.import_bank(
                text,
                fmt=fmt,
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
                course=form.cleaned_data["course"],
                language=form.cleaned_data["language"] or None,
            )
            counts = {"c": report.created, "u": report.updated}
            if report.errors:
                messages.error(request, _("Nothing was imported: fix the rows below."))
            elif not form.cleaned_data["dry_run"]:
                done = (
                    _("Imported %(c)s new and %(u)s updated questions.")
                    if report.published
                    else _(
                        "Imported %(c)s new and %(u)s updated questions as drafts; a "
                        "reviewer publishes them."
                    )
                )
                messages.success(request, done % counts)
    return render(request, "assessments/admin/import.html", {"form": form, "report": report})


class BankScopedSiteHistoryView(LogEntriesView):
    """Wagtail's site history report, without the log entries of other courses' questions
    and categories (their labels are the questions' texts)."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry:
            hidden = selectors.hidden_bank_log_entries(user=self.request.user)
            if hidden is not None:
                queryset = queryset.exclude(hidden)
        return queryset
