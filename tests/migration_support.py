"""A database of its own for a test of a data migration: empty at first, migrated forward only as
far as the test asks, and dropped afterwards.

Stepping the test database back to certificates 0002 meant unapplying every later migration of
every app that depends on certificates, then applying them all again: about a minute of CPU per
test, nearly all of it Django rendering model states. From an empty database, migrating to
("certificates", "0002_…") applies only that migration's ancestors (about 100, mostly
wagtailcore's, with few models in the state yet), and the step under test is one migration.

While the test runs, the "default" alias is a connection to that database, so the data
migrations, which reach their models through the default manager and so the "default" alias,
read and write there. The connection it replaces (the test database's, if this run has one, or
the configured database's, never opened) is put back untouched afterwards.
"""

import copy
import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
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


def scratch_database_name(settings_dict: dict) -> str:
    """test_<database>_steps (plus the pytest-xdist worker's name, if any): a name derived from
    this run's database, so two people's runs on one server do not meet, and fixed, so a run
    that was killed leaves nothing the next one doesn't drop."""
    name = f"test_{settings_dict['NAME'].removeprefix('test_')}_steps"
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{name}_{worker}" if worker else name


def migration_modules():
    """The settings' MIGRATION_MODULES. A run whose test database is built from the models has
    it replaced by pytest-django with one that hides every app's migrations."""
    module = importlib.import_module(settings.SETTINGS_MODULE)
    return getattr(module, "MIGRATION_MODULES", global_settings.MIGRATION_MODULES)


@contextmanager
def empty_database(directory: Path) -> Iterator[ForwardOnly]:
    """An empty database on the default alias's server (SQLite: a file in `directory`), the
    default alias pointing at it until the block ends. Needs database access unblocked."""
    from django.contrib.contenttypes.models import ContentType

    default = connections[DEFAULT_DB_ALIAS]
    settings_dict = copy.deepcopy(default.settings_dict)
    if default.vendor == "sqlite":
        settings_dict["NAME"] = str(directory / "steps.sqlite3")
        drop = None  # the file goes with the directory
    elif default.vendor == "postgresql":
        settings_dict["NAME"] = scratch_database_name(default.settings_dict)
        name = default.ops.quote_name(settings_dict["NAME"])
        drop = f"DROP DATABASE IF EXISTS {name}"
        suffix = default.creation.sql_table_creation_suffix()
        with default.creation._nodb_cursor() as cursor:
            cursor.execute(drop)
            cursor.execute(f"CREATE DATABASE {name} {suffix}")
    else:
        raise NotImplementedError(f"no empty database for {default.vendor}")

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
        if drop:
            with default.creation._nodb_cursor() as cursor:
                cursor.execute(drop)
