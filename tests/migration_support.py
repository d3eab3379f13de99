"""Databases of their own for the tests of a data migration's step: made empty (or as a copy of
one), migrated forward only as far as the test asks, and dropped afterwards.

Stepping the test database back to certificates 0002 meant unapplying every later migration of
every app that depends on certificates, then applying them all again: about a minute of CPU per
test, nearly all of it Django rendering model states. From an empty database, migrating to
("certificates", "0002_…") applies only that migration's ancestors (about 100, mostly
wagtailcore's, with few models in the state yet), and the step under test is one migration.

While a test runs, the "default" alias is a connection to its database (on_default), so the
data migrations, which reach their models through the default manager and so the "default"
alias, read and write there. The connection it replaces (the test database's, if this run has
one, or the configured database's, never opened) is put back untouched afterwards.
"""

import copy
import importlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from django.apps.registry import Apps
from django.conf import global_settings, settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

Target = tuple[str, str]


class ForwardOnly:
    """Migrates its database forward to the given migrations, never back."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def migrate(self, *targets: Target) -> Apps:
        """Apply what the targets need that is not applied yet (their ancestors, not the rest of
        the project); return the historical models as they are at the targets."""
        executor = MigrationExecutor(self.connection)
        plan = executor.migration_plan(targets)
        backwards = [str(migration) for migration, backward in plan if backward]
        if backwards:
            # Unapplying is what made these tests slow; a test asking for it is mistaken.
            raise AssertionError(f"only migrates forward; would unapply {backwards}")
        executor.migrate(targets, plan=plan)
        return executor.loader.project_state(targets).apps


def scratch_database_name(settings_dict: dict, label: str) -> str:
    """test_<database>_steps_<label> (plus the pytest-xdist worker's name, if any): derived from
    this run's database, so two people's runs on one server do not meet, and fixed, so a run
    that was killed leaves nothing the next one doesn't drop."""
    name = f"test_{settings_dict['NAME'].removeprefix('test_')}_steps_{label}"
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{name}_{worker}" if worker else name


@contextmanager
def scratch_database(directory: Path, label: str, *, copy_of: dict | None = None) -> Iterator[dict]:
    """A database on the default alias's server (SQLite: a file in `directory`), empty or a copy
    of the one whose settings are `copy_of`; yields its settings, drops it afterwards. Needs
    database access unblocked, and no connection open to `copy_of`'s database."""
    default = connections[DEFAULT_DB_ALIAS]
    settings_dict = copy.deepcopy(default.settings_dict)
    if default.vendor == "sqlite":
        settings_dict["NAME"] = str(directory / f"{label}.sqlite3")
        if copy_of:
            with (
                closing(sqlite3.connect(copy_of["NAME"])) as source,
                closing(sqlite3.connect(settings_dict["NAME"])) as target,
            ):
                source.backup(target)
        yield settings_dict  # the file goes with the directory
        return
    if default.vendor != "postgresql":
        raise NotImplementedError(f"no scratch database on {default.vendor}")

    settings_dict["NAME"] = scratch_database_name(default.settings_dict, label)
    name = default.ops.quote_name(settings_dict["NAME"])
    if copy_of:
        # A file-level copy of the template: no migration is applied again.
        create = f"CREATE DATABASE {name} TEMPLATE {default.ops.quote_name(copy_of['NAME'])}"
    else:
        create = f"CREATE DATABASE {name} {default.creation.sql_table_creation_suffix()}"
    drop = f"DROP DATABASE IF EXISTS {name}"
    with default.creation._nodb_cursor() as cursor:
        cursor.execute(drop)
        cursor.execute(create)
    try:
        yield settings_dict
    finally:
        with default.creation._nodb_cursor() as cursor:
            cursor.execute(drop)


def migration_modules():
    """The settings' MIGRATION_MODULES. A run whose test database is built from the models has
    it replaced by pytest-django with one that hides every app's migrations."""
    module = importlib.import_module(settings.SETTINGS_MODULE)
    return getattr(module, "MIGRATION_MODULES", global_settings.MIGRATION_MODULES)


@contextmanager
def on_default(settings_dict: dict) -> Iterator[ForwardOnly]:
    """The default alias connected to the database whose settings are given, until the block
    ends (its connection is closed then)."""
    from django.contrib.contenttypes.models import ContentType

    default = connections[DEFAULT_DB_ALIAS]
    scratch = default.__class__(settings_dict, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = scratch
    # Content types are cached per alias: ids read in one database must not be used in another.
    ContentType.objects.clear_cache()
    try:
        with override_settings(MIGRATION_MODULES=migration_modules()):
            yield ForwardOnly(scratch)
    finally:
        scratch.close()
        connections[DEFAULT_DB_ALIAS] = default
        ContentType.objects.clear_cache()
