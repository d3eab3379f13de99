from django.utils.translation import gettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DisciplinePolicy, EthicsCodeSection


class DisciplinePolicyViewSet(SnippetViewSet):
    model = DisciplinePolicy
    icon = "clipboard-list"
    menu_label = gettext_lazy("Discipline policies")
    list_display = ["body", "appeal_days", "retention_years", "source"]


class EthicsCodeSectionViewSet(SnippetViewSet):
    model = EthicsCodeSection
    icon = "list-ul"
    menu_label = gettext_lazy("Code of ethics sections")
    list_display = ["body", "reference", "title"]


class DisciplineGroup(SnippetViewSetGroup):
    items = (DisciplinePolicyViewSet, EthicsCodeSectionViewSet)
    menu_icon = "clipboard-list"
    menu_label = gettext_lazy("Discipline")
    menu_name = "discipline"


register_snippet(DisciplineGroup)
