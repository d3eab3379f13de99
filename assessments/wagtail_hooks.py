from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Accommodation, Question, QuestionCategory


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["key", "type", "category", "difficulty", "points"]
    list_filter = ["category", "type", "difficulty", "domain", "live"]
    search_fields = ["text", "key"]


class AccommodationViewSet(SnippetViewSet):
    model = Accommodation
    icon = "user"
    menu_label = _("Accommodations")
    list_display = ["trainee", "assessment", "extra_minutes", "extra_attempts"]


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet, AccommodationViewSet)
    menu_icon = "help"
    menu_label = _("Question bank")
    menu_name = "question-bank"


register_snippet(QuestionBankGroup)

admin_urls = [
    path("", admin_views.index, name="index"),
    path("grading/", admin_views.grading_queue, name="queue"),
    path("grading/<int:attempt_id>/", admin_views.grade, name="grade"),
    path("<int:assessment_id>/results/", admin_views.results, name="results"),
    path("<int:assessment_id>/items/", admin_views.item_analysis, name="items"),
    path("<int:assessment_id>/regrade/", admin_views.regrade, name="regrade"),
    path("bank/export/", admin_views.bank_export, name="bank_export"),
    path("bank/import/", admin_views.bank_import, name="bank_import"),
]


@hooks.register("register_admin_urls")
def register_assessment_admin_urls():
    return [path("assessments/", include((admin_urls, "assessments_admin")))]


class InstructorMenuItem(MenuItem):
    def is_shown(self, request):
        from courses.permissions import courses_taught_by

        user = request.user
        return user.is_superuser or courses_taught_by(user).exists()


@hooks.register("register_admin_menu_item")
def register_assessments_menu_item():
    return InstructorMenuItem(
        _("Assessments"), reverse("assessments_admin:index"), icon_name="tasks", order=260,
    )
