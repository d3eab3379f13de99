"""The public /verify/ pages: look a code up, a certificate's live page and its signed PDF, and
the check of a PDF someone holds. No account needed; every answer is read live and never
cached (a revocation shows on the very next request) and stays out of search engines."""

import threading

from cachetools import LRUCache
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from certificates.models import Certificate, normalise_code
from certificates.selectors import public_events, public_page
from core.http import no_store
from core.ratelimit import ratelimit
from payers.selectors import billable_for, latest_as_of
from payers.selectors import summary as billable_summary

from .forms import TOO_LARGE, PdfUploadForm, SizeLimitUploadHandler, VerifyLookupForm
from .models import VerificationReport
from .pdfcheck import MAX_UPLOAD_BYTES, check_pdf

# Multipart overhead (boundaries, headers) on top of the file itself.
_BODY_SLACK = 64 * 1024


def _public(response):
    return no_store(response, noindex=True)


# --- a code: look it up, its page, its PDF -----------------------------------------------------


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
        "verification/verify_lookup.html",
        {"form": form, "not_found": not_found},
        status=404 if not_found else 200,
    )
    return _public(response)


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


def _render_verify_page(request, page, *, checked_at: str, billable) -> str:
    return render_to_string(
        "verification/verify_detail.html",
        {
            "certificate": page,
            "status": page.public_status,
            "public_events": public_events(page.code) if page.last_public_event_id else [],
            "supersedes": page.supersedes,
            "superseded_by": page.superseded_by,
            "checked_at": checked_at,
            "issuer_name": settings.PEERCERT_ISSUER_NAME,
            "billable_in": billable,
            "billable_as_of": latest_as_of(billable),
            "billable_states": billable_summary(billable),
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
    if not normalised or not normalised.isascii():
        # Nothing left of it ("-", " ", "..."), or letters no code has: not one of ours, and
        # there is no page to send it to.
        raise Http404(_("No certificate has this code."))
    if normalised != code:
        return redirect("verify_detail", code=normalised)
    page = public_page(code)
    if page is None:
        raise Http404(_("No certificate has this code."))
    # Read from memory (payers.selectors), so the page still costs one query.
    billable = tuple(
        billable_for(
            status=page.public_status,
            program_name=page.program_name,
            stage=getattr(page, "stage", "") or "",
            endorsements=[e["code"] for e in getattr(page, "endorsements_shown", None) or ()],
        )
    )
    if not _same_for_every_visitor(request):
        html = _render_verify_page(request, page, checked_at=_checked_at_text(), billable=billable)
        return _public(HttpResponse(html))
    key = (get_language(), page.fingerprint(), billable)
    with _rendered_pages_lock:
        html = _rendered_pages.get(key)
    if html is None:
        html = _render_verify_page(request, page, checked_at=_CHECKED_AT, billable=billable)
        with _rendered_pages_lock:
            _rendered_pages[key] = html
    return _public(HttpResponse(html.replace(_CHECKED_AT, escape(_checked_at_text()))))


# As rate-limited as the page it is linked from (the same RATELIMIT_VERIFY_PAGE, its own count).
@ratelimit("verify-pdf-download", rate_setting="RATELIMIT_VERIFY_PAGE")
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
    return _public(response)


# --- a PDF someone holds -----------------------------------------------------------------------


@csrf_exempt  # CSRF is checked in _verify_pdf, after the upload handler is in place
@ratelimit("verify-pdf", rate_setting="RATELIMIT_VERIFY_PDF", methods=("POST",))
def verify_pdf(request):
    """Upload a certificate PDF: genuine, altered, unknown or not ours, plus its live status."""
    if request.method == "POST":
        # Upload handlers can only change before the body is read, hence csrf_exempt above
        # (CsrfViewMiddleware would read the body first) and csrf_protect below.
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
    return _verify_pdf(request)


@csrf_protect
def _verify_pdf(request):
    report = None
    status = 200
    if request.method == "POST":
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > MAX_UPLOAD_BYTES + _BODY_SLACK:
            form = _too_large_form()
        else:
            form = PdfUploadForm(request.POST, request.FILES)
            if getattr(request, "upload_too_large", False):
                form = _too_large_form()
            elif form.is_valid():
                report = check_pdf(form.cleaned_data["data"])
        if report is None:
            status = 400
    else:
        form = PdfUploadForm()
    if request.headers.get("Accept", "").startswith("application/json"):
        return _public(_json(form, report, status))
    response = render(
        request,
        "verification/verify_pdf.html",
        {
            "form": form,
            "report": report,
            "checked_at": timezone.now(),
            "max_size": MAX_UPLOAD_BYTES,
        },
        status=status,
    )
    return _public(response)


def _too_large_form() -> PdfUploadForm:
    form = PdfUploadForm(data={}, files={})
    form.full_clean()
    form.errors.clear()
    form.add_error("file", TOO_LARGE % {"limit": filesizeformat(MAX_UPLOAD_BYTES)})
    return form


def _json(form, report, status):
    if report is None:
        errors = [str(e) for e in form.errors.get("file", [])] or [_("Upload a PDF.")]
        return JsonResponse({"message": " ".join(errors), "detail": errors}, status=status)
    return JsonResponse(
        {
            "verdict": report.verdict,
            "reason": report.reason,
            "sha256": report.sha256,
            "signature": None
            if report.signature is None
            else {
                "ok": report.signature.ok,
                "message": report.signature.message,
                "intact": report.signature.intact,
                "trusted": report.signature.trusted,
                "covers_whole_file": report.signature.covers_whole_file,
            },
            "certificate": None
            if report.record is None
            else {
                "code": report.record.display_code,
                "serial": report.record.serial,
                **report.record.as_api(),
            },
        },
        status=status,
    )


# --- a verification report's own check -----------------------------------------------------------


@ratelimit("verify-report", rate_setting="RATELIMIT_VERIFY_PAGE")
@never_cache
def report_detail(request, report_id: str):
    """Is this report genuine: what it recorded, for whom and when, and whether the
    certificate's status has changed since. Its id has as many random bits as a code."""
    normalised = normalise_code(report_id)
    if not normalised or not normalised.isascii():
        raise Http404(_("No report has this id."))
    if normalised != report_id:
        return redirect("verify_report", report_id=normalised)
    report = (
        VerificationReport.objects.select_related("certificate")
        .filter(report_id=normalised)
        .first()
    )
    if report is None:
        raise Http404(_("No report has this id."))
    response = render(
        request,
        "verification/report_detail.html",
        {
            "report": report,
            "s": report.snapshot,
            "status_now": report.certificate.public_status,
            "issuer_name": settings.PEERCERT_ISSUER_NAME,
        },
    )
    return _public(response)
