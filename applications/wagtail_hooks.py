"""applications answers certificates' requirement hook and puts application policies in the
admin's Certification menu area (a snippet per program version)."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from certificates.selectors import REQUIREMENT_ITEMS_HOOK

from . import selectors
from .models import ApplicationPolicy


@hooks.register(REQUIREMENT_ITEMS_HOOK)
def application_requirements(*, trainee, version):
    """An approved application (where required) and the external board exam (where named)."""
    return selectors.application_items(trainee=trainee, version=version) + (
        selectors.external_exam_items(trainee=trainee, version=version)
    )


class ApplicationPolicyViewSet(SnippetViewSet):
    model = ApplicationPolicy
    icon = "form"
    menu_label = gettext_lazy("Application policies")
    list_display = ["__str__", "application_required", "letters_required", "decision_days"]
    add_to_admin_menu = False


register_snippet(ApplicationPolicyViewSet)
