import threading

from cachetools import LRUCache
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.ratelimit import ratelimit

from . import services
from .forms import SupervisionEntryForm, SupervisionReviewForm, VerifyLookupForm
from .models import Certificate, ProgramVersion, SupervisionEntry, normalise_code
from .selectors import (
    checklist_for,
    holder_certificates,
    public_events,
    public_page,
    supervision_totals,
    versions_pursued_by,
)


def _no_store(response):
    response["Cache-Control"] = "no-store, private"
    return response


# --- trainee -------------------------------------------------------------------------------


@login_required
def certification_overview(request):
    programs = []
    for version in versions_pursued_by(request.user):
        checklist = checklist_for(trainee=request.user, version=version)
        statements = {
            f"attestation:{row.pk}": row for row in version.attestation_requirements.all()
        }
        programs.append(
            {
                "version": version,
                "checklist": checklist,
                # Each requirement with, for an attestation, the statement to read and attest.
                "checks": [(item, statements.get(item.key)) for item in checklist.items],
                "certificate": Certificate.objects.filter(holder=request.user, version=version)
                .order_by("-cycle", "-reissue")
                .first(),
            }
        )
    return _no_store(
        render(
            request,
            "certificates/overview.html",
            {
                "programs": programs,
                "certificates": holder_certificates(user=request.user),
            },
        )
    )


@login_required
@require_POST
def attest(request, version_id: int):
    version = get_object_or_404(ProgramVersion.objects.in_effect(), pk=version_id)
    requirement = version.attestation_requirements.filter(
        pk=request.POST.get("statement")
        if str(request.POST.get("statement", "")).isdigit()
        else None
    ).first()
    if requirement is None:
        messages.error(
            request,
            _("That statement is not part of this program any more; read the current one below."),
        )
    elif request.POST.get("agree") != "yes":
        messages.error(
            request, _("Tick the box to confirm “%(title)s”.") % {"title": requirement.title}
        )
    else:
        services.attestation_create(trainee=request.user, requirement=requirement)
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
            messages.success(
                request, _("Entry saved. Your supervisor will be asked to sign it off.")
            )
            return redirect("certificates:supervision")
    entries = SupervisionEntry.objects.filter(trainee=request.user).select_related(
        "domain", "supervisor"
    )
    return _no_store(
        render(
            request,
            "certificates/supervision_log.html",
            {
                "form": form,
                "entries": entries,
                "totals": supervision_totals(trainee=request.user),
            },
        )
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
    pending = SupervisionEntry.objects.filter(
        supervisor=request.user, status=SupervisionEntry.Status.PENDING
    ).select_related("trainee", "domain")
    if not pending.exists() and not services.supervisors().filter(pk=request.user.pk).exists():
        raise PermissionDenied
    return _no_store(
        render(
            request,
            "certificates/supervision_queue.html",
            {
                "entries": pending,
                "form": SupervisionReviewForm(),
            },
        )
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
    response = render(
        request,
        "certificates/verify_lookup.html",
        {"form": form, "not_found": not_found},
        status=404 if not_found else 200,
    )
    return _public_headers(response)


# The rendered page is reused only while everything it prints is unchanged: the row is read
# live on every request (one query) and its fingerprint is the cache key, so a revocation shows
# on the very next request. Only the "checked at" time differs per visit. The cache is per
# process: a key can never go stale, so sharing it (a Redis round trip per visit) would only
# add latency, and each process renders a page at most once per change.
_CHECKED_AT = "\x00checked-at\x00"
_rendered_pages: LRUCache = LRUCache(maxsize=1024)  # ~10 MB at most
_rendered_pages_lock = threading.Lock()


def _checked_at_text() -> str:
    return date_format(timezone.localtime(), "j F Y, H:i e")


def _render_verify_page(request, page, *, checked_at: str) -> str:
    return render_to_string(
        "certificates/verify_detail.html",
        {
            "certificate": page,
            "status": page.public_status,
            "public_events": public_events(page.code) if page.last_public_event_id else [],
            "supersedes": page.supersedes,
            "superseded_by": page.superseded_by,
            "checked_at": checked_at,
            "issuer_name": settings.PEERCERT_ISSUER_NAME,
        },
        request=request,
    )


def _same_for_every_visitor(request) -> bool:
    # Signed-in visitors see their own navigation (and a CSRF token); pending messages are theirs.
    return not request.user.is_authenticated and not len(messages.get_messages(request))


@ratelimit("verify-page", rate_setting="RATELIMIT_VERIFY_PAGE")
@never_cache
def verify_detail(request, code: str):
    normalised = normalise_code(code)
    if normalised != code:
        return redirect("verify_detail", code=normalised)
    page = public_page(code)
    if page is None:
        raise Http404(_("No certificate has this code."))
    if not _same_for_every_visitor(request):
        html = _render_verify_page(request, page, checked_at=_checked_at_text())
        return _public_headers(HttpResponse(html))
    key = (get_language(), page.fingerprint())
    with _rendered_pages_lock:
        html = _rendered_pages.get(key)
    if html is None:
        html = _render_verify_page(request, page, checked_at=_CHECKED_AT)
        with _rendered_pages_lock:
            _rendered_pages[key] = html
    return _public_headers(HttpResponse(html.replace(_CHECKED_AT, escape(_checked_at_text()))))


def verify_pdf_download(request, code: str):
    certificate = _public_certificate(code)
    if not certificate.pdf:
        raise Http404(_("The PDF is not available."))
    response = FileResponse(
        certificate.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"{certificate.serial}.pdf",
    )
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
    return render(
        request,
        "certificates/issuer.html",
        {
            "issuer_name": settings.PEERCERT_ISSUER_NAME,
            "ca_url": reverse("issuer_ca"),
            "site_url": settings.SITE_URL,
        },
    )
