from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.decisions import decision_queue
from verification.api import API_KEY_HOOK

from .models import EmployerAccessRequest
from .services import access, api_keys


def may_grant_access(user) -> bool:
    # Granting the employer tools is a change of someone's roles: the user managers' call.
    return user.is_superuser or user.has_perm("auth.change_user")


def access_requests(request):
    """Requests for the employer tools: approve (the person joins the Employers group) or
    decline with a reason they see."""
    if not may_grant_access(request.user):
        raise PermissionDenied
    return decision_queue(
        request,
        model=EmployerAccessRequest,
        decide=access.employer_access_decide,
        template="employers/admin/access_requests.html",
        url_name="employer_access_requests",
        approved_message=_("Access granted."),
        declined_message=_("Request declined."),
        related=("user",),
    )


@hooks.register("register_admin_urls")
def register_employer_admin_urls():
    return [path("employers/access/", access_requests, name="employer_access_requests")]


class AccessRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_grant_access(request.user)


@hooks.register("register_admin_menu_item")
def register_access_requests_menu_item():
    return AccessRequestsMenuItem(
        gettext_lazy("Employer access"),
        reverse("employer_access_requests"),
        icon_name="group",
        order=910,
    )


# The verification API (/api/v1/) gives a caller with an employer's key its higher rate limit;
# the keys are ours, so we answer its key check.
hooks.register(API_KEY_HOOK, api_keys.api_key_authenticate)
