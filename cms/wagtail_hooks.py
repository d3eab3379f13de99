"""Admin-wide adjustments to Wagtail's own views that belong to no single app."""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction as PageDelete
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction as PageMove
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction as PagePublish
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction as PageUnpublish
from wagtail.documents.views.bulk_actions.add_tags import AddTagsBulkAction as DocumentTags
from wagtail.documents.views.bulk_actions.add_to_collection import (
    AddToCollectionBulkAction as DocumentCollection,
)
from wagtail.documents.views.bulk_actions.delete import DeleteBulkAction as DocumentDelete
from wagtail.images.views.bulk_actions.add_tags import AddTagsBulkAction as ImageTags
from wagtail.images.views.bulk_actions.add_to_collection import (
    AddToCollectionBulkAction as ImageCollection,
)
from wagtail.images.views.bulk_actions.delete import DeleteBulkAction as ImageDelete

from core.csv import NeutralisedSpreadsheetExport


class NamesOnlyWhatYouMayActOn:
    """Wagtail's bulk-action confirmation lists the rows in the URL the user may not act on,
    by title, to tell them what will be skipped. The ids are whatever the URL says, so that list
    named other courses' pages (draft titles included) and uploads to any admin user: it is
    left empty, and the page shows only what the action will touch."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        return objects, {**context, "items_with_no_access": []}


def _names_only_what_you_may_act_on(action_class):
    return type(action_class.__name__, (NamesOnlyWhatYouMayActOn, action_class), {})


# Registered after Wagtail's own (order 0): the registry keeps the last class per action.
for _action in (
    PageDelete,
    PageMove,
    PagePublish,
    PageUnpublish,
    DocumentTags,
    DocumentCollection,
    DocumentDelete,
    ImageTags,
    ImageCollection,
    ImageDelete,
):
    hooks.register("register_bulk_action", _names_only_what_you_may_act_on(_action), order=10)


# Every CSV the admin exports (site history, whose labels name trainees; aging and locked pages;
# workflows; redirects) is written by SpreadsheetExportMixin.write_csv_row, for which Wagtail
# offers no hook: it is replaced once, here, by the project's neutralising writer (core/csv.py).
SpreadsheetExportMixin.write_csv_row = NeutralisedSpreadsheetExport.write_csv_row
