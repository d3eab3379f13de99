"""Who may download a document (a handout or worksheet uploaded in the admin).

A document follows the pages that link to it: a lesson's handout opens for the trainees who may
open that lesson (enrolled, module unlocked), one linked from a public page (a course overview)
for anyone, and one linked from nowhere only for editors. Wagtail serves documents by a
sequential id to anyone otherwise, which would hand out a course's material without enrolment."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from .models import CoursePage, LessonPage, ModulePage
from .selectors import course_state


def can_open_document(*, user, document) -> bool:
    if user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
        return True
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().public().filter(pk__in=list(page_ids)).specific()
    for page in pages:
        if not isinstance(page, (LessonPage, ModulePage)):
            return True  # linked from a page anyone may read
        if not user.is_authenticated:
            continue
        course = CoursePage.objects.ancestor_of(page).first()
        if course is None:
            continue
        state = course_state(course=course, user=user)
        if state.enrollment is not None and not state.is_locked(page):
            return True
    return False
