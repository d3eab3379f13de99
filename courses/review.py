"""Reads about the curriculum review workflow ("Curriculum review", courses.permissions): what
waits for a reviewer, and which drafts came back to an instructor with changes asked. For the
role homes (cms.homes) and the admin dashboard's panels; each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.models import Page, TaskState, WorkflowState, get_default_page_content_type

from .permissions import courses_taught_by, sees_every_course

if TYPE_CHECKING:
    from accounts.models import User

# How many returned drafts a home lists by name; the count says how many there are in all.
LISTED = 5


@dataclass(frozen=True)
class ReturnedDraft:
    page_id: int
    title: str
    comment: str


def awaiting_review_count(*, user: User) -> int:
    """Pages (and other workflow objects) waiting for this user's approval: Wagtail's own
    "awaiting your review" list, counted."""
    return TaskState.objects.reviewable_by(user).count()


def _in_courses_of(user: User) -> Q:
    """Workflow states of pages in the courses this user teaches (every course for those who
    see them all), or that they sent for review themselves."""
    if sees_every_course(user):
        return Q(base_content_type=get_default_page_content_type())
    pages = Page.objects.filter(id=Cast(OuterRef("object_id"), output_field=IntegerField()))
    paths = Q()
    for path in courses_taught_by(user).values_list("path", flat=True):
        paths |= Q(path__startswith=path)
    in_courses = Exists(pages.filter(paths)) if paths else Q(pk__in=[])
    return Q(base_content_type=get_default_page_content_type()) & (
        Q(in_courses) | Q(requested_by=user)
    )


def returned_drafts(*, user: User) -> tuple[int, list[ReturnedDraft]]:
    """Drafts a reviewer sent back (the workflow's task rejected: "needs changes") in this
    user's courses: how many, and the latest few with the reviewer's comment. Three queries."""
    states = WorkflowState.objects.filter(
        _in_courses_of(user), status=WorkflowState.STATUS_NEEDS_CHANGES
    )
    count = states.count()
    latest = list(
        states.select_related("current_task_state")
        .order_by("-current_task_state__finished_at", "-pk")
        .values_list("object_id", "current_task_state__comment")[:LISTED]
    )
    # The draft's own title (its latest revision), as the editor shows it: a live page's row
    # keeps the published one.
    titles = {
        pk: draft_title or title
        for pk, title, draft_title in Page.objects.filter(
            pk__in=[int(object_id) for object_id, _c in latest]
        ).values_list("pk", "title", "latest_revision__object_str")
    }
    return count, [
        ReturnedDraft(page_id=int(object_id), title=titles.get(int(object_id), ""), comment=c or "")
        for object_id, c in latest
        if int(object_id) in titles
    ]
