"""/complaints/: the public intake form, and the ethics committee's cases.

The intake is open to anyone and rate-limited per client; what is sent is never shown back
(the thank-you page is the same for everyone). Cases open only for members of the ethics
committee role — not for other staff, not for superusers outside the committee — because the
investigation notes and the complainant's contact are theirs alone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.http import no_store
from core.ratelimit import ratelimit

from . import forms, policy, services
from .models import Complaint
from .selectors import cases_for_committee


@ratelimit("complaint", rate_setting="RATELIMIT_COMPLAINTS", methods=("POST",))
def complaint_new(request):
    form = forms.ComplaintForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if form.cleaned_data.get("website"):
                # A bot filled the hidden field: the same answer, nothing kept.
                return redirect("discipline:received")
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            services.complaint_submit(**data)
            return redirect("discipline:received")
        status = 400
    return no_store(render(request, "discipline/complaint_new.html", {"form": form}, status=status))


def complaint_received(request):
    return render(request, "discipline/complaint_received.html")


def _committee(request) -> None:
    services.require_committee(request.user)  # PermissionDenied (403) for anyone else


@login_required
def case_list(request):
    _committee(request)
    return no_store(render(request, "discipline/case_list.html", {"cases": cases_for_committee()}))


ACTIONS = {
    "link": forms.LinkCertificateForm,
    "sections": forms.SectionsForm,
    "note": forms.NoteForm,
    "move": forms.MoveForm,
    "hearing": forms.HearingForm,
    "sanction": forms.SanctionForm,
    "close": forms.CloseForm,
}


def _apply(action: str, case: Complaint, actor, data: dict):
    if action == "link":
        return services.case_link_certificate(case_id=case.pk, actor=actor, **data)
    if action == "sections":
        return services.case_set_sections(
            case_id=case.pk, actor=actor, sections=list(data["sections"])
        )
    if action == "note":
        return services.note_add(case_id=case.pk, actor=actor, **data)
    if action == "move":
        return services.case_move(case_id=case.pk, actor=actor, **data)
    if action == "hearing":
        return services.hearing_record(case_id=case.pk, actor=actor, **data)
    if action == "sanction":
        return services.sanction_add(case_id=case.pk, actor=actor, **data)
    if action == "close":
        return services.case_close(case_id=case.pk, actor=actor, **data)
    raise Http404


@login_required
def case_detail(request, case_id: int):
    _committee(request)
    case = (
        Complaint.objects.select_related("certificate__version__program__body")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    bound = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "withdraw":
            try:
                services.sanction_withdraw(
                    sanction_id=int(request.POST.get("sanction", "0") or 0), actor=request.user
                )
            except (ValidationError, ValueError, case.sanctions.model.DoesNotExist):
                messages.error(request, _("That sanction cannot be set aside."))
            return redirect("discipline:case", case_id=case.pk)
        form_class = ACTIONS.get(action)
        if form_class is None:
            raise Http404
        form = form_class(request.POST, prefix=action)
        if form.is_valid():
            try:
                _apply(action, case, request.user, form.cleaned_data)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(request, _("Case updated."))
                return redirect("discipline:case", case_id=case.pk)
        bound[action] = form
        status = 400
    context = {
        "case": case,
        "notes": case.notes.select_related("author"),
        "hearings": case.hearings.all(),
        "sanctions": case.sanctions.select_related("public_action"),
        "next_steps": [
            (value, label)
            for value, label in Complaint.Step.choices
            if value in policy.next_steps(case.step) and value != Complaint.Step.CLOSED
        ],
        "policy": services.policy_for(case) if case.certificate_id else None,
    }
    for action, form_class in ACTIONS.items():
        if action in bound:
            context[f"{action}_form"] = bound[action]
        elif action == "sections":
            context["sections_form"] = form_class(
                prefix=action, initial={"sections": case.sections_alleged.all()}
            )
        else:
            context[f"{action}_form"] = form_class(prefix=action)
    if case.certificate_id:
        context["sections_form"].fields["sections"].queryset = (
            context["sections_form"]
            .fields["sections"]
            .queryset.filter(body_id=case.certificate.version.program.body_id)
        )
    return no_store(render(request, "discipline/case_detail.html", context, status=status))
