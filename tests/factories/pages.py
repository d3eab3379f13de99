"""Pages (and questions, instruments) for tests, made without the bookkeeping Wagtail does on
every save.

Saving a page runs two tasks in-process (the django_tasks immediate backend): its search index
entry (modelsearch) and its reference index ("used by" counts); Page.save also writes a
"created" entry in the page's history. Together they were half a page's queries (29 → 15 for a
lesson) and half its time, for hundreds of tests that build course trees and never search,
count usages or read a page's history. So factory-made pages, questions and instruments are
saved without them, unless the test asks with `as_editor_saves()`:

    with as_editor_saves():
        course = build_course(course_index)

A test module whose searches, usage or history views must find factory-made content (or must
have another course's content to hide) opts in for every test, fixtures included, with an
autouse fixture that enters `as_editor_saves()` (autouse fixtures run before the others).
What a test saves itself (page.save(), save_revision().publish(), the admin) is indexed and
logged as always."""

from __future__ import annotations

import contextlib
import threading

import wagtail_factories
from django.db.models.signals import post_save
from modelsearch import signal_handlers as search_signal_handlers
from wagtail.signal_handlers import (
    disable_reference_index_auto_update,
    reference_index_auto_update_disabled,
)

_state = threading.local()


@contextlib.contextmanager
def as_editor_saves():
    """Factory-made pages, questions and instruments are indexed (search and references), and
    pages logged as created, as an editor's saves are."""
    before = getattr(_state, "editor_saves", False)
    _state.editor_saves = True
    try:
        yield
    finally:
        _state.editor_saves = before


@contextlib.contextmanager
def without_indexing(model):
    """Saves of `model` (and any model's reference index) skip the indexing, unless the test
    asked for editor saves. The search index's save handler is a plain receiver (no switch),
    so it is disconnected for this model meanwhile; the reference index has Wagtail's own."""
    if getattr(_state, "editor_saves", False):
        yield
        return
    handler = search_signal_handlers.post_save_signal_handler
    disconnected = post_save.disconnect(handler, sender=model)
    try:
        if getattr(reference_index_auto_update_disabled, "value", False):
            yield
        else:
            with disable_reference_index_auto_update():
                yield
    finally:
        if disconnected:
            post_save.connect(handler, sender=model)


class PageFactory(wagtail_factories.PageFactory):
    """wagtail_factories' PageFactory, adding the page without indexing or history entry,
    validated as Wagtail validates a draft (``minimal_clean``: title, and the slug unique
    among its siblings). The full_clean a live page gets would re-check every foreign key
    and StreamField block of the factories' fixed content: half the cost of a course tree,
    which hundreds of tests build; the editor and service tests validate what people enter."""

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        if parent is None or getattr(_state, "editor_saves", False):
            return super()._create_instance(model_class, parent, kwargs)
        instance = model_class(**kwargs)

        def save(**kwargs):
            # treebeard's add_child calls save() with no arguments once the page has its place
            # in the tree (which minimal_clean's slug check reads); log_action=None is
            # Page.save's way to skip the "wagtail.create" history entry.
            instance.minimal_clean()
            return model_class.save(instance, clean=False, log_action=None, **kwargs)

        instance.save = save
        if "translation_key" not in kwargs:
            # A new translation key is no site's root page (Page.save would ask the database).
            instance._is_site_root = False
        try:
            with without_indexing(model_class):
                parent.add_child(instance=instance)
        finally:
            del instance.save
            instance.__dict__.pop("_is_site_root", None)
        return instance
