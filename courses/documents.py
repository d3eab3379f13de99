"""Who may download a document (a handout or worksheet uploaded in the admin).

A document follows the pages that link to it: a lesson's handout opens for the trainees who may
open that lesson (enrolled, module unlocked), one linked from a public page (a course overview)
for anyone, and one linked from nowhere only for the editors who may choose it (its course's
instructors, reviewers). Wagtail serves documents by a
sequential id to anyone otherwise, which would hand out a course's material without enrolment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from .media import may_use_upload
from .models import CoursePage, LessonPage, ModulePage
from .selectors import course_state

if TYPE_CHECKING:
    from accounts.models import User


def can_open_document(*, user: User, document) -> bool:
    # Editors open the uploads they may choose (their courses' collections, every course's for
    # reviewers); being an admin user is not enough, or any instructor could fetch another
    # course's handouts by id.
    if user.is_authenticated and (user.is_superuser or may_use_upload(user=user, upload=document)):
        return True
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = list(
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        # An editor also opens what the pages they may edit link to, wherever it is filed.
        for page in Page.objects.filter(pk__in=page_ids):
            if page.permissions_for_user(user).can_edit():
                return True
    pages = Page.objects.live().public().filter(pk__in=page_ids).specific()
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
