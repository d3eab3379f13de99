"""Admin: CE rules and categories as snippets (admins), and the review queue (reviewers)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import selectors, services
from .forms import ReviewForm
from .models import CEActivity, CECategory, CERules, DomainCECategory, RenewalApplication


class CECategoryViewSet(SnippetViewSet):
    model = CECategory
    icon = "tag"
    list_display = ["name", "sort_order"]
    menu_label = gettext_lazy("CE categories")


class DomainCECategoryViewSet(SnippetViewSet):
    model = DomainCECategory
    icon = "resubmit"
    list_display = ["domain", "category"]
    menu_label = gettext_lazy("Platform credit mapping")


class CERulesViewSet(SnippetViewSet):
    model = CERules
    icon = "list-ul"
    list_display = [
        "__str__",
        "cycle_months",
        "total_hours",
        "window_days",
        "grace_days",
        "audit_rate_percent",
        "auto_approve",
    ]
    menu_label = gettext_lazy("CE rules")


class ContinuingEducationGroup(SnippetViewSetGroup):
    items = (CERulesViewSet, CECategoryViewSet, DomainCECategoryViewSet)
    menu_icon = "list-ul"
    menu_label = gettext_lazy("CE rules")
    menu_name = "ce-rules"


register_snippet(ContinuingEducationGroup)


def _require_reviewer(request):
    if not selectors.can_review(request.user):
        raise PermissionDenied


def review_queue(request):
    _require_reviewer(request)
    return render(
        request,
        "continuing_education/admin/queue.html",
        selectors.review_queue(reviewer=request.user),
    )


def review_activity(request, pk: int):
    _require_reviewer(request)
    activity = get_object_or_404(
        CEActivity.objects.select_related("holder", "reviewer").prefetch_related(
            "allocations__category"
        ),
        pk=pk,
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ce_activity_review(
                activity_id=activity.pk,
                reviewer=request.user,
                approve=form.approve,
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("CE record approved.")
                if form.approve
                else _("CE record rejected; the trainee sees the reason."),
            )
            return redirect("ce_review_queue")
    return render(
        request,
        "continuing_education/admin/activity.html",
        {
            "activity": activity,
            "form": form,
            "other_records": CEActivity.objects.filter(holder=activity.holder)
            .exclude(pk=activity.pk)
            .order_by("-date")[:20],
        },
    )


def review_renewal(request, pk: int):
    _require_reviewer(request)
    application = get_object_or_404(
        RenewalApplication.objects.select_related(
            "holder", "certificate__version__program", "decided_by", "new_certificate"
        ),
        pk=pk,
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.renewal_decide(
                application_id=application.pk,
                reviewer=request.user,
                approve=form.approve,
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("Renewal approved; the new certificate is being issued.")
                if form.approve
                else _("Renewal rejected."),
            )
            return redirect("ce_review_queue")
    return render(
        request,
        "continuing_education/admin/renewal.html",
        {
            "application": application,
            "form": form,
            "counted": selectors.counted_activities(application),
        },
    )


@hooks.register("register_admin_urls")
def register_ce_admin_urls():
    return [
        path("ce/review/", review_queue, name="ce_review_queue"),
        path("ce/review/records/<int:pk>/", review_activity, name="ce_review_activity"),
        path("ce/review/renewals/<int:pk>/", review_renewal, name="ce_review_renewal"),
    ]


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_review(request.user)


@hooks.register("register_admin_menu_item")
def register_ce_review_menu_item():
    return ReviewMenuItem(
        gettext_lazy("CE and renewals"), reverse("ce_review_queue"), icon_name="tasks", order=910
    )
