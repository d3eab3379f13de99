from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import PublicAction

from .models import Complaint, EthicsCodeSection, Hearing


class ComplaintForm(forms.ModelForm):
    """The public intake form. Nothing here is ever shown publicly."""

    # A field people do not see; bots fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Complaint
        fields = [
            "complainant_name",
            "complainant_email",
            "complainant_phone",
            "respondent_name",
            "respondent_code",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8, "maxlength": 10000})}

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 20:
            raise forms.ValidationError(_("Tell us what happened in a few sentences."))
        if len(text) > 10000:
            raise forms.ValidationError(_("Keep it under 10,000 characters; we will ask for more."))
        return text


class LinkCertificateForm(forms.Form):
    code = forms.CharField(label=_("Verification code or serial"), max_length=60)


class SectionsForm(forms.Form):
    sections = forms.ModelMultipleChoiceField(
        label=_("Code of ethics sections alleged"),
        queryset=EthicsCodeSection.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Investigation note"), widget=forms.Textarea(attrs={"rows": 3}))


class MoveForm(forms.Form):
    to_step = forms.ChoiceField(label=_("Move the case to"), choices=Complaint.Step.choices)


class HearingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Hearing.Kind.choices)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=PublicAction.Kind.choices)
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on (probation, conditions)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    conditions = forms.CharField(
        label=_("Conditions (private)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    public_summary = forms.CharField(label=_("Public summary"), max_length=500)


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Closing note (private)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
