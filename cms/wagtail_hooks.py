"""Admin-wide adjustments to Wagtail's own views that belong to no single app."""

from __future__ import annotations

import json

from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.ui.components import Component
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction as PageDelete
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction as PageMove
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction as PagePublish
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction as PageUnpublish
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser
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

from .homes import ADMIN_SECTIONS, Section, sections_for


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


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_scripts():
    """The admin's CSP refuses inline scripts; this starts what Wagtail's would have
    (cms/templates/wagtailadmin/ overrides the templates that had them)."""
    return format_html('<script src="{}"></script>', versioned_static("cms/js/admin-start.js"))


_wagtail_chooser_render = BaseChooser.render


def _render_chooser_without_inline_script(self, name, value, attrs=None, renderer=None):
    """Wagtail's chooser widgets (snippet, page, image, document, task) end with an inline
    ``<script>new SnippetChooser(id, options)</script>``; this renders the same widget with a
    marker that admin-start.js starts with the same constructor and arguments."""
    if not attrs or "id" not in attrs:
        return _wagtail_chooser_render(self, name, value, attrs, renderer)
    id_ = attrs["id"]
    value_data = self.get_value_data(value)
    if isinstance(self, AdminTaskChooser):
        start, options = "createTaskChooser", None
    elif type(self).render_js_init is BaseChooser.render_js_init:
        start, options = self.js_constructor, self.get_js_init_options(id_, name, value_data)
    else:  # a starter this file does not know: Wagtail's own rendering
        return _wagtail_chooser_render(self, name, value, attrs, renderer)
    return format_html(
        '{}<span hidden data-peercert-start="{}" data-peercert-target="{}" '
        'data-peercert-options="{}"></span>',
        self.render_html(name, value_data, attrs),
        start,
        id_,
        json.dumps(options),
    )


BaseChooser.render = _render_chooser_without_inline_script


class RoleHomePanel(Component):
    """One role's work on the admin's dashboard, with the counts the site's home shows
    (cms.homes); Wagtail's own panels (awaiting review, your pages in review) follow."""

    template_name = "cms/admin/role_home_panel.html"

    def __init__(self, section: Section, order: int):
        self.section = section
        self.name = f"peercert-{section.key}"
        self.order = order

    def get_context_data(self, parent_context):
        return {"section": self.section}


@hooks.register("construct_homepage_panels")
def role_home_panels(request, panels):
    for index, section in enumerate(sections_for(request.user, only=ADMIN_SECTIONS)):
        panels.append(RoleHomePanel(section, order=50 + index))
