from django.utils.translation import gettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BillingRule


class BillingRuleViewSet(SnippetViewSet):
    model = BillingRule
    icon = "tick-inverse"
    list_display = ["payer", "jurisdiction", "program", "as_of", "is_demo", "active"]
    list_filter = ["jurisdiction", "active", "is_demo"]
    menu_label = gettext_lazy("Billing recognition")
    add_to_admin_menu = True
    menu_order = 290


register_snippet(BillingRuleViewSet)
