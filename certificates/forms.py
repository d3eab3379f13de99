from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import TrainingDomain

from . import lifecycle
from .models import Certificate, SupervisionEntry

MIN_MINUTES = 5
MAX_MINUTES = 16 * 60


class SupervisionEntryForm(forms.Form):
    """Deliberately no free-text field: nothing here invites details about the people served."""

    kind = forms.ChoiceField(label=_("What was it?"), choices=SupervisionEntry.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    # Hours and minutes as people read them off a timesheet ("2 h 30"), or decimal hours
    # ("2.5"); the entry stores whole minutes.
    duration_hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0,
        max_value=16,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    duration_minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=0,
        max_value=59,
        required=False,
        widget=forms.NumberInput(attrs={"step": "5", "inputmode": "numeric"}),
    )
    domain = forms.ModelChoiceField(label=_("Domain"), queryset=TrainingDomain.objects.all())
    format = forms.ChoiceField(label=_("Format"), choices=SupervisionEntry.Format.choices)
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"), queryset=None, help_text=_("Your supervisor signs the entry off.")
    )

    def __init__(self, *args, supervisors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        self.fields["supervisor"].label_from_instance = lambda user: user.get_full_name()

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        if "duration_hours" in self.errors or "duration_minutes" in self.errors:
            return cleaned
        hours = cleaned.pop("duration_hours", None) or Decimal("0")
        minutes = cleaned.pop("duration_minutes", None) or 0
        total = int((hours * 60).quantize(Decimal("1"), rounding=ROUND_HALF_UP)) + minutes
        if not MIN_MINUTES <= total <= MAX_MINUTES:
            self.add_error(
                "duration_hours",
                _("Enter how long it took: at least 5 minutes and at most 16 hours."),
            )
        else:
            cleaned["minutes"] = total
        return cleaned

    def entry_fields(self) -> dict:
        """What supervision_entry_create takes, from a valid form."""
        names = ("kind", "date", "minutes", "domain", "format", "supervisor")
        return {name: self.cleaned_data[name] for name in names}


class SupervisionReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("sign", _("Sign off")), ("reject", _("Return"))])
    reason = forms.CharField(label=_("Reason (if returned)"), max_length=300, required=False)


# What an administrator may do to a certificate in each status, in the words of the button.
STATUS_ACTIONS = {
    Certificate.Status.SUSPENDED: _("Suspend"),
    Certificate.Status.VALID: _("Reinstate (valid again)"),
    Certificate.Status.REVOKED: _("Revoke"),
    Certificate.Status.INACTIVE: _("Mark inactive (the holder is not practising)"),
    Certificate.Status.RELINQUISHED: _("Record that the holder gave it up (relinquished)"),
}


def status_actions_for(certificate: Certificate) -> list[tuple[str, str]]:
    """The changes that apply to this certificate now: "Reinstate" only for a suspended one,
    nothing for one already revoked or superseded."""
    allowed = set(lifecycle.allowed_transitions(certificate.status, by="staff"))
    version = certificate.version
    if not version.inactive_status_used:
        allowed.discard(Certificate.Status.INACTIVE)
    if not version.relinquishment_used:
        allowed.discard(Certificate.Status.RELINQUISHED)
    return [(status, label) for status, label in STATUS_ACTIONS.items() if status in allowed]


class CertificateStatusForm(forms.Form):
    """No default: the administrator picks the change, then confirms it on a page that names
    the certificate and the new status."""

    to_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason_public = forms.BooleanField(
        label=_("Show the reason on the public verification page and tell the holder"),
        required=False,
    )

    def __init__(self, *args, certificate: Certificate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = status_actions_for(certificate)


class ProvisionalExtensionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the extension (from the holder's request)"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EndorsementGrantForm(forms.Form):
    endorsement = forms.ModelChoiceField(label=_("Endorsement"), queryset=None)

    def __init__(self, *args, certificate: Certificate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["endorsement"].queryset = certificate.version.endorsements.exclude(
            pk__in=certificate.endorsement_grants.values("endorsement")
        )


class ReciprocityForm(forms.Form):
    """A transfer in from another IC&RC member board."""

    holder_email = forms.EmailField(label=_("Holder's account (e-mail)"))
    version = forms.ModelChoiceField(label=_("Program version"), queryset=None)
    original_board = forms.CharField(label=_("Original board"), max_length=200)
    original_credential = forms.CharField(label=_("Credential held there"), max_length=200)
    original_number = forms.CharField(label=_("Its credential number"), max_length=100)
    verified_on = forms.DateField(
        label=_("Verified on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence = forms.CharField(
        label=_("Verification evidence (private)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        from .models import ProgramVersion

        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = ProgramVersion.objects.in_effect().select_related(
            "program"
        )

    def clean_holder_email(self):
        from accounts.models import User

        user = User.objects.filter(email__iexact=self.cleaned_data["holder_email"]).first()
        if user is None:
            raise forms.ValidationError(_("No account has this address; ask them to sign up."))
        self.cleaned_data["holder"] = user
        return self.cleaned_data["holder_email"]


class CertificateReissueForm(forms.Form):
    holder_name = forms.CharField(label=_("Name to print"), max_length=300)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ExtensionRequestForm(forms.Form):
    """The holder's request for more provisional time."""

    reason = forms.CharField(
        label=_("Why you need more time"),
        help_text=_(
            "For example: your placement paused, or your supervisor changed. The board reads "
            "it; it is never shown publicly. No client details, please."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reason for the extension.")},
    )


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the extension")), ("decline", _("Decline it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or decline.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Required to decline: the holder reads it. Optional when approving."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the extension is declined; the holder reads it."))
        return data


class CertificatePdfLanguageForm(forms.Form):
    """The language of the certificate PDF the holder takes (My certificates)."""

    language = forms.ChoiceField(label=_("Certificate PDF in"), choices=settings.LANGUAGES)


class AttestationForm(forms.Form):
    """One statement's yes, with the hash of the words the page showed (their language
    decides which of the statement's texts was attested). The hash is checked against the
    statement's current words by the service; here only that it looks like one. A form from
    before statements had a Spanish text sends no hash: it showed the English words."""

    statement = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    sha256 = forms.RegexField(
        regex=r"^[0-9a-f]{64}$",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("These are not the words of a statement on this page.")},
    )
    agree = forms.BooleanField(required=False)
