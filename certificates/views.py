from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import no_store
from courses.framework import reader_language

from . import provisional, services, stages
from .forms import (
    AttestationForm,
    CertificatePdfLanguageForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    SupervisionEntryForm,
    SupervisionReviewForm,
)
from .keys import get_issuer_keys, revocation_lists
from .models import (
    Certificate,
    CertificatePdf,
    ProgramVersion,
    ProvisionalExtensionRequest,
    SupervisionEntry,
)
from .selectors import (
    checklist_for,
    holder_certificates,
    sign_off_blockers,
    supervision_log_entries,
    supervision_totals,
    versions_pursued_by,
)

# Entries on one page of the supervised-hours log: a year of weekly shifts is five pages.
LOG_PAGE_SIZE = 25

# --- trainee -------------------------------------------------------------------------------


def _programs(user, *, attest_errors: dict[int, list[str]] | None = None) -> list[dict]:
    """Each program the user pursues, with its checklist and, for each attestation still to
    give, the statement as the reader's language has it (and any error from attesting it)."""
    language = reader_language()
    attest_errors = attest_errors or {}
    programs = []
    for version in versions_pursued_by(user):
        checklist = checklist_for(trainee=user, version=version)
        statements = {
            f"attestation:{row.pk}": row.in_language(language)
            | {"pk": row.pk, "errors": attest_errors.get(row.pk, [])}
            for row in version.attestation_requirements.all()
        }
        programs.append(
            {
                "version": version,
                "checklist": checklist,
                # Each requirement with, for an attestation, the statement to read and attest.
                "checks": [(item, statements.get(item.key)) for item in checklist.items],
                "certificate": Certificate.objects.filter(holder=user, version=version)
                .order_by("-cycle", "-reissue")
                .first(),
            }
        )
    return programs


def _overview(request, *, status: int = 200, attest_errors=None):
    return render(
        request,
        "certificates/overview.html",
        {
            "programs": _programs(request.user, attest_errors=attest_errors),
            "certificates": holder_certificates(user=request.user),
        },
        status=status,
    )


@login_required
def certification_overview(request):
    return _overview(request)


@login_required
@require_POST
def attest(request, version_id: int):
    version = get_object_or_404(ProgramVersion.objects.in_effect(), pk=version_id)
    form = AttestationForm(request.POST)
    requirement = (
        version.attestation_requirements.filter(pk=request.POST.get("statement")).first()
        if str(request.POST.get("statement", "")).isdigit()
        else None
    )
    if requirement is None:
        messages.error(
            request,
            _("That statement is not part of this program any more; read the current one below."),
        )
        return redirect("certificates:overview")
    if not form.is_valid():
        # A hash that is not one: the words the form claims to show are not any statement's.
        return _overview(
            request,
            status=400,
            attest_errors={requirement.pk: [e for errors in form.errors.values() for e in errors]},
        )
    if not form.cleaned_data["agree"]:
        shown = requirement.in_language(reader_language())
        messages.error(
            request, _("Tick the box to confirm “%(title)s”.") % {"title": shown["title"]}
        )
        return redirect("certificates:overview")
    try:
        services.attestation_create(
            trainee=request.user,
            requirement=requirement,
            sha256=form.cleaned_data["sha256"] or None,
        )
    except ValidationError as error:
        # Words changed since the page was shown, or a forged hash: nothing is recorded, and
        # the statement is shown again, as it reads now, with the reason next to its box.
        return _overview(
            request, status=400, attest_errors={requirement.pk: error.message_dict["sha256"]}
        )
    messages.success(request, _("Thank you. Your attestation is recorded."))
    return redirect("certificates:overview")


@login_required
def supervision_log(request):
    supervisors = services.supervisors().exclude(pk=request.user.pk)
    form = SupervisionEntryForm(request.POST or None, supervisors=supervisors)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_entry_create(trainee=request.user, **form.entry_fields())
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                if field == "minutes":
                    field = "duration_hours"
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("Entry saved. Your supervisor will be asked to sign it off.")
            )
            return redirect("certificates:supervision")
    entries = Paginator(supervision_log_entries(trainee=request.user), LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "certificates/supervision_log.html",
        {
            "form": form,
            "entries": entries,
            "totals": supervision_totals(trainee=request.user),
        },
    )


@login_required
@require_POST
def supervision_delete(request, entry_id: int):
    try:
        services.supervision_entry_delete(entry_id=entry_id, trainee=request.user)
    except SupervisionEntry.DoesNotExist as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("certificates:supervision")


@login_required
def supervision_queue(request):
    pending = list(
        SupervisionEntry.objects.filter(
            supervisor=request.user, status=SupervisionEntry.Status.PENDING
        ).select_related("trainee", "domain")
    )
    if not pending and not services.supervisors().filter(pk=request.user.pk).exists():
        raise PermissionDenied
    # Shown before the supervisor tries: their credential on file on the entry's date.
    blockers = sign_off_blockers(pending)
    for entry in pending:
        entry.blocker = blockers.get(entry.pk)
    return render(
        request,
        "certificates/supervision_queue.html",
        {
            "entries": pending,
            "form": SupervisionReviewForm(),
        },
    )


@login_required
@require_POST
def supervision_review(request, entry_id: int):
    form = SupervisionReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose sign off or return."))
        return redirect("certificates:supervision_queue")
    try:
        services.supervision_entry_review(
            entry_id=entry_id,
            supervisor=request.user,
            approve=form.cleaned_data["decision"] == "sign",
            reason=form.cleaned_data["reason"],
        )
    except SupervisionEntry.DoesNotExist as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Entry updated."))
    return redirect("certificates:supervision_queue")


@login_required
@require_POST
def certificate_pdf(request, certificate_id: int):
    """The holder's certificate PDF in the language they chose on "My certificates": the issued
    file when it is in that language, otherwise a second signed file made for them (kept, so a
    second request gets the same bytes). Both verify; neither supersedes the other."""
    # Someone else's certificate is not there, whatever was posted.
    certificate = get_object_or_404(
        Certificate.objects.only("serial"), pk=certificate_id, holder=request.user
    )
    form = CertificatePdfLanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _(services.PDF_LANGUAGE_UNKNOWN))
        return redirect("certificates:overview")
    language = form.cleaned_data["language"]
    try:
        name, _digest = services.certificate_pdf_in_language(
            certificate_id=certificate_id, holder=request.user, language=language
        )
    except Certificate.DoesNotExist as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("certificates:overview")
    response = FileResponse(
        CertificatePdf._meta.get_field("pdf").storage.open(name, "rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{certificate.serial}-{language}.pdf",
    )
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def relinquish(request, certificate_id: int):
    """The holder gives their own certificate up: a page that says what it means, a box to
    tick, and only then the change."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("version__program"),
        pk=certificate_id,
        holder=request.user,
    )
    error = None
    if request.method == "POST":
        try:
            services.certificate_relinquish(
                certificate_id=certificate.pk,
                holder=request.user,
                confirmed=request.POST.get("confirm") == "yes",
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Your certificate is now recorded as relinquished."))
            return redirect("certificates:overview")
    return render(
        request,
        "certificates/relinquish.html",
        {"certificate": certificate, "error": error},
        status=400 if error else 200,
    )


# --- provisional stages: the holder asks, the board decides ---------------------------------


@login_required
def extension_request(request, certificate_id: int):
    """The holder asks for the extension their program allows, with a reason; the board
    decides. Shows a request already waiting, past decisions, or why none can be asked."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("version__program"),
        pk=certificate_id,
        holder=request.user,
        stage=Certificate.Stage.PROVISIONAL,
    )
    requests = list(certificate.extension_requests.order_by("-requested_at"))
    waiting = next((r for r in requests if r.status == r.Status.PENDING), None)
    refusal = provisional.extension_refusal(certificate)
    form = ExtensionRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                provisional.extension_request(
                    certificate_id=certificate.pk,
                    holder=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(
                    request, _("Your request is with the board. You will get an e-mail.")
                )
                return redirect("certificates:overview")
        status = 400
    rules = services.stage_rules(certificate.version)
    return no_store(
        render(
            request,
            "certificates/extension_request.html",
            {
                "certificate": certificate,
                "form": form,
                "waiting": waiting,
                "decided": [r for r in requests if r is not waiting],
                "refusal": _(refusal) if refusal else "",
                "extension_months": rules.each_extension_months,
            },
            status=status,
        )
    )


def _board_only(request) -> None:
    if not provisional.is_board_reviewer(request.user):
        raise Http404


@login_required
def provisional_queue(request):
    """The board's provisional stages: extension requests to decide, and every provisional
    certificate in force, those whose holders now meet the full credential first."""
    _board_only(request)
    rows = [
        row
        for row in provisional.provisional_rows()
        if row.certificate.holder_id != request.user.pk
    ]
    return no_store(
        render(
            request,
            "certificates/provisional_queue.html",
            {
                "requests": provisional.pending_extension_requests().exclude(
                    certificate__holder=request.user
                ),
                "ready": [row for row in rows if row.ready],
                "not_ready": [row for row in rows if not row.ready],
            },
        )
    )


@login_required
def extension_decide(request, request_id: int):
    _board_only(request)
    extension = get_object_or_404(
        ProvisionalExtensionRequest.objects.select_related(
            "certificate__holder", "certificate__version__program", "decided_by"
        ).exclude(certificate__holder=request.user),
        pk=request_id,
    )
    certificate = extension.certificate
    form = ExtensionDecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                provisional.extension_decide(
                    request_id=extension.pk,
                    reviewer=request.user,
                    approve=form.cleaned_data["decision"] == "approve",
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("Extension approved.")
                    if form.cleaned_data["decision"] == "approve"
                    else _("Extension declined."),
                )
                return redirect("certificates:provisional_queue")
        status = 400
    rules = services.stage_rules(certificate.version)
    refusal = provisional.extension_refusal(certificate)
    return no_store(
        render(
            request,
            "certificates/extension_decide.html",
            {
                "extension": extension,
                "certificate": certificate,
                "form": form,
                "refusal": _(refusal) if refusal else "",
                "new_expiry": None
                if refusal
                else stages.extended_expiry(expires_on=certificate.expires_on, rules=rules),
            },
            status=status,
        )
    )


@login_required
def provisional_convert(request, certificate_id: int):
    """The full credential for a provisional certificate whose holder now meets the rest."""
    _board_only(request)
    certificate = get_object_or_404(
        Certificate.objects.select_related("holder", "version__program").exclude(
            holder=request.user
        ),
        pk=certificate_id,
        stage=Certificate.Stage.PROVISIONAL,
    )
    checklist = checklist_for(trainee=certificate.holder, version=certificate.version)
    error = ""
    if request.method == "POST":
        try:
            new = provisional.conversion_decide(
                certificate_id=certificate.pk, reviewer=request.user
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _(
                    "The full credential %(serial)s is being issued; it replaces the "
                    "provisional certificate once it is ready."
                )
                % {"serial": new.serial},
            )
            return redirect("certificates:provisional_queue")
    return no_store(
        render(
            request,
            "certificates/provisional_convert.html",
            {
                "certificate": certificate,
                "checklist": checklist,
                "successor": getattr(certificate, "superseded_by", None),
                "error": error,
            },
            status=400 if error else 200,
        )
    )


# --- the issuer (public) --------------------------------------------------------------------


def issuer_ca_pem(request):
    try:
        keys = get_issuer_keys(settings.ISSUER_KEY_DIR)
    except Exception as error:
        raise Http404(_("The issuer has no keys yet.")) from error
    response = HttpResponse(keys.root_cert_pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = 'inline; filename="peercert-root-ca.pem"'
    return response


def issuer_crl(request, root_id: str):
    """Our root's certificate revocation list (RFC 5280, DER), named in every certificate we
    issue. Public and cacheable until the hourly re-signing."""
    try:
        crl = revocation_lists(settings.ISSUER_KEY_DIR).get(root_id)
    except Exception as error:
        raise Http404(_("The issuer has no keys yet.")) from error
    if crl is None:
        raise Http404(_("No revocation list by that name."))
    response = HttpResponse(crl, content_type="application/pkix-crl")
    response["Cache-Control"] = "public, max-age=3600"
    return response
