from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from verification.ratelimit import ratelimit

from . import services
from .forms import SupervisionEntryForm, SupervisionReviewForm, VerifyLookupForm
from .models import Certificate, ProgramVersion, SupervisionEntry, normalise_code
from .selectors import checklist_for, holder_certificates, supervision_totals, versions_pursued_by


def _no_store(response):
    response["Cache-Control"] = "no-store, private"
    return response


# --- trainee -------------------------------------------------------------------------------

@login_required
def certification_overview(request):
    programs = [
        {"version": version, "checklist": checklist_for(trainee=request.user, version=version),
         "certificate": Certificate.objects.filter(holder=request.user, version=version)
         .order_by("-cycle", "-reissue").first()}
        for version in versions_pursued_by(request.user)
    ]
    return _no_store(render(request, "certificates/overview.html", {
        "programs": programs,
        "certificates": holder_certificates(user=request.user),
    }))


@login_required
@require_POST
def attest(request, version_id: int):
    version = get_object_or_404(ProgramVersion.objects.in_effect(), pk=version_id)
    if request.POST.get("agree") != "yes":
        messages.error(request, _("Tick the box to confirm you agree to the code of ethics."))
    else:
        services.attestation_create(trainee=request.user, version=version)
        messages.success(request, _("Thank you. Your attestation is recorded."))
    return redirect("certificates:overview")


@login_required
def supervision_log(request):
    supervisors = services.supervisors().exclude(pk=request.user.pk)
    form = SupervisionEntryForm(request.POST or None, supervisors=supervisors)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_entry_create(trainee=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Entry saved. Your supervisor will be asked to sign it off."))
            return redirect("certificates:supervision")
    entries = SupervisionEntry.objects.filter(trainee=request.user).select_related(
        "domain", "supervisor")
    return _no_store(render(request, "certificates/supervision_log.html", {
        "form": form, "entries": entries, "totals": supervision_totals(trainee=request.user),
    }))


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
    pending = SupervisionEntry.objects.filter(
        supervisor=request.user, status=SupervisionEntry.Status.PENDING
    ).select_related("trainee", "domain")
    if not pending.exists() and not services.supervisors().filter(pk=request.user.pk).exists():
        raise PermissionDenied
    return _no_store(render(request, "certificates/supervision_queue.html", {
        "entries": pending, "form": SupervisionReviewForm(),
    }))


@login_required
@require_POST
def supervision_review(request, entry_id: int):
    form = SupervisionReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose sign off or return."))
        return redirect("certificates:supervision_queue")
    try:
        services.supervision_entry_review(
            entry_id=entry_id, supervisor=request.user,
            approve=form.cleaned_data["decision"] == "sign", reason=form.cleaned_data["reason"])
    except SupervisionEntry.DoesNotExist as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Entry updated."))
    return redirect("certificates:supervision_queue")


# --- public verification -------------------------------------------------------------------

def _public_certificate(code: str) -> Certificate:
    normalised = normalise_code(code)
    certificate = (
        Certificate.objects.for_public_display()
        .exclude(status=Certificate.Status.PENDING)
        .filter(code=normalised)
        .first()
    )
    if certificate is None:
        raise Http404(_("No certificate has this code."))
    return certificate


def _public_headers(response):
    # A revocation must show on the very next request, and verification pages stay out of
    # search engines: they are for the person holding the paper, not for browsing.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@ratelimit("verify-lookup", rate_setting="RATELIMIT_VERIFY_PAGE")
def verify_lookup(request):
    form = VerifyLookupForm(request.GET or None)
    not_found = False
    if form.is_bound and form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if Certificate.objects.issued().filter(code=code).exists():
            return redirect("verify_detail", code=code)
        not_found = True
    response = render(request, "certificates/verify_lookup.html",
                      {"form": form, "not_found": not_found}, status=404 if not_found else 200)
    return _public_headers(response)


@ratelimit("verify-page", rate_setting="RATELIMIT_VERIFY_PAGE")
@never_cache
def verify_detail(request, code: str):
    normalised = normalise_code(code)
    if normalised != code:
        return redirect("verify_detail", code=normalised)
    certificate = _public_certificate(code)
    events = [event for event in certificate.events.all() if event.reason_public]
    chain_newer = getattr(certificate, "superseded_by", None)
    response = render(request, "certificates/verify_detail.html", {
        "certificate": certificate,
        "status": certificate.public_status,
        "public_events": events,
        "supersedes": certificate.supersedes if certificate.supersedes_id else None,
        "superseded_by": chain_newer if chain_newer and chain_newer.status != "pending" else None,
        "checked_at": timezone.now(),
        "issuer_name": settings.PEERCERT_ISSUER_NAME,
    })
    return _public_headers(response)


def verify_pdf_download(request, code: str):
    certificate = _public_certificate(code)
    if not certificate.pdf:
        raise Http404(_("The PDF is not available."))
    response = FileResponse(certificate.pdf.open("rb"), content_type="application/pdf",
                            as_attachment=False, filename=f"{certificate.serial}.pdf")
    return _public_headers(response)


def issuer_ca_pem(request):
    from .keys import get_issuer_keys

    try:
        keys = get_issuer_keys(settings.ISSUER_KEY_DIR)
    except Exception as error:
        raise Http404(_("The issuer has no keys yet.")) from error
    response = HttpResponse(keys.root_cert_pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = 'inline; filename="peercert-root-ca.pem"'
    return response


def issuer_profile(request):
    return render(request, "certificates/issuer.html", {
        "issuer_name": settings.PEERCERT_ISSUER_NAME,
        "ca_url": reverse("issuer_ca"),
        "site_url": settings.SITE_URL,
    })
