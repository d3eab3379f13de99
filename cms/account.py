"""The signed-in person's own page (/accounts/profile/) and "download my data".

The page composes several apps: the sign-in address, the work e-mails and closing the account
are accounts', the name printed on certificates (changed at once, or reviewed once certified) is
certification's. So it lives in the roof, which may import both; accounts keeps the sign-in
pages under the same /accounts/ prefix."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts import services as account_services
from accounts.forms import AccountCloseForm, EmailChangeForm, NameForm, WorkDigestForm
from accounts.selectors import gets_work_digests
from certificates import services as certification
from certificates.models import Certificate, NameChangeRequest
from core.ratelimit import ratelimit

from .my_data import personal_data


@sensitive_post_parameters("password")
@login_required
@ratelimit("account-email", rate_setting="RATELIMIT_ACCOUNT_EMAIL", methods=("POST",))
def account(request):
    """The signed-in person's own account: the name printed on certificates, password, and
    everything PeerCert keeps about them as a download."""
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
            account_services.email_change_request(
                user=user, new_email=email_form.cleaned_data["new_email"]
            )
        except ValidationError as error:
            email_form.add_error(None, error)
        else:
            # The same words whether or not the address has an account (accounts/services.py).
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
        account_services.account_close(user=user)
        logout(request)
        messages.success(
            request, _("Your account is closed. We sent a confirmation to your e-mail address.")
        )
        return redirect("/")
    gets_digests = gets_work_digests(user)
    digest_form = WorkDigestForm(
        posted if action == "digest" else None, initial={"work_digest": user.work_digest}
    )
    if action == "digest" and gets_digests and digest_form.is_valid():
        account_services.work_digest_set(user=user, enabled=digest_form.cleaned_data["work_digest"])
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
    data = personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    # A fixed file name: the person's name or e-mail must not end up in download histories.
    response["Content-Disposition"] = (
        f'attachment; filename="peercert-my-data-{timezone.localdate():%Y-%m-%d}.json"'
    )
    return response
