import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import selectors, services
from .forms import NameForm, SignupForm


@sensitive_post_parameters("password1", "password2")
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
            messages.success(request, _("Your address is confirmed. Welcome to PeerCert: choose "
                                        "a course to begin."))
            return redirect("dashboard")
        valid = False
    else:
        valid = services.user_for_confirmation(uidb64=uidb64, token=token) is not None
    response = render(request, "registration/signup_confirm.html", {"validlink": valid},
                      status=200 if valid else 404)
    # The token is in the URL: never pass it on.
    response["Referrer-Policy"] = "same-origin"
    return response


@login_required
def account(request):
    """The signed-in person's own account: the name printed on certificates, password, and
    everything PeerCert keeps about them as a download."""
    from certificates import services as certification
    from certificates.models import Certificate, NameChangeRequest

    user = request.user
    reviewed = certification.name_is_reviewed(user)
    form = NameForm(request.POST or None,
                    initial={"first_name": user.first_name, "last_name": user.last_name})
    if request.method == "POST" and form.is_valid():
        try:
            change = certification.account_name_change(user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if change is None:
                messages.success(request, _("Your name is saved."))
            else:
                messages.success(request, _(
                    "Your new name was sent for review. Your certificates keep the name printed "
                    "on them until an administrator approves the change; they are then reissued "
                    "under the new name."))
            return redirect("account")
    changes = NameChangeRequest.objects.filter(holder=user)
    return render(request, "registration/account.html", {
        "form": form,
        "name_is_reviewed": reviewed,
        "pending_change": changes.filter(status=NameChangeRequest.Status.PENDING).first(),
        "last_decision": changes.exclude(status=NameChangeRequest.Status.PENDING)
        .order_by("-decided_at").first(),
        "certificates": Certificate.objects.for_holder(user).issued()
        .select_related("version__program").order_by("-requested_at"),
    })


@login_required
def account_data(request):
    data = selectors.personal_data(user=request.user)
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False),
                            content_type="application/json; charset=utf-8")
    # A fixed file name: the person's name or e-mail must not end up in download histories.
    response["Content-Disposition"] = (
        f'attachment; filename="peercert-my-data-{timezone.localdate():%Y-%m-%d}.json"')
    return response
