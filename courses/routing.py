"""Wagtail routing for the course tree (course → module → lesson) in one query.

Wagtail's `Page.route` walks one level at a time: for each URL component a query for the child
with that slug and another for its `.specific` form, whose `route` is then called. Under the
course index that is six queries for a lesson URL. `route_below` finds every page the walk would
visit with one query and makes the same decisions: each component must be the slug of a child
of the page before it (else 404), only the last page is checked for `live` (else 404), and the
page served is the last one's `.specific` form. A page on the way whose class routes differently
(overrides `route`) is handed the rest of the path, exactly as Wagtail's walk would do.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page


def _routes_like_page(page: Page) -> bool:
    model = page.specific_class
    return model is None or model.route is Page.route


def route_below(parent: Page, request, path_components: list[str]):
    if len(path_components) < 2:
        # One level (or none): Wagtail's own walk is already a single child lookup.
        return Page.route(parent, request, path_components)
    levels = Q()
    for position, slug in enumerate(path_components):
        levels |= Q(depth=parent.depth + 1 + position, slug=slug)
    candidates = Page.objects.filter(levels, path__startswith=parent.path)
    by_parent_and_slug: dict[tuple[str, str], Page] = {}
    for page in candidates:
        key = (page.path[: -Page.steplen], page.slug)
        if key in by_parent_and_slug:
            # Two siblings with one slug: let Wagtail's walk fail the way it always has.
            return Page.route(parent, request, path_components)
        by_parent_and_slug[key] = page

    current: Page = parent
    for position, slug in enumerate(path_components):
        child = by_parent_and_slug.get((current.path, slug))
        if child is None:
            raise Http404
        child._cached_parent_obj = current
        remaining = path_components[position + 1 :]
        if remaining and _routes_like_page(child):
            current = child
            continue
        # The last page, or one whose class routes the rest itself.
        return child.specific.route(request, remaining)
    raise Http404  # not reached: the loop returns on the last component


__all__ = ["route_below"]
