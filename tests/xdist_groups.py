"""Makes pytest-xdist's `--dist loadgroup` group again under pytest 9.

A worker marks a test of a group by renaming it: pytest-xdist 3.8 sets ``item._nodeid`` to
"<nodeid>@<group>", and its controller sends every test id with the same suffix to one worker.
pytest 9 keeps a node's id in ``item._id`` and no longer reads ``_nodeid``, so the rename was
lost, every group was one test, and state a module builds once (tests/conftest.py marks those
modules) was built again in every worker. This plugin (loaded by pyproject's addopts) runs after
pytest-xdist's hook and carries the rename over to where pytest 9 reads it.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items) -> None:
    from _pytest.nodeid import coerce_node_id

    for item in items:
        renamed = item.__dict__.pop("_nodeid", None)
        if renamed is not None and renamed != item.nodeid:
            item._id = coerce_node_id(renamed)
