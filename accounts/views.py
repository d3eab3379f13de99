import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from core.ratelimit import ratelimit

from . import selectors, services
from .forms import AccountCloseForm, EmailChangeForm, NameForm, SignupForm, WorkDigestForm


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


@sensitive_post_parameters("password")
@login_required
@ratelimit("account-email", rate_setting="RATELIMIT_ACCOUNT_EMAIL", methods=("POST",))
def account(request):
    """The signed-in person's own account: the name printed on certificates, password, and
    everything PeerCert keeps about them as a download."""
    from certificates import services as certification
    from certificates.models import Certificate, NameChangeRequest

    user = request.user
    reviewed = certification.name_is_reviewed(user)
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "name") if posted else None
    form = NameForm(
        posted if action == "name" else None,
        initial={"first_name": user.first_name, "last_name": user.last_name},
    )
    email_form = EmailChangeForm(posted if action == "email" else None, user=user)
    if action == "email" and email_form.is_valid():
        try:
            services.email_change_request(user=user, new_email=email_form.cleaned_data["new_email"])
        except ValidationError as error:
            email_form.add_error(None, error)
        else:
            # The same words whether or not the address has an account (services.py).
            messages.success(
                request,
                _(
                    "We sent a confirmation link to %(email)s. Your sign-in address changes when "
                    "you open it (within 3 days); until then, keep signing in with the current one."
                )
                % {"email": email_form.cleaned_data["new_email"].strip().lower()},
            )
            return redirect("account")
    close_form = AccountCloseForm(posted if action == "close" else None, user=user)
    if action == "close" and close_form.is_valid():
        services.account_close(user=user)
        logout(request)
        messages.success(
            request, _("Your account is closed. We sent a confirmation to your e-mail address.")
        )
        return redirect("/")
    gets_digests = selectors.gets_work_digests(user)
    digest_form = WorkDigestForm(
        posted if action == "digest" else None, initial={"work_digest": user.work_digest}
    )
    if action == "digest" and gets_digests and digest_form.is_valid():
        services.work_digest_set(user=user, enabled=digest_form.cleaned_data["work_digest"])
        messages.success(request, _("Your e-mail preference is saved."))
        return redirect("account")
    if action == "name" and form.is_valid():
        try:
            change = certification.account_name_change(user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if change is None:
                messages.success(request, _("Your name is saved."))
            else:
                messages.success(
                    request,
                    _(
                        "Your new name was sent for review. Your certificates keep the name printed "
                        "on them until an administrator approves the change; they are then reissued "
                        "under the new name."
                    ),
                )
            return redirect("account")
    changes = NameChangeRequest.objects.filter(holder=user)
    return render(
        request,
        "registration/account.html",
        {
            "form": form,
            "email_form": email_form,
            "close_form": close_form,
            "digest_form": digest_form if gets_digests else None,
            "name_is_reviewed": reviewed,
            "pending_change": changes.filter(status=NameChangeRequest.Status.PENDING).first(),
            "last_decision": changes.exclude(status=NameChangeRequest.Status.PENDING)
            .order_by("-decided_at")
            .first(),
            "certificates": Certificate.objects.for_holder(user)
            .issued()
            .select_related("version__program")
            .order_by("-requested_at"),
        },
    )


@login_required
def account_data(request):
    data = selectors.personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    # A fixed file name: the person's name or e-mail must not end up in download histories.
    response["Content-Disposition"] = (
        f'attachment; filename="peercert-my-data-{timezone.localdate():%Y-%m-%d}.json"'
    )
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
