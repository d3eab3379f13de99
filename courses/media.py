"""Which images and documents an admin user may see: those of the collections of the courses they
teach (every course's for reviewers and superusers), plus their own uploads.

Wagtail's choosers already keep to this, through collection permissions. Its admin API
(`/admin/api/main/documents/`, `/images/`, which the rich-text editor calls) lists every upload
to any admin user, and its document view serves any file to whoever passes the
`before_serve_document` hook: both ask here instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

    from accounts.models import User

# Choosing an upload puts it in a page; changing it needs the same collection rights.
MEDIA_ACTIONS = ["choose", "change"]


def uploads_for(*, user: User, model: type[Model]) -> QuerySet:
    """The images or documents (``model``) this user may choose or change."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, MEDIA_ACTIONS
    )


def may_use_upload(*, user: User, upload: Model) -> bool:
    return policy_registry.get_by_type(type(upload)).user_has_any_permission_for_instance(
        user, MEDIA_ACTIONS, upload
    )


class CourseMediaAPIMixin:
    """An admin API endpoint that lists, finds and shows only the requester's uploads: an
    id outside them is a 404 like an unknown one."""

    def get_queryset(self):
        allowed = uploads_for(user=self.request.user, model=self.model).values("pk")
        return super().get_queryset().filter(pk__in=allowed)


class CourseDocumentsAPIViewSet(CourseMediaAPIMixin, DocumentsAdminAPIViewSet):
    pass


class CourseImagesAPIViewSet(CourseMediaAPIMixin, ImagesAdminAPIViewSet):
    pass
