from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from core.ratelimit import ratelimit

from .forms import TOO_LARGE, PdfUploadForm, SizeLimitUploadHandler
from .pdfcheck import MAX_UPLOAD_BYTES, check_pdf

# Multipart overhead (boundaries, headers) on top of the file itself.
_BODY_SLACK = 64 * 1024


def _no_store(response):
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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
        return _no_store(_json(form, report, status))
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
    return _no_store(response)


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
