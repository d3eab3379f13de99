from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class SignupForm(UserCreationForm):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        help_text=_("As it should appear on your certificate."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = User
        fields = ("first_name", "last_name", "email")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        # Same wording whether or not the address exists would still leak it through the
        # redirect; a signed-up address is told to sign in or reset instead.
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "This address cannot be used to sign up. If it is yours, sign in or reset "
                    "your password."
                )
            )
        return email


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self):
        # Sign-in ignores case (UserManager.get_by_natural_key), so the lockout must too:
        # django-axes counts failures per username as given, and "Jo@x.org" / "JO@x.org"
        # would otherwise each get their own allowance of guesses.
        return normalize_login_email(self.cleaned_data["username"])


def normalize_login_email(value: str | None) -> str | None:
    return value.strip().lower() if value else value
