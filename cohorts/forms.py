from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.models import TrainingDomain

from . import rules, services
from .models import OutsideTraining, Topic


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        help_text=_("The code your instructor shows in the room or on screen."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "size": rules.CODE_LENGTH + 2,
            }
        ),
    )


def domain_field(domain_id: int) -> str:
    return f"domain-{domain_id}"


def topic_field(topic_id: int) -> str:
    return f"topic-{topic_id}"


HOURS_WIDGET = {"inputmode": "decimal", "step": "0.25", "min": "0"}


class OutsideTrainingForm(forms.Form):
    """Training done elsewhere: where, when, how, hours per training domain (and on required
    topics) and the certificate. The certificate is checked by its first bytes and size."""

    title = forms.CharField(label=_("Training title"), max_length=200)
    provider = forms.CharField(label=_("Provider"), max_length=200)
    approval_number = forms.CharField(
        label=_("Provider approval number"),
        max_length=80,
        required=False,
        help_text=_("If the provider is approved by a board, its approval number."),
    )
    started_on = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ended_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    delivery = forms.ChoiceField(
        label=_("How it was delivered"),
        choices=OutsideTraining.Delivery.choices,
        widget=forms.RadioSelect,
    )
    certificate = forms.FileField(
        label=_("Certificate of completion"),
        required=True,
        help_text=_("PDF, PNG or JPEG, at most 5 MB. Only you and reviewers can open it."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(TrainingDomain.objects.order_by("sort_order", "name"))
        self.topics = list(Topic.objects.order_by("name"))
        for domain in self.domains:
            self.fields[domain_field(domain.pk)] = forms.DecimalField(
                label=domain.localized_name,
                required=False,
                min_value=0,
                max_value=200,
                decimal_places=2,
                widget=forms.NumberInput(attrs=HOURS_WIDGET),
            )
        for topic in self.topics:
            self.fields[topic_field(topic.pk)] = forms.DecimalField(
                label=topic.localized_name,
                required=False,
                min_value=0,
                max_value=200,
                decimal_places=2,
                widget=forms.NumberInput(attrs=HOURS_WIDGET),
            )
        self.certificate_data = b""
        self.certificate_type = ""

    def domain_fields(self):
        return [self[domain_field(d.pk)] for d in self.domains]

    def topic_fields(self):
        return [self[topic_field(t.pk)] for t in self.topics]

    def hours_by_domain(self):
        return {
            d.pk: self.cleaned_data[domain_field(d.pk)]
            for d in self.domains
            if self.cleaned_data.get(domain_field(d.pk))
        }

    def hours_by_topic(self):
        return {
            t.pk: self.cleaned_data[topic_field(t.pk)]
            for t in self.topics
            if self.cleaned_data.get(topic_field(t.pk))
        }

    def clean_certificate(self):
        upload = self.cleaned_data.get("certificate")
        if upload:
            try:
                self.certificate_data, self.certificate_type = services.check_certificate(upload)
            except ValidationError as error:
                raise ValidationError(error.message_dict["certificate"]) from error
        return upload
