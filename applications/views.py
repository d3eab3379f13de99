"""/apply/: the applicant's applications, a referee's one-use letter form, and the board's
queue, review page and exam-results import. Every page is private and no-store; objects of
other people answer 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from certificates.models import Certificate
from certificates.selectors import checklist_for
from core.http import no_store
from core.uploads import body_limit

from . import selectors, services
from .forms import (
    AnswerForm,
    AppealDecisionForm,
    AppealForm,
    DecisionForm,
    DocumentForm,
    ExamApprovalForm,
    ExamImportForm,
    LetterForm,
    LivedExperienceForm,
    RefereeForm,
)
from .models import Application, ApplicationDocument, ApplicationPolicy, Referee

MAX_IMPORT_BYTES = 1024 * 1024


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def _onto_form(form, error: ValidationError, *, aliases: dict[str, str] | None = None) -> None:
    """A service's refusal shown where it belongs: on the field it names (an upload's "file":
    too large, wrong type, a PDF with scripts, a virus), else above the form. ``aliases``: the
    service's name for a field → the form's."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            field = (aliases or {}).get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _policy(application: Application) -> ApplicationPolicy | None:
    return ApplicationPolicy.objects.filter(version_id=application.version_id).first()


# --- the applicant ---------------------------------------------------------------------------


@login_required
@require_GET
def home(request):
    mine = selectors.applications_of(request.user)
    started = {a.version_id for a in mine if a.status != Application.Status.DENIED}
    open_versions = [v for v in selectors.versions_taking_applications() if v.pk not in started]
    return no_store(
        render(
            request,
            "applications/home.html",
            {"applications": mine, "open_versions": open_versions},
        )
    )


@login_required
@require_POST
def start(request, version_id: int):
    version = selectors.versions_taking_applications().filter(pk=version_id).first()
    if version is None:
        raise Http404
    try:
        application = services.application_start(applicant=request.user, version=version)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
        return redirect("applications:home")
    return redirect("applications:detail", application_id=application.pk)


def _own_application(request, application_id: int) -> Application:
    application = (
        Application.objects.select_related("version__program", "version__application_policy")
        .filter(pk=application_id, applicant=request.user)
        .first()
    )
    if application is None:
        raise Http404
    return application


@login_required
@require_http_methods(["GET", "POST"])
@body_limit(services.MAX_DOCUMENT_BYTES)
def detail(request, application_id: int):
    application = _own_application(request, application_id)
    forms = {
        "lived_form": LivedExperienceForm(
            initial={
                "lived_experience": {True: "yes", False: "no"}.get(application.lived_experience),
                "lived_experience_months": application.lived_experience_months,
            }
        ),
        "document_form": DocumentForm(),
        "referee_form": RefereeForm(),
        "answer_form": AnswerForm(),
        "appeal_form": AppealForm(),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            done = _applicant_action(request, application, action, forms)
        except ValidationError as error:
            messages.error(request, _messages_of(error))
            done = False
        except PermissionDenied as error:
            raise Http404 from error
        if done:
            messages.success(request, done)
            return redirect("applications:detail", application_id=application.pk)
        status = 400
        application.refresh_from_db()
    return no_store(
        render(
            request, "applications/detail.html", _detail_context(application, forms), status=status
        )
    )


def _applicant_action(request, application: Application, action: str, forms: dict):
    """Runs one action of the applicant's page; returns the success message, or False with the
    bound form (its errors) left in ``forms``."""
    user, pk = request.user, application.pk
    if action == "save":
        form = forms["lived_form"] = LivedExperienceForm(request.POST)
        if not form.is_valid():
            return False
        services.application_update(
            application_id=pk,
            applicant=user,
            lived_experience=form.cleaned_data["lived_experience"],
            lived_experience_months=form.cleaned_data["lived_experience_months"],
        )
        return _("Saved.")
    if action == "upload":
        form = forms["document_form"] = DocumentForm(request.POST, request.FILES)
        if not form.is_valid():
            return False
        try:
            services.document_add(
                application_id=pk,
                applicant=user,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
            )
        except ValidationError as error:
            _onto_form(form, error)
            return False
        return _("Document uploaded.")
    if action == "remove_document":
        services.document_remove(document_id=_int(request.POST.get("document")), applicant=user)
        return _("Document removed.")
    if action == "add_referee":
        form = forms["referee_form"] = RefereeForm(request.POST)
        if not form.is_valid():
            return False
        services.referee_add(application_id=pk, applicant=user, **form.cleaned_data)
        return _("Referee added. They get their link when you submit.")
    if action == "remove_referee":
        services.referee_remove(referee_id=_int(request.POST.get("referee")), applicant=user)
        return _("Referee removed.")
    if action == "submit":
        services.application_submit(application_id=pk, applicant=user)
        return _("Application submitted.")
    if action == "answer":
        form = forms["answer_form"] = AnswerForm(request.POST, request.FILES)
        if not form.is_valid():
            return False
        if form.cleaned_data["file"]:
            try:
                services.document_add(
                    application_id=pk,
                    applicant=user,
                    kind="answer",
                    uploaded=form.cleaned_data["file"],
                )
            except ValidationError as error:
                _onto_form(form, error)
                return False
        services.answer_information(
            application_id=pk, applicant=user, text=form.cleaned_data["text"]
        )
        return _("Answer sent. The board's clock runs again.")
    if action == "appeal":
        form = forms["appeal_form"] = AppealForm(request.POST)
        if not form.is_valid():
            return False
        services.appeal_file(
            application_id=pk, applicant=user, grounds=form.cleaned_data["grounds"]
        )
        return _("Appeal filed. A different board reviewer will decide it.")
    raise ValidationError(_("Unknown action."))


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise PermissionDenied from None


def _detail_context(application: Application, forms: dict) -> dict:
    policy = _policy(application)
    appeal = getattr(application, "appeal", None)
    denied_on = (
        timezone.localdate(application.decided_at)
        if application.status == Application.Status.DENIED and application.decided_at
        else None
    )
    appeal_until = None
    if denied_on and policy and appeal is None:
        appeal_until = services.rules.appeal_deadline(
            denied_on=denied_on, window_days=policy.appeal_days
        )
    return {
        "application": application,
        "policy": policy,
        "required_documents": policy.required_documents() if policy else [],
        "documents": list(application.documents.all()),
        "referees": list(application.referees.all()),
        "events": list(application.events.select_related(None)),
        "problems": services.submission_problems(application, policy)
        if policy and application.editable
        else [],
        "appeal": appeal,
        "appeal_until": appeal_until,
        "appeal_open": appeal_until is not None and timezone.localdate() <= appeal_until,
        "due": selectors.deadline(application),
        "certificate": Certificate.objects.filter(
            holder_id=application.applicant_id, version_id=application.version_id
        )
        .order_by("-requested_at")
        .first(),
        **forms,
    }


def _serve(file, content_type: str):
    response = FileResponse(file.open("rb"), content_type=content_type or "application/pdf")
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)


@login_required
@require_GET
def document(request, document_id: int):
    """The applicant's own document, or any to a board reviewer."""
    found = ApplicationDocument.objects.select_related("application").filter(pk=document_id).first()
    if found is None or not found.file:
        raise Http404
    if found.application.applicant_id != request.user.pk and not services.is_board_reviewer(
        request.user
    ):
        raise Http404
    return _serve(found.file, found.content_type)


# --- the referee -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@body_limit(services.MAX_DOCUMENT_BYTES)
def letter(request, token: str):
    """A referee's letter form, opened by their one-use link. An invalid, expired or used link
    gets a page that says which (never a 5xx); nothing about the application but the
    applicant's name and the program."""
    try:
        referee = services.referee_for_token(token)
    except ValidationError as error:
        return no_store(
            render(
                request,
                "applications/letter_unavailable.html",
                {"message": _messages_of(error)},
                # Gone: a real link that was used or has expired; else not found.
                status=410 if error.code in ("used", "expired") else 404,
            )
        )
    form = LetterForm()
    status = 200
    if request.method == "POST":
        form = LetterForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.letter_submit(
                    token=token, text=form.cleaned_data["text"], uploaded=form.cleaned_data["file"]
                )
            except ValidationError as error:
                _onto_form(form, error, aliases={"letter_file": "file"})
            else:
                return no_store(render(request, "applications/letter_thanks.html", {}))
        status = 400
    response = render(
        request,
        "applications/letter.html",
        {
            "form": form,
            "referee": referee,
            "applicant_name": referee.application.applicant.get_full_name(),
            "program": referee.application.version.program,
        },
        status=status,
    )
    # The token is in the URL: never sent to another site. (Not "no-referrer": the browser
    # would then post the form with Origin: null, which the CSRF check refuses.)
    response["Referrer-Policy"] = "same-origin"
    return no_store(response)


# --- the board -------------------------------------------------------------------------------


def _board(request) -> None:
    if not services.is_board_reviewer(request.user):
        raise Http404


@login_required
@require_GET
def queue(request):
    _board(request)
    rows = selectors.board_queue()
    return no_store(
        render(
            request,
            "applications/queue.html",
            {
                "rows": rows,
                "overdue": sum(1 for row in rows if row.overdue),
                "appeals": list(selectors.appeals_waiting()),
                "today": timezone.localdate(),
            },
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, application_id: int):
    _board(request)
    application = (
        Application.objects.select_related(
            "applicant", "version__program", "version__application_policy"
        )
        .filter(pk=application_id)
        .exclude(status=Application.Status.DRAFT)
        .first()
    )
    if application is None or application.applicant_id == request.user.pk:
        raise Http404
    policy = _policy(application)
    reasons = list(policy.denial_reasons.all()) if policy else []
    decision_form = DecisionForm(reasons=reasons)
    appeal_form = AppealDecisionForm()
    exam_form = ExamApprovalForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "decide":
                decision_form = DecisionForm(request.POST, reasons=reasons)
                if decision_form.is_valid():
                    done = _decide(request, application, decision_form.cleaned_data)
                else:
                    done = False
            elif action == "appeal":
                appeal_form = AppealDecisionForm(request.POST)
                done = appeal_form.is_valid() and _decide_appeal(
                    request, application, appeal_form.cleaned_data
                )
            elif action == "exam":
                exam_form = ExamApprovalForm(request.POST)
                done = exam_form.is_valid() and _approve_exam(
                    request, application, exam_form.cleaned_data
                )
            else:
                raise ValidationError(_("Unknown action."))
        except (ValidationError, PermissionDenied) as error:
            text = _messages_of(error) if isinstance(error, ValidationError) else str(error)
            messages.error(request, text or _("Not allowed."))
            done = False
        if done:
            messages.success(request, done)
            return redirect("applications:review", application_id=application.pk)
        status = 400
        application.refresh_from_db()
    return no_store(
        render(
            request,
            "applications/review.html",
            {
                "application": application,
                "policy": policy,
                "documents": list(application.documents.all()),
                "referees": list(application.referees.all()),
                "events": list(application.events.select_related("actor")),
                "checklist": checklist_for(
                    trainee=application.applicant, version=application.version
                ),
                "due": selectors.deadline(application),
                "appeal": getattr(application, "appeal", None),
                "eligibility": getattr(application, "exam_eligibility", None),
                "decision_form": decision_form,
                "appeal_form": appeal_form,
                "exam_form": exam_form,
            },
            status=status,
        )
    )


def _decide(request, application, data) -> str:
    decision = data["decision"]
    if decision == "info":
        services.request_information(
            application_id=application.pk, reviewer=request.user, text=data["text"]
        )
        return _("More information requested; the clock is stopped until the applicant answers.")
    services.application_decide(
        application_id=application.pk,
        reviewer=request.user,
        approve=decision == "approve",
        reason_ids=data["reasons"],
        text=data["text"],
    )
    return _("Approved.") if decision == "approve" else _("Denied.")


def _decide_appeal(request, application, data) -> str:
    services.appeal_decide(
        application_id=application.pk,
        reviewer=request.user,
        grant=data["outcome"] == "grant",
        text=data["text"],
    )
    return _("Appeal decided.")


def _approve_exam(request, application, data) -> str:
    services.exam_approve(
        application_id=application.pk, reviewer=request.user, candidate_id=data["candidate_id"]
    )
    return _("Approved to sit the exam.")


@login_required
@require_GET
def letter_file(request, referee_id: int):
    """A referee's uploaded letter: board reviewers only (never the applicant)."""
    _board(request)
    referee = Referee.objects.select_related("application").filter(pk=referee_id).first()
    if (
        referee is None
        or not referee.letter_file
        or referee.application.applicant_id == request.user.pk
    ):
        raise Http404
    return _serve(referee.letter_file, referee.content_type)


@login_required
@require_http_methods(["GET", "POST"])
@body_limit(MAX_IMPORT_BYTES)
def exam_import(request):
    _board(request)
    form = ExamImportForm()
    errors: list[tuple[int, str]] = []
    status = 200
    if request.method == "POST":
        form = ExamImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            raw = upload.read(MAX_IMPORT_BYTES + 1)
            try:
                if len(raw) > MAX_IMPORT_BYTES:
                    raise ValidationError(_("The file is larger than 1 MB."))
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                form.add_error("file", _("The file is not UTF-8 text (save it as CSV UTF-8)."))
            except ValidationError as error:
                form.add_error("file", _messages_of(error))
            else:
                try:
                    batch = services.exam_results_import(text=text, actor=request.user)
                except services.ImportRejected as error:
                    errors = error.lines
                else:
                    messages.success(
                        request,
                        _("%(count)d results imported.") % {"count": batch.rows},
                    )
                    return redirect(reverse("applications:exam_import"))
        status = 400
    return no_store(
        render(
            request,
            "applications/exam_import.html",
            {"form": form, "errors": errors},
            status=status,
        )
    )
