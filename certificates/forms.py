from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import TrainingDomain

from .models import Certificate, SupervisionEntry


class SupervisionEntryForm(forms.Form):
    """Deliberately no free-text field: nothing here invites details about the people served."""

    kind = forms.ChoiceField(label=_("What was it?"), choices=SupervisionEntry.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=16 * 60)
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


class SupervisionReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("sign", _("Sign off")), ("reject", _("Return"))])
    reason = forms.CharField(label=_("Reason (if returned)"), max_length=300, required=False)


class CertificateStatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (Certificate.Status.SUSPENDED, _("Suspend")),
            (Certificate.Status.VALID, _("Reinstate (valid)")),
            (Certificate.Status.REVOKED, _("Revoke")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason_public = forms.BooleanField(
        label=_("Show the reason on the public verification page"), required=False
    )


class CertificateReissueForm(forms.Form):
    holder_name = forms.CharField(label=_("Name to print"), max_length=300)
    reason = forms.CharField(label=_("Reason"), max_length=500)
