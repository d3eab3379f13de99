from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.utils.translation.trans_real import get_language_from_path
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from core.ratelimit import ratelimit

from . import services
from .forms import EmailAuthenticationForm, SignupForm


@sensitive_post_parameters("password1", "password2")
@ratelimit("account-email", rate_setting="RATELIMIT_ACCOUNT_EMAIL", methods=("POST",))
def signup(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.signup_request(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["password1"],
        )
        # The same redirect for a new address and a known one: only the mailbox learns which.
        return redirect("signup_done")
    return render(request, "registration/signup.html", {"form": form})


def signup_done(request):
    return render(request, "registration/signup_done.html")


@never_cache
def signup_confirm(request, uidb64: str, token: str):
    """GET shows a button, POST confirms: mail scanners that open links must not activate
    accounts (someone else may have signed up with this address)."""
    if request.method == "POST":
        user = services.signup_confirm(request=request, uidb64=uidb64, token=token)
        if user is not None:
            messages.success(
                request,
                _("Your address is confirmed. Welcome to PeerCert: choose a course to begin."),
            )
            return redirect("dashboard")
        valid = False
    else:
        valid = services.user_for_confirmation(uidb64=uidb64, token=token) is not None
    response = render(
        request,
        "registration/signup_confirm.html",
        {"validlink": valid},
        status=200 if valid else 404,
    )
    # The token is in the URL: never pass it on.
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@sensitive_post_parameters()
def email_change_confirm(request, public_id, token: str):
    """GET shows a button, POST moves the account: mail scanners that open links must not."""
    if request.method == "POST":
        try:
            change = services.email_change_confirm(public_id=public_id, token=token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("account" if request.user.is_authenticated else "login")
        if change is not None:
            messages.success(
                request, _("Your sign-in address is now %(email)s.") % {"email": change.new_email}
            )
            return redirect("account" if request.user.is_authenticated else "login")
        valid = False
    else:
        valid = services.email_change_for_link(public_id=public_id, token=token) is not None
    response = render(
        request,
        "registration/email_change_confirm.html",
        {"validlink": valid},
        status=200 if valid else 404,
    )
    response["Referrer-Policy"] = "same-origin"
    return response


class SignInView(auth_views.LoginView):
    """Django's sign-in, landing in the account's own language: a person who chose Spanish
    (the switcher stores the choice on the account) is taken to the Spanish twin of where
    sign-in leads, and the language cookie is set, on any device, whichever address they
    signed in from."""

    authentication_form = EmailAuthenticationForm

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language not in dict(settings.LANGUAGES):
            return response
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        target = response["Location"]
        # translate_url resolves the path in the active language: that of its own prefix.
        with override(get_language_from_path(target) or settings.LANGUAGE_CODE):
            response["Location"] = translate_url(target, language)
        return response
