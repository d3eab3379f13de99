"""Makes pytest-xdist's `--dist loadgroup` group again under pytest 9.

A worker marks a test of a group by renaming it: pytest-xdist 3.8 sets ``item._nodeid`` to
"<nodeid>@<group>", and its controller sends every test id with the same suffix to one worker.
pytest 9 keeps a node's id in ``item._id`` and no longer reads ``_nodeid``, so the rename was
lost, every group was one test, and state a module builds once (tests/conftest.py marks those
modules) was built again in every worker. This plugin (loaded by pyproject's addopts) runs after
pytest-xdist's hook and carries the rename over to where pytest 9 reads it.

It also gives back the ids other plugins lose the same way: schemathesis names one test per API
operation ("test_api_conforms_to_its_schema[GET /api/v1/verify/{code}]"), but under pytest 9
every one of them had the bare function's id, and pytest-xdist, which hands tests out by id,
ran only one of them.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items):
    from _pytest.nodeid import coerce_node_id

    # Before every other implementation (pytest-xdist groups by these ids): an item whose id lost
    # the parameters its name has gets them back, its parent's id and its own name, as pytest 8
    # made it.
    for item in items:
        if "[" in item.name and not item.nodeid.endswith("]"):
            item._id = coerce_node_id(f"{item.parent.nodeid}::{item.name}")
    result = yield
    # After them all: pytest-xdist's group renames, where pytest 9 reads an id.
    for item in items:
        renamed = item.__dict__.pop("_nodeid", None)
        if renamed is not None and renamed != item.nodeid:
            item._id = coerce_node_id(renamed)
    return result
