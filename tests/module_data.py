"""A test module's data built once per module (per test process) instead of once per test.

Many modules build the same rows for every test: a course tree with its Spanish translation,
question banks, quizzes. ``module_data(build)`` makes two fixtures of a builder function:

    course_rows, course = module_data(build_course)

- ``<name>_rows`` (module scope): on PostgreSQL, runs ``build()`` once inside a transaction
  marked as a test case's (so the code it runs behaves as it would in a test: no on_commit
  callbacks run, no generation is left waiting for a commit), keeps as COPY data every table
  whose rows it changed and the sequences' values, then rolls back. What ``build()`` returned
  is kept with each model instance replaced by its model and primary key.
- ``<name>`` (function scope, the builder's own name): puts those tables' rows back inside the
  test's transaction (its rollback takes them away again) and returns what ``build()`` returned,
  with each model instance fetched afresh by primary key (one instance per row, so objects that
  were the same before are the same again). Elsewhere (SQLite) it runs ``build()`` for this test.

Ask for it before any fixture that adds rows to the same tables (restoring replaces those tables'
rows; it refuses rather than losing them). Transactional and live-server tests must not use it
(their data must be committed, and the flush after them would not know these rows).

Outside the database: caches (Django's, the issuer keys, billing rules) are emptied around each
test, since restored rows come back with the same primary keys and generation values an earlier
test's cache entries were stored under. Files a builder stores stay in the process's MEDIA_ROOT
(rolling back never deleted them), so a test must not delete a restored row's file.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from wagtail.models import Page

from tests.demo_snapshot import clear_caches, sequence_values


@dataclasses.dataclass(frozen=True)
class _Row:
    """A model instance as kept between tests: its class and primary key."""

    model: type
    pk: Any


@dataclasses.dataclass
class Rows:
    """One builder's data: the changed tables' rows (table → COPY data, b"" for a table it
    emptied), how many rows each held before, the sequences' values and what the builder
    returned, instances as ``_Row``."""

    tables: dict[str, bytes]
    starting: dict[str, int]
    sequences: dict[str, int]
    shape: Any


def _freeze(value, seen: dict[int, Any]):
    from django.db import models

    if id(value) in seen:
        return seen[id(value)]
    if isinstance(value, models.Model):
        if value.pk is None:
            raise ValueError(f"module_data: an unsaved {type(value).__name__} can't be restored")
        frozen = _Row(type(value), value.pk)
    elif isinstance(value, list | set | frozenset):
        frozen = type(value)(_freeze(item, seen) for item in value)
    elif isinstance(value, tuple):
        items = [_freeze(item, seen) for item in value]
        frozen = type(value)._make(items) if hasattr(value, "_fields") else tuple(items)
    elif isinstance(value, dict):
        frozen = {key: _freeze(item, seen) for key, item in value.items()}
    elif hasattr(value, "__dict__") and not isinstance(value, type) and not callable(value):
        # A dataclass or a plain object holding the builder's instances: a copy of it.
        frozen = copy.copy(value)
        frozen.__dict__.update({key: _freeze(item, seen) for key, item in vars(value).items()})
    else:
        frozen = value  # a string, a number, a date: kept as it is
    seen[id(value)] = frozen
    return frozen


def _rows_in(shape, found: dict[type, set]) -> None:
    if isinstance(shape, _Row):
        found[shape.model].add(shape.pk)
    elif isinstance(shape, list | set | frozenset | tuple):
        for item in shape:
            _rows_in(item, found)
    elif isinstance(shape, dict):
        for item in shape.values():
            _rows_in(item, found)
    elif hasattr(shape, "__dict__") and not isinstance(shape, type) and not callable(shape):
        for item in vars(shape).values():
            _rows_in(item, found)


def _thaw(shape, instances: dict[_Row, Any], seen: dict[int, Any]):
    if isinstance(shape, _Row):
        return instances[shape]
    if id(shape) in seen:
        return seen[id(shape)]
    if isinstance(shape, list | set | frozenset):
        thawed = type(shape)(_thaw(item, instances, seen) for item in shape)
    elif isinstance(shape, tuple):
        items = [_thaw(item, instances, seen) for item in shape]
        thawed = type(shape)._make(items) if hasattr(shape, "_fields") else tuple(items)
    elif isinstance(shape, dict):
        thawed = {key: _thaw(item, instances, seen) for key, item in shape.items()}
    elif hasattr(shape, "__dict__") and not isinstance(shape, type) and not callable(shape):
        # A fresh copy for each test: one test's changes to it never reach the next.
        thawed = copy.copy(shape)
        thawed.__dict__.update(
            {key: _thaw(item, instances, seen) for key, item in vars(shape).items()}
        )
    else:
        thawed = shape
    seen[id(shape)] = thawed
    return thawed


def _fetch(shape):
    """What the builder returned, each instance fetched from the database: one query a model."""
    wanted: dict[type, set] = defaultdict(set)
    _rows_in(shape, wanted)
    instances = {}
    for model, pks in wanted.items():
        found = model._base_manager.in_bulk(pks)
        for pk in pks:
            if pk not in found:
                raise LookupError(f"module_data: {model.__name__} {pk} is not in the database")
            instances[_Row(model, pk)] = found[pk]
    return _thaw(shape, instances, {})


def _table_rows(connection) -> dict[str, bytes]:
    """Every non-empty table, as COPY data (compared whole: the changed tables are those whose
    data differs; the test's own process copies them back, so no column list is needed)."""
    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608 (a model's table)
            if cursor.fetchone()[0]:
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as reader:
                    rows[table] = b"".join(bytes(block) for block in reader)
    return rows


def _count_rows(cursor, quote, tables) -> dict[str, int]:
    if not tables:
        return {}
    cursor.execute(
        " UNION ALL ".join(
            f"SELECT %s, count(*) FROM {quote(table)}"  # noqa: S608 (a model's table)
            for table in tables
        ),
        list(tables),
    )
    return dict(cursor.fetchall())


def _build_rows(build: Callable[[], Any]) -> Rows:
    """Run ``build()`` in a transaction that is rolled back, keeping what it changed."""
    from django.db import connection, transaction

    if connection.in_atomic_block:  # a test's transaction: the rows would not be the module's
        raise RuntimeError("module_data: rows built inside a transaction")
    clear_caches()
    before = _table_rows(connection)
    # Marked as a test case's own block, as pytest-django marks a test's: code that asks
    # whether its writes can still roll back (core.generations) sees what a test would.
    block = transaction.atomic(using=connection.alias)
    block._from_testcase = True
    block.__enter__()
    try:
        shape = _freeze(build(), {})
        after = _table_rows(connection)
        sequences = sequence_values(connection)
    finally:
        transaction.set_rollback(True, using=connection.alias)
        block.__exit__(None, None, None)
        clear_caches()
    tables = {
        table: after.get(table, b"")
        for table in before.keys() | after.keys()
        if before.get(table) != after.get(table)
    }
    # The starting rows' counts in those tables: a test's database must still hold just these
    # when they are restored (see _restore).
    with connection.cursor() as cursor:
        starting = _count_rows(cursor, connection.ops.quote_name, sorted(tables))
    return Rows(tables=tables, starting=starting, sequences=sequences, shape=shape)


def _restore(rows: Rows, name: str) -> None:
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        now = _count_rows(cursor, quote, sorted(rows.tables))
        added = sorted(table for table, count in now.items() if count != rows.starting[table])
        if added:
            raise RuntimeError(
                f"module_data: the test added rows to {', '.join(added)} before '{name}' "
                "restored them; ask for it before the fixtures that add rows"
            )
        # Foreign keys are deferrable, so the order of the deletes and copies does not matter.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, data in rows.tables.items():
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 (a model's table)
            if data:
                with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as writer:
                    writer.write(data)
        # Sequences are not rolled back: new rows must never take a restored row's id.
        cursor.execute(
            "SELECT setval(s.name::regclass, GREATEST(s.value, COALESCE(p.last_value, 0))) "
            "FROM unnest(%s::text[], %s::bigint[]) AS s(name, value) "
            "JOIN pg_sequences p ON format('%%I.%%I', p.schemaname, p.sequencename) = s.name",
            [list(rows.sequences), list(rows.sequences.values())],
        )


def home_page():
    """The site's home page (slug "peercert") as the default site's root: tests/conftest.py's
    ``home`` fixture, and builders that run once for a module (which can't ask for that
    function-scoped fixture)."""
    from wagtail.models import Page, Site

    from tests.factories import HomePageFactory

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="peercert")
    site = Site.objects.get(is_default_site=True)
    old = site.root_page
    site.root_page = home
    site.save()
    if old.pk != home.pk and old.depth == 2:
        remove_welcome_page(old)
    return home


def remove_welcome_page(page) -> None:
    """Deletes the starting rows' "Welcome to your new Wagtail site!" page. Nothing points at
    it (no child, revision, log entry or alias), so two statements do what Wagtail's delete
    action does with an unpublish signal, a log entry and Django's collector asking 20-odd
    related tables: that was two thirds of ``home_page()``, which some 580 tests ask for. If
    a row did point at it, the foreign-key check Django runs as the test ends would fail."""
    if page.numchild or page.specific_class is not Page:
        page.delete()
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM wagtailcore_page WHERE id = %s", [page.pk])
        cursor.execute(
            "UPDATE wagtailcore_page SET numchild = numchild - 1 WHERE depth = 1 AND path = %s",
            [page.path[: Page.steplen]],
        )


def module_data(build: Callable[[], Any], *, name: str | None = None):
    """The module-scoped ``<name>_rows`` and function-scoped ``<name>`` fixtures of ``build``
    (a function of no arguments that makes rows and returns what the tests read: instances,
    lists, dicts, dataclasses or plain objects holding them); ``name`` defaults to the
    builder's name without a leading ``build_``."""
    name = name or build.__name__.removeprefix("build_")
    rows_name = f"{name}_rows"

    def rows_fixture(django_db_setup, django_db_blocker):
        from django.db import connection

        if connection.vendor != "postgresql":
            return None
        with django_db_blocker.unblock():
            return _build_rows(build)

    def data_fixture(db, **fixtures):
        rows = fixtures[rows_name]
        clear_caches()
        if rows is None:  # not PostgreSQL: built for this test alone
            data = build()
        else:
            _restore(rows, name)
            data = _fetch(rows.shape)
        yield data
        clear_caches()

    # Named in the signature, not fetched with getfixturevalue: pytest then sets the module's
    # fixture up before any of the test's own (before its transaction begins).
    data_fixture.__signature__ = inspect.Signature(
        [
            inspect.Parameter("db", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            inspect.Parameter(rows_name, inspect.Parameter.KEYWORD_ONLY),
        ]
    )
    # They belong to the test module that defines the builder (tests/conftest.py keeps a
    # module's tests together when it has module-scoped fixtures of its own).
    for function in (rows_fixture, data_fixture):
        function.__module__ = build.__module__
        function.__qualname__ = function.__name__ = f"{name}__{function.__name__}"
    return (
        pytest.fixture(scope="module", name=rows_name)(rows_fixture),
        pytest.fixture(name=name)(data_fixture),
    )
