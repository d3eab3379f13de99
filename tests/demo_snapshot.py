"""The demo (`seed_demo --force`, as `make demo` builds it), seeded once per test process.

Seeding the whole demo takes about a minute of CPU; a dozen test modules read it. On PostgreSQL
the session fixture `demo_snapshot` runs seed_demo once into the (model-built) test database,
keeps every non-empty table as COPY data and the sequences' values, then puts the starting rows
back. The function fixture `seeded_demo` copies the demo in again for one test: inside the
test's transaction for a plain django_db test (its rollback takes it away), committed for a
transactional or live-server test (the usual flush takes it away). Elsewhere (SQLite) each test
that asks for it runs seed_demo itself.

What seeding leaves outside the database is kept for the session or cleared: the issuer keys
it signs with live in a folder of the session's (each seeded test reads them from there), the
files it stores stay in the worker's own MEDIA_ROOT, and caches that remember the demo (Django's
cache, the issuer keys and billing-rule caches) are emptied after seeding and around each test.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# The password every demo account gets (seed_demo reads DEMO_PASSWORD), and where the demo says
# it is served (SITE_URL): not the test settings' default, so a test can tell it was used.
DEMO_PASSWORD = "demo-password-1"
DEMO_SITE_URL = "http://127.0.0.1:8123"


@dataclass
class SeededDemo:
    """What seed_demo printed and logged (INFO and up) when it ran, and the password its
    accounts have. The rows are in the test's database."""

    lines: list[str]
    records: list[logging.LogRecord]
    password: str = DEMO_PASSWORD

    @property
    def output(self) -> str:
        return "\n".join(self.lines) + "\n"

    def users(self) -> dict:
        from accounts.models import User

        return {user.email: user for user in User.objects.all()}

    def course(self):
        from courses.demo import COURSE_SLUG
        from courses.models import CoursePage

        return CoursePage.objects.get(slug=COURSE_SLUG)


@dataclass
class Snapshot:
    key_dir: Path
    demo: SeededDemo
    rows: dict[str, bytes] = field(default_factory=dict)  # table → COPY data
    sequences: dict[str, int] = field(default_factory=dict)  # "schema"."name" → last value


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.NOTSET)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def run_seed_demo(settings_override) -> SeededDemo:
    """seed_demo --force with the demo's password and SITE_URL, its output and its log
    records (INFO and up, as caplog.at_level(INFO) would have them) kept."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    from certificates.keys import clear_issuer_keys_cache

    out, handler = io.StringIO(), _Records()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        with (
            pytest.MonkeyPatch.context() as env,
            override_settings(
                SITE_URL=DEMO_SITE_URL, WAGTAILADMIN_BASE_URL=DEMO_SITE_URL, **settings_override
            ),
        ):
            env.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
            call_command("seed_demo", "--force", stdout=out)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        clear_issuer_keys_cache()
    return SeededDemo(lines=out.getvalue().splitlines(), records=handler.records)


def clear_caches() -> None:
    """What remembers a database's rows outside it: a restored or rolled-back demo must not
    meet the answers cached for another."""
    from django.core.cache import caches

    from certificates.keys import clear_issuer_keys_cache
    from payers.selectors import clear_cache as clear_billing_cache

    for cache in caches.all():
        cache.clear()
    clear_issuer_keys_cache()
    clear_billing_cache()


def _tables(connection) -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def copy_out(connection) -> dict[str, bytes]:
    """Every non-empty table, as COPY data."""
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for table in _tables(connection):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608 (a model's table)
            if cursor.fetchone()[0]:
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    rows[table] = b"".join(bytes(block) for block in copy)
    return rows


def sequence_values(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences "
            "WHERE last_value IS NOT NULL"
        )
        return dict(cursor.fetchall())


def copy_in(connection, rows: dict[str, bytes], sequences: dict[str, int] | None = None) -> None:
    """Replace every table's rows with `rows` (in the current transaction, or committed when
    there is none), and move each sequence up to at least its value in `sequences`, so new rows
    never take a restored row's id (sequences are not rolled back, and a flush that resets them
    may have moved them down)."""
    from django.db import transaction

    quote = connection.ops.quote_name
    names = ", ".join("'{}'".format(table.replace("'", "''")) for table in _tables(connection))
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Foreign keys are deferrable, so the order of the deletes and copies does not matter.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            f"""DO $$ DECLARE name text; BEGIN
            FOREACH name IN ARRAY ARRAY[{names}]::text[] LOOP
                EXECUTE format(
                    'DELETE FROM %1$I WHERE EXISTS (SELECT 1 FROM %1$I LIMIT 1)', name
                );
            END LOOP; END $$"""  # noqa: S608 (the models' tables, as literals)
        )
        for table, data in rows.items():
            with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                copy.write(data)
        if sequences:
            cursor.execute(
                "SELECT setval(s.name::regclass, GREATEST(s.value, COALESCE(p.last_value, 0))) "
                "FROM unnest(%s::text[], %s::bigint[]) AS s(name, value) "
                "JOIN pg_sequences p ON format('%%I.%%I', p.schemaname, p.sequencename) = s.name",
                [list(sequences), list(sequences.values())],
            )


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the test process (PostgreSQL; None elsewhere)."""
    from django.db import connection

    key_dir = tmp_path_factory.mktemp("demo-issuer")
    if connection.vendor != "postgresql":
        return Snapshot(key_dir=key_dir, demo=None)
    with django_db_blocker.unblock():
        starting_rows = copy_out(connection)
        try:
            demo = run_seed_demo({"ISSUER_KEY_DIR": key_dir})
            snapshot = Snapshot(
                key_dir=key_dir,
                demo=demo,
                rows=copy_out(connection),
                sequences=sequence_values(connection),
            )
        finally:
            copy_in(connection, starting_rows)
            clear_caches()
    return snapshot


@pytest.fixture
def seeded_demo(request, demo_snapshot, settings, db) -> SeededDemo:
    """The demo as seed_demo builds it, in this test's database (ask for it before any fixture
    that adds rows: restoring replaces every table's rows). Its issuer keys, SITE_URL and
    password are the seeding's."""
    from django.db import connection

    settings.ISSUER_KEY_DIR = demo_snapshot.key_dir
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = DEMO_SITE_URL
    clear_caches()
    if demo_snapshot.demo is None:  # not PostgreSQL: seeded for this test alone
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(using=connection.alias, execute=True):
            demo = run_seed_demo({"ISSUER_KEY_DIR": demo_snapshot.key_dir})
    else:
        copy_in(connection, demo_snapshot.rows, demo_snapshot.sequences)
        demo = SeededDemo(
            lines=list(demo_snapshot.demo.lines), records=list(demo_snapshot.demo.records)
        )
    yield demo
    clear_caches()
