from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DocumentKind


class LivedExperienceForm(forms.Form):
    lived_experience = forms.TypedChoiceField(
        label=_("Do you have lived experience of recovery?"),
        choices=[("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        help_text=_("A yes and a duration only: never write your story here."),
    )
    lived_experience_months = forms.IntegerField(
        label=_("For how many months?"), min_value=0, max_value=1200, required=False
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which document"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File (PDF, PNG or JPEG, at most 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )


class RefereeForm(forms.Form):
    name = forms.CharField(label=_("Referee's name"), max_length=120)
    email = forms.EmailField(label=_("Referee's e-mail address"))
    is_supervisor = forms.BooleanField(label=_("This referee is my supervisor"), required=False)


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer to the board"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
    )
    file = forms.FileField(
        label=_("Attach a document (optional: PDF, PNG or JPEG, at most 5 MB)"),
        required=False,
    )


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("Why should the decision change?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
    )


class LetterForm(forms.Form):
    text = forms.CharField(
        label=_("Your letter of recommendation"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=8000,
        required=False,
    )
    file = forms.FileField(
        label=_("Or upload it (PDF, PNG or JPEG, at most 5 MB)"),
        required=False,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve")),
            ("deny", _("Deny")),
            ("info", _("Ask for more information (the clock stops)")),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.TypedMultipleChoiceField(
        label=_("Reasons for a denial"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=_("Text for the applicant"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args, reasons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reasons"].choices = [(reason.pk, reason.text) for reason in reasons]


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Appeal decision"),
        choices=[
            ("grant", _("Grant: approve the application")),
            ("uphold", _("Uphold the denial")),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Reasons (the applicant sees them)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class ExamApprovalForm(forms.Form):
    candidate_id = forms.CharField(label=_("Vendor's candidate id"), max_length=40)


class ExamImportForm(forms.Form):
    file = forms.FileField(label=_("Results file from the exam vendor (CSV)"))
