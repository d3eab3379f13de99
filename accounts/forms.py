from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import auth as wagtail_forms

from core.jobs import enqueue

from . import jobs
from .models import User


class SignupForm(BaseUserCreationForm):
    """Validates what the visitor typed; never whether the address has an account (that would
    tell anyone who has one). accounts.services.signup_request decides what happens."""

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's form puts autofocus on the username field (e-mail here) as well; two
        # autofocus fields leave screen-reader and keyboard users unsure where they are.
        self.fields["email"].widget.attrs.pop("autofocus", None)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        # The model's unique e-mail would answer "a user with this address already exists".
        pass


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


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, but the e-mail goes out as a job (accounts.jobs): the request takes
    the same time whether or not the address has an account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autofocus"] = True

    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        use_https=False,
        request=None,
        **kwargs,
    ):
        domain = domain_override or get_current_site(request).domain
        user_ids = [user.pk for user in self.get_users(self.cleaned_data["email"])]
        # One job either way; with no account it has nothing to send.
        enqueue(
            jobs.send_password_reset,
            user_ids,
            domain,
            use_https,
            subject_template_name,
            email_template_name,
        )


class AdminPasswordResetForm(PasswordResetForm, wagtail_forms.PasswordResetForm):
    """The Wagtail admin's reset form, sending through the same job
    (WAGTAILADMIN_USER_PASSWORD_RESET_FORM)."""


class NameForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


class PasswordConfirmedForm(forms.Form):
    """A form for an action on one's own account that asks for the password again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        help_text=_("To make sure it is you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class EmailChangeForm(PasswordConfirmedForm):
    new_email = forms.EmailField(
        label=_("New e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    field_order = ["new_email", "password"]


class WorkDigestForm(forms.Form):
    work_digest = forms.BooleanField(
        label=_("E-mail me once a day when new work waits for me"),
        required=False,
        help_text=_(
            "Essays to grade, records and renewals to review, supervised hours to sign "
            "off. Counts and links only; never more than one a day."
        ),
    )


class AccountCloseForm(PasswordConfirmedForm):
    confirm = forms.BooleanField(label=_("I understand, close my account now."))
