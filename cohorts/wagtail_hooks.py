"""Admin: cohorts and sessions as snippets scoped to the courses an instructor teaches (another
course's cohort is a 404 in every view, its rows absent from every list and chooser), topics
for reviewers, and the outside-training review queue. Saving a cohort or a session moves the
waitlist up and tells the enrolled about a changed schedule (once)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from assessments.wagtail_hooks import (
    CourseScopedViewSet,
    ScopedChooserViewSet,
    ScopedSnippetDeleteBulkAction,
)

from . import selectors, services
from .admin_forms import CohortAdminForm, SessionAdminForm
from .models import Cohort, OutsideTraining, Session, Topic


class CohortChooserViewSet(ScopedChooserViewSet):
    scope = staticmethod(selectors.cohorts_for_admin)


class SessionChooserViewSet(ScopedChooserViewSet):
    scope = staticmethod(selectors.sessions_for_admin)


class CohortViewSet(CourseScopedViewSet):
    model = Cohort
    icon = "group"
    menu_label = gettext_lazy("Cohorts")
    list_display = ["title", "course", "language", "capacity", "time_zone", "enrolment_open"]
    list_filter = ["course", "language", "enrolment_open"]
    search_fields = ["title"]
    search_backend_name = None
    scope = staticmethod(selectors.cohorts_for_admin)
    chooser_viewset_class = CohortChooserViewSet
    edit_handler = ObjectList(Cohort.panels, base_form_class=CohortAdminForm)


class SessionViewSet(CourseScopedViewSet):
    model = Session
    icon = "date"
    menu_label = gettext_lazy("Sessions")
    list_display = ["title", "cohort", "date", "start_time", "end_time", "mode", "cancelled"]
    list_filter = ["cohort", "mode", "cancelled"]
    search_fields = ["title"]
    search_backend_name = None
    ordering = ["starts_at"]
    scope = staticmethod(selectors.sessions_for_admin)
    chooser_viewset_class = SessionChooserViewSet
    edit_handler = ObjectList(Session.panels, base_form_class=SessionAdminForm)


class TopicViewSet(SnippetViewSet):
    """Required topics are board data (NAADAC's ethics and HIV/bloodborne pathogens hours)."""

    model = Topic
    icon = "tag"
    menu_label = gettext_lazy("Training topics")
    list_display = ["name", "name_es"]


class CohortsGroup(SnippetViewSetGroup):
    items = (CohortViewSet, SessionViewSet, TopicViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("Live training")
    menu_name = "live-training"


register_snippet(CohortsGroup)

# Bulk deletion fetches rows by the ids in the URL: the same scopes apply there.
BULK_SCOPES = {Cohort: selectors.cohorts_for_admin, Session: selectors.sessions_for_admin}


@hooks.register("register_bulk_action", order=2)
class CohortsDeleteBulkAction(ScopedSnippetDeleteBulkAction):
    models = list(BULK_SCOPES)

    def scope(self):
        return BULK_SCOPES[self.model](user=self.request.user)


def _after_save(request, instance):
    if isinstance(instance, Session):
        services.session_saved(session_id=instance.pk)
    elif isinstance(instance, Cohort):
        # A new time zone moves every session's instants; more places move the waitlist.
        for session in instance.sessions.all():
            session.save()
            services.session_saved(session_id=session.pk)
        services.cohort_places_changed(cohort_id=instance.pk)


hooks.register("after_create_snippet", _after_save)
hooks.register("after_edit_snippet", _after_save)


# --- outside training: the review queue --------------------------------------------------------


def _require_reviewer(request):
    if not selectors.can_review(request.user):
        raise PermissionDenied


def outside_queue(request):
    _require_reviewer(request)
    return render(request, "cohorts/admin/outside_queue.html", selectors.outside_review_queue())


def outside_review(request, pk: int):
    _require_reviewer(request)
    record = get_object_or_404(
        OutsideTraining.objects.select_related("trainee", "decided_by").prefetch_related(
            "domain_hours__domain", "domain_hours__topic"
        ),
        pk=pk,
    )
    rows = list(record.domain_hours.all())
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        approved = {row.pk: request.POST.get(f"approve-{row.pk}", "").strip() for row in rows}
        try:
            services.outside_training_review(
                reviewer=request.user,
                record_id=record.pk,
                approve=approve,
                approved_hours={pk: value for pk, value in approved.items() if value},
                reason=request.POST.get("reason", ""),
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        except ArithmeticError:
            messages.error(request, _("Hours are numbers, e.g. 2.5."))
        else:
            messages.success(
                request,
                _("Outside training approved.")
                if approve
                else _("Outside training declined; the trainee sees the reason."),
            )
            return redirect("cohorts_outside_queue")
    return render(
        request,
        "cohorts/admin/outside_review.html",
        {"record": record, "rows": rows, "posted": request.POST},
    )


@hooks.register("register_admin_urls")
def register_cohorts_admin_urls():
    return [
        path("live-training/outside/", outside_queue, name="cohorts_outside_queue"),
        path("live-training/outside/<int:pk>/", outside_review, name="cohorts_outside_review"),
    ]


class OutsideReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_review(request.user)


@hooks.register("register_admin_menu_item")
def register_outside_review_menu_item():
    return OutsideReviewMenuItem(
        gettext_lazy("Outside training"),
        reverse("cohorts_outside_queue"),
        icon_name="doc-full",
        order=915,
    )
