from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Competency, TrainingDomain


class TrainingDomainViewSet(SnippetViewSet):
    model = TrainingDomain
    icon = "list-ul"
    list_display = ["name", "framework", "sort_order"]
    menu_label = _("Training domains")


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "tick-inverse"
    list_display = ["number", "title", "framework"]
    menu_label = _("Competencies")


class CurriculumFrameworkGroup(SnippetViewSetGroup):
    items = (TrainingDomainViewSet, CompetencyViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Curriculum framework")
    menu_name = "curriculum-framework"


register_snippet(CurriculumFrameworkGroup)
