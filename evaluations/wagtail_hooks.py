from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import CourseEvaluator, Instrument


class InstrumentViewSet(SnippetViewSet):
    """Reviewers write and publish instruments (courses.permissions grants the rights);
    Wagtail keeps every revision, and evaluations point at the one they were scored on."""

    model = Instrument
    icon = "tasks"
    menu_label = _("Instruments")
    list_display = ["skill", "key", "course", "pass_percent", LiveStatusTagColumn()]
    list_filter = ["course", "live"]
    search_fields = ["skill", "key"]
    # Plain icontains, as for questions: SQLite's database search backend fails on a
    # field-restricted search.
    search_backend_name = None


class CourseEvaluatorViewSet(SnippetViewSet):
    """Which evaluators score which course's trainees (the Evaluators group is the role)."""

    model = CourseEvaluator
    icon = "user"
    menu_label = _("Evaluator panels")
    list_display = ["evaluator", "course"]
    list_filter = ["course"]


class EvaluationsGroup(SnippetViewSetGroup):
    items = (InstrumentViewSet, CourseEvaluatorViewSet)
    menu_icon = "tasks"
    menu_label = _("Practical evaluations")
    menu_name = "practical-evaluations"


register_snippet(EvaluationsGroup)


@hooks.register("register_admin_urls")
def register_calibration_url():
    return [
        path(
            "reports/evaluation-calibration/",
            admin_views.calibration,
            name="evaluations_calibration",
        )
    ]


class CalibrationMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_calibration(request.user)


@hooks.register("register_reports_menu_item")
def register_calibration_menu_item():
    return CalibrationMenuItem(
        _("Evaluation calibration"),
        reverse("evaluations_calibration"),
        icon_name="tasks",
        order=800,
    )
