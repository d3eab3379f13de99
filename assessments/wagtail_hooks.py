import functools

import django_filters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.chooser import SnippetChooserViewSet as BaseSnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.outline import OUTLINE_ITEMS_HOOK
from courses.permissions import courses_taught_by
from courses.selectors import MODULE_REQUIREMENTS_HOOK

from . import admin_views, selectors
from .models import Accommodation, Question, QuestionCategory


class CourseScopedViewSet(SnippetViewSet):
    """A bank snippet an instructor may only reach for the courses they teach.

    Wagtail's generic views check model permissions only, and each view fetches its object on
    its own, so every view that takes an object id is wrapped here: an object outside the
    user's courses is a 404 for the list, edit, delete, history, usage, revisions, preview,
    copy, lock and workflow views alike, including ones a later Wagtail adds."""

    # selectors.<rows>_for_author(*, user): the rows a user may reach; set by each subclass.
    scope = None

    def get_queryset(self, request):
        return self.scope(user=request.user)

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        scope = self.scope

        @functools.wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None and not scope(user=request.user).filter(pk=unquote(str(pk))).exists():
                raise Http404
            return view(request, *args, **view_kwargs)

        return scoped


class ScopedChooserView:
    """A chooser view over the rows `scope(user=...)` returns (given by the chooser viewset).

    Wagtail opens choosers to every admin user and fetches rows by the ids in the URL (one id
    for "chosen", any number for "chosen-multiple"): each view here reads through the scope,
    and someone with no right on the model at all is refused outright."""

    scope = None

    def dispatch(self, request, *args, **kwargs):
        opts = self.model_class._meta
        if not any(
            request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("add", "change", "delete", "view")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return self.scope(user=self.request.user)

    def get_object(self, pk):
        return self.scope(user=self.request.user).get(pk=pk)

    def get_objects(self, pks):
        return self.scope(user=self.request.user).filter(pk__in=[pk for pk in pks if pk.isdigit()])


class ScopedChooseView(ScopedChooserView, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserView, ChooseResultsView):
    pass


class ScopedChosenView(ScopedChooserView, SnippetChosenView):
    pass


class ScopedChosenMultipleView(ScopedChooserView, SnippetChosenMultipleView):
    pass


class ScopedChooserViewSet(BaseSnippetChooserViewSet):
    """The chooser modal of a bank snippet field (an assessment's "fixed question", a
    question's category): the user's courses only."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    scope = None

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(scope=self.scope, **kwargs)


class QuestionChooserViewSet(ScopedChooserViewSet):
    scope = staticmethod(selectors.questions_for_author)


class CategoryChooserViewSet(ScopedChooserViewSet):
    scope = staticmethod(selectors.categories_for_author)


class AccommodationChooserViewSet(ScopedChooserViewSet):
    # Nothing chooses an accommodation, but Wagtail gives every snippet a chooser: it lists
    # trainees by name, so it keeps to the instructor's courses like the listing does.
    scope = staticmethod(selectors.accommodations_for_instructor)


class QuestionFilterSet(WagtailFilterSet):
    # The category filter offers only the categories the user may see: their names are the
    # other courses' business.
    category = django_filters.ModelChoiceFilter(
        queryset=lambda request: selectors.categories_for_author(user=request.user),
        label=_("Category"),
    )

    class Meta:
        model = Question
        fields = ["category", "type", "difficulty", "domain", "live"]


class QuestionCategoryViewSet(CourseScopedViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "course"]
    scope = staticmethod(selectors.categories_for_author)
    chooser_viewset_class = CategoryChooserViewSet


class QuestionViewSet(CourseScopedViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    # With its own columns a viewset loses Wagtail's status column: put it back, so drafts
    # waiting for a reviewer stand out.
    list_display = ["key", "type", "category", "difficulty", "points", LiveStatusTagColumn()]
    filterset_class = QuestionFilterSet
    search_fields = ["text", "key"]
    # Plain icontains over these fields: the database search backend on SQLite (`make demo`)
    # fails on a field-restricted search ("no such column: text") instead of finding anything.
    search_backend_name = None
    chooser_viewset_class = QuestionChooserViewSet
    scope = staticmethod(selectors.questions_for_author)


class AccommodationViewSet(CourseScopedViewSet):
    """Extra time or attempts, given by the instructors of the assessment's course."""

    model = Accommodation
    icon = "user"
    menu_label = _("Accommodations")
    list_display = ["trainee", "assessment", "extra_minutes", "extra_attempts"]
    search_fields = ["trainee__email", "trainee__first_name", "trainee__last_name"]
    search_backend_name = None
    scope = staticmethod(selectors.accommodations_for_instructor)
    chooser_viewset_class = AccommodationChooserViewSet


# Bulk actions fetch their objects by the ids in the URL, outside the viewsets above: the scope
# applies there too, so another course's rows can be neither deleted nor named on the
# confirmation page (Wagtail lists the rows it refuses by their labels).
BULK_SCOPES = {
    Question: selectors.questions_for_author,
    QuestionCategory: selectors.categories_for_author,
    Accommodation: selectors.accommodations_for_instructor,
}


@hooks.register("register_bulk_action", order=1)  # after Wagtail's own, which it replaces
class ScopedSnippetDeleteBulkAction(DeleteBulkAction):
    models = list(BULK_SCOPES)

    def scope(self):
        return BULK_SCOPES[self.model](user=self.request.user)

    def get_all_objects_in_listing_query(self, parent_id):
        return self.scope().values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        refused = context["items_with_no_access"]
        reachable = set(
            self.scope()
            .filter(pk__in=[obj.pk for obj in objects + refused])
            .values_list("pk", flat=True)
        )
        return (
            [obj for obj in objects if obj.pk in reachable],
            {**context, "items_with_no_access": [obj for obj in refused if obj.pk in reachable]},
        )


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
    path("bank/quality/", admin_views.bank_quality, name="bank_quality"),
]


@hooks.register("register_admin_urls")
def register_assessment_admin_urls():
    return [path("assessments/", include((admin_urls, "assessments_admin")))]


class InstructorMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or courses_taught_by(user).exists()


@hooks.register("register_admin_menu_item")
def register_assessments_menu_item():
    return InstructorMenuItem(
        _("Assessments"),
        reverse("assessments_admin:index"),
        icon_name="tasks",
        order=260,
    )


# A module holding an assessment is complete once the assessment is passed (by its grading
# method), not when its last lesson is: courses asks through this hook for progress and gating.
hooks.register(MODULE_REQUIREMENTS_HOOK, selectors.modules_assessment_passed)

# The course outline lists each module's quiz and the final exam with the trainee's state in
# them (available, in progress, passed, failed with attempts left, …): courses asks through
# this hook and decides itself what its gating locks.
hooks.register(OUTLINE_ITEMS_HOOK, selectors.outline_items)
