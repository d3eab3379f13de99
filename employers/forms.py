from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .services.bulk import MAX_BULK_CODES
from .services.roster import MAX_IMPORT_ROWS
from .services.share_links import SHARE_RESULTS_NEED_TRANSCRIPT
from .webhooks import EVENT_LABELS

MAX_CSV_BYTES = 1024 * 1024


class RosterAddForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    label = forms.CharField(label=_("Your reference (optional)"), max_length=100, required=False)


class BulkVerifyForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_("One code per row, or a column headed “code”. Up to %(n)s codes.")
        % {"n": MAX_BULK_CODES},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    codes = forms.CharField(
        label=_("Or paste codes, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_CSV_BYTES:
                raise forms.ValidationError(_("The file is larger than 1 MB."))
            cleaned["data"] = upload.read(MAX_CSV_BYTES + 1)
        elif cleaned.get("codes", "").strip():
            cleaned["data"] = cleaned["codes"].encode("utf-8")
        else:
            raise forms.ValidationError(_("Choose a CSV file or paste some codes."))
        return cleaned


class RosterImportForm(BulkVerifyForm):
    """Many certificates at once: the bulk check's file-or-paste form, with a reference column."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "One code per row, with your reference in a second column if you like, or columns "
            "headed “code” and “reference”. Up to %(n)s codes."
        ) % {"n": MAX_IMPORT_ROWS}
        self.fields["file"].widget.attrs["id"] = "id_import_file"
        self.fields["codes"].label = _("Or paste codes, one per line (a reference after a comma)")
        self.fields["codes"].widget.attrs["id"] = "id_import_codes"


class ApiKeyCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What will use this key, e.g. “HR system”.")
    )


EXPIRY_CHOICES = [
    ("7", _("in 7 days")),
    ("30", _("in 30 days")),
    ("90", _("in 90 days")),
    ("365", _("in a year")),
    ("", _("never (until I revoke it)")),
]


class ShareLinkCreateForm(forms.Form):
    label = forms.CharField(
        label=_("Label (for you)"),
        max_length=100,
        required=False,
        help_text=_("e.g. the employer's name."),
    )
    employer_email = forms.EmailField(
        label=_("Only for this employer account (optional)"),
        required=False,
        help_text=_(
            "The e-mail address the employer signs in to PeerCert with. Leave empty "
            "to let anyone with the link see it."
        ),
    )
    expires = forms.ChoiceField(
        label=_("Link stops working"), choices=EXPIRY_CHOICES, initial="30", required=False
    )
    include_transcript = forms.BooleanField(
        label=_("Include my transcript"),
        required=False,
        help_text=_(
            "Completed courses and modules, and continuing education by cycle and category, "
            "with its PDF and CSV to download."
        ),
    )
    transcript_assessments = forms.TypedMultipleChoiceField(
        label=_("Assessment results to include in the transcript"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your best result in each one you tick. Never your answers or attempts."),
    )

    def __init__(self, *args, results: list[dict] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(row["id"], row["title"]) for row in results or []]
        if choices:
            self.fields["transcript_assessments"].choices = choices
        else:
            del self.fields["transcript_assessments"]

    def clean(self):
        cleaned = super().clean()
        days = cleaned.get("expires")
        cleaned["expires_at"] = timezone.now() + timedelta(days=int(days)) if days else None
        cleaned.setdefault("transcript_assessments", [])
        if cleaned.get("transcript_assessments") and not cleaned.get("include_transcript"):
            self.add_error("transcript_assessments", _(SHARE_RESULTS_NEED_TRANSCRIPT))
        return cleaned


class EmployerAccessForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The employer or agency you verify peer workers' certificates for."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I verify peer workers' certificates for hiring or supervision in this "
            "organisation, and will use what PeerCert shows me only for that."
        )
    )


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Address (https://…)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where your system receives the events. Redirects are not followed."),
    )
    description = forms.CharField(label=_("Description (optional)"), max_length=100, required=False)
    events = forms.MultipleChoiceField(
        label=_("Events"),
        required=False,
        choices=[(key, _(label)) for key, label in EVENT_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every event."),
    )
