from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from . import services
from .forms import AccessDecisionForm
from .models import EmployerAccessRequest


def may_grant_access(user) -> bool:
    # Granting the employer tools is a change of someone's roles: the user managers' call.
    return user.is_superuser or user.has_perm("auth.change_user")


def access_requests(request):
    """Requests for the employer tools, oldest first, each approved (the person joins the
    Employers group) or declined with a reason they see."""
    if not may_grant_access(request.user):
        raise PermissionDenied
    forms_by_id = {}
    if request.method == "POST":
        form = AccessDecisionForm(request.POST)
        if form.is_valid():
            try:
                services.employer_access_decide(actor=request.user, **form.cleaned_data)
            except EmployerAccessRequest.DoesNotExist:
                messages.error(request, _("That request no longer exists."))
            except ValidationError as error:
                forms_by_id[form.cleaned_data["request_id"]] = form
                form.add_error(None, error)
            else:
                messages.success(request, _("Access granted.") if form.cleaned_data["approve"]
                                 else _("Request declined."))
                return redirect("employer_access_requests")
        else:
            request_id = request.POST.get("request_id", "")
            if request_id.isdigit():
                forms_by_id[int(request_id)] = form
            else:
                messages.error(request, _("Choose a request to decide."))
    waiting = list(EmployerAccessRequest.objects
                   .filter(status=EmployerAccessRequest.Status.PENDING)
                   .select_related("user").order_by("requested_at")[:200])
    for access in waiting:
        access.form = forms_by_id.get(access.pk) or AccessDecisionForm(
            initial={"request_id": access.pk})
    return render(request, "employers/admin/access_requests.html", {
        "waiting": waiting,
        "decided": EmployerAccessRequest.objects
        .exclude(status=EmployerAccessRequest.Status.PENDING)
        .select_related("user", "decided_by").order_by("-decided_at")[:50],
    })


@hooks.register("register_admin_urls")
def register_employer_admin_urls():
    return [path("employers/access/", access_requests, name="employer_access_requests")]


class AccessRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_grant_access(request.user)


@hooks.register("register_admin_menu_item")
def register_access_requests_menu_item():
    return AccessRequestsMenuItem(gettext_lazy("Employer access"),
                                  reverse("employer_access_requests"), icon_name="group",
                                  order=910)
