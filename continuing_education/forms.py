from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services
from .models import DeliveryMode


class CEActivityForm(forms.Form):
    """External CE. A proof that passed its checks is kept (stashed privately, named by a signed
    token in a hidden field) while other fields are corrected, so nothing has to be re-entered."""

    title = forms.CharField(label=_("Title of the activity"), max_length=200)
    provider = forms.CharField(
        label=_("Provider"),
        max_length=200,
        help_text=_("Who ran it, e.g. the training organisation."),
    )
    provider_approval_number = forms.CharField(
        label=_("Provider approval number"),
        max_length=80,
        required=False,
        help_text=_("If the provider is approved by a board, its number (optional)."),
    )
    date = forms.DateField(
        label=_("Date completed"), widget=forms.DateInput(attrs={"type": "date"})
    )
    hours = forms.DecimalField(
        label=_("Contact hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal("100"),
        decimal_places=2,
        help_text=_("1 contact hour = 60 minutes of instruction. Only time actually spent counts."),
        widget=forms.NumberInput(attrs={"step": "0.25"}),
    )
    delivery_mode = forms.ChoiceField(
        label=_("How was it delivered?"), choices=DeliveryMode.choices
    )
    proof = forms.FileField(
        label=_("Proof of completion"),
        required=False,
        help_text=_(
            "Certificate of completion or attendance: PDF, PNG or JPEG, at most 5 MB. "
            "Only you and reviewers can open it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
    proof_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, holder, categories, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.holder = holder
        self.today = today or timezone.localdate()
        self.categories = list(categories)
        for category in self.categories:
            self.fields[self.category_field(category)] = forms.DecimalField(
                label=category.localized_name,
                required=False,
                min_value=Decimal("0"),
                max_value=Decimal("100"),
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.25"}),
            )
        self.proof_data: bytes = b""
        self.proof_type: str = ""

    @staticmethod
    def category_field(category) -> str:
        return f"category_{category.pk}"

    def category_fields(self):
        return [self[self.category_field(c)] for c in self.categories]

    def main_fields(self):
        return [
            self[name]
            for name in (
                "title",
                "provider",
                "provider_approval_number",
                "date",
                "hours",
                "delivery_mode",
            )
        ]

    @property
    def has_stashed_proof(self) -> bool:
        return bool(self.data.get("proof_token")) if self.is_bound else False

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > self.today:
            raise ValidationError(services.FUTURE_DATE)
        return value

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("proof")
        token = cleaned.get("proof_token")
        try:
            if upload:
                self.proof_data, self.proof_type = services.check_proof(upload)
                token = services.proof_stash(
                    holder=self.holder, data=self.proof_data, content_type=self.proof_type
                )
                self._remember_token(token)
            elif token:
                self.proof_data, self.proof_type = services.proof_unstash(
                    holder=self.holder, token=token
                )
            else:
                self.add_error("proof", services.PROOF_REQUIRED)
        except ValidationError as error:
            self._remember_token("")
            self.add_error("proof", error.message_dict.get("proof", error.messages))
        hours = cleaned.get("hours")
        allocated = sum(self.allocations().values(), Decimal("0"))
        if hours is not None and allocated > hours:
            raise ValidationError(services.ALLOCATION_EXCEEDS_HOURS)
        return cleaned

    def _remember_token(self, token: str) -> None:
        if hasattr(self.data, "_mutable"):
            self.data = self.data.copy()
        self.data["proof_token"] = token

    def allocations(self) -> dict:
        result = {}
        for category in self.categories:
            value = self.cleaned_data.get(self.category_field(category))
            if value:
                result[category] = value
        return result


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
    )
    reason = forms.CharField(
        label=_("Reason (shown to the trainee; required to reject)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", services.REASON_REQUIRED)
        return cleaned

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"
