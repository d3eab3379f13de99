from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .pdfcheck import MAX_UPLOAD_BYTES, looks_like_pdf

EMPTY_FILE = _("The file is empty. Choose the certificate PDF you received.")
TOO_LARGE = _("The file is larger than %(limit)s; a PeerCert certificate is much smaller.")
NOT_A_PDF = _("This file is not a PDF. Choose the certificate PDF (a file ending in .pdf).")
NO_FILE = _("Choose a PDF file to check.")


class VerifyLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=80,
        help_text=_(
            "As printed on the certificate, e.g. K7QF-3M9D-… Case, spaces and dashes do not matter."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )


# Browsers send application/pdf; some mail clients and older systems label downloads as
# generic binary. The magic bytes decide; the declared type only rules out obvious non-PDFs.
ACCEPTED_CONTENT_TYPES = {
    "application/pdf",
    "application/x-pdf",
    "application/acrobat",
    "application/octet-stream",
    "binary/octet-stream",
    "",
}


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an upload past the limit, whatever Content-Length claimed, so an oversize
    body never fills memory or the temporary directory."""

    def __init__(self, request=None, limit: int = MAX_UPLOAD_BYTES):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


class PdfUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Certificate PDF"),
        error_messages={"required": NO_FILE, "empty": EMPTY_FILE},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(EMPTY_FILE, code="empty")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                TOO_LARGE, code="too_large", params={"limit": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        content_type = (upload.content_type or "").split(";")[0].strip().lower()
        if content_type not in ACCEPTED_CONTENT_TYPES:
            raise forms.ValidationError(NOT_A_PDF, code="not_pdf")
        upload.seek(0)
        head = upload.read(2048)
        if not looks_like_pdf(head):
            raise forms.ValidationError(NOT_A_PDF, code="not_pdf")
        upload.seek(0)
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                TOO_LARGE, code="too_large", params={"limit": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        self.cleaned_data["data"] = data
        return upload
