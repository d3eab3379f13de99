"""The demo (`seed_demo --force`, as `make demo` builds it), seeded once per test run.

Seeding the whole demo takes about a minute of CPU; a dozen test modules read it. On PostgreSQL
the session fixture `demo_snapshot` runs seed_demo once into the (model-built) test database,
keeps every non-empty table as COPY data (with its column list, so it loads into any database
with the same tables, however their columns were ordered) and the sequences' values, then puts
the starting rows back. The function fixture `seeded_demo` copies the demo in again for one
test: inside the test's transaction for a plain django_db test (its rollback takes it away),
committed for a transactional or live-server test (the usual flush takes it away). Elsewhere
(SQLite) each test that asks for it runs seed_demo itself.

Under pytest-xdist the workers share one seeding: the first worker to need the demo seeds it
while holding a file lock in the run's own temporary folder (pytest's basetemp, which a new run
never reuses) and writes the snapshot there; the others wait on the lock, then load the file.
The file is named by the database's shape (content type ids, tables and columns): a worker
whose database was built differently (by the real migrations) seeds one of its own.

What seeding leaves outside the database travels with the snapshot or is cleared: the issuer
keys it signs with live in a folder of the run's (each seeded test reads them from there), the
files it stores are kept and written into each worker's own MEDIA_ROOT and private storage, and
caches that remember the demo (Django's cache, the issuer keys and billing-rule caches) are
emptied after seeding and around each test.
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import io
import logging
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections

from tests.threads import in_a_plain_thread

# The password every demo account gets (seed_demo reads DEMO_PASSWORD), and where the demo says
# it is served (SITE_URL): not the test settings' default, so a test can tell it was used.
DEMO_PASSWORD = "demo-password-1"
DEMO_SITE_URL = "http://127.0.0.1:8123"


@dataclass
class SeededDemo:
    """What seed_demo printed and logged (INFO and up) when it ran, and the password its
    accounts have. The rows are in the test's database. The log records keep their logger's
    name, level and message (what can cross from one process to another), not their arguments
    or tracebacks."""

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
    demo: SeededDemo | None
    # table → (its columns, COPY data of those columns)
    rows: dict[str, tuple[list[str], bytes]] = field(default_factory=dict)
    sequences: dict[str, int] = field(default_factory=dict)  # "schema"."name" → last value
    # (storage alias, name) → content: the files seeding stored
    files: dict[tuple[str, str], bytes] = field(default_factory=dict)


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.NOTSET)
        self.records = []

    def emit(self, record):
        # Reduced to what pickles whatever the arguments were: another worker may read it.
        self.records.append(
            logging.makeLogRecord(
                {
                    "name": record.name,
                    "levelno": record.levelno,
                    "levelname": record.levelname,
                    "msg": record.getMessage(),
                    "args": None,
                    "created": record.created,
                }
            )
        )


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
    """What remembers a database's rows outside it, and the issuer keys: a restored or
    rolled-back demo must not meet the answers cached for another, nor sign with its keys."""
    from certificates.keys import clear_issuer_keys_cache

    clear_row_caches()
    clear_issuer_keys_cache()


def clear_row_caches() -> None:
    """What remembers a database's rows outside it: Django's caches (with the generation
    counters), the entries each process keeps of them, the billing rules."""
    from django.core.cache import caches

    from core import generations
    from payers.selectors import clear_cache as clear_billing_cache

    for cache in caches.all():
        cache.clear()
    generations.forget_local()
    clear_billing_cache()


def _tables(connection) -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def table_columns(connection, tables) -> dict[str, list[str]]:
    """Each table's columns in the order of its definition (generated ones left out: COPY
    cannot write them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, array_agg(a.attname::text ORDER BY a.attnum) "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
            "WHERE c.relname = ANY(%s) AND c.relkind IN ('r', 'p') "
            "AND pg_table_is_visible(c.oid) "
            "AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
            "GROUP BY c.relname",
            [list(tables)],
        )
        return dict(cursor.fetchall())


def _column_list(connection, columns: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(column) for column in columns)


def copy_out(connection) -> dict[str, tuple[list[str], bytes]]:
    """Every non-empty table, as its columns and COPY data of them."""
    quote = connection.ops.quote_name
    tables = _tables(connection)
    columns = table_columns(connection, tables)
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608 (a model's table)
            if cursor.fetchone()[0]:
                names = columns[table]
                statement = f"COPY {quote(table)} ({_column_list(connection, names)}) TO STDOUT"
                with cursor.cursor.copy(statement) as copy:
                    rows[table] = (names, b"".join(bytes(block) for block in copy))
    return rows


def sequence_values(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences "
            "WHERE last_value IS NOT NULL"
        )
        return dict(cursor.fetchall())


def copy_in(
    connection,
    rows: dict[str, tuple[list[str], bytes]],
    sequences: dict[str, int] | None = None,
) -> None:
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
        for table, (columns, data) in rows.items():
            statement = f"COPY {quote(table)} ({_column_list(connection, columns)}) FROM STDIN"
            with cursor.cursor.copy(statement) as copy:
                copy.write(data)
        if sequences:
            cursor.execute(
                "SELECT setval(s.name::regclass, GREATEST(s.value, COALESCE(p.last_value, 0))) "
                "FROM unnest(%s::text[], %s::bigint[]) AS s(name, value) "
                "JOIN pg_sequences p ON format('%%I.%%I', p.schemaname, p.sequencename) = s.name",
                [list(sequences), list(sequences.values())],
            )


def _table_shape(connection) -> list:
    tables = _tables(connection)
    columns = table_columns(connection, tables)
    return sorted((table, sorted(columns.get(table, []))) for table in tables)


def _digest(shape) -> str:
    return hashlib.sha256(repr(shape).encode()).hexdigest()[:16]


def database_shape(connection) -> str:
    """A digest of what a snapshot must match to be copied into this database: its tables'
    columns (as sets: COPY names them) and its content types' ids, which Django and Wagtail
    cache in the process (a page's specific class, a permission policy's model)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type ORDER BY id")
        content_types = cursor.fetchall()
    return _digest((_table_shape(connection), content_types))


def share_starting_rows(connection, folder: Path) -> None:
    """Under pytest-xdist, make every worker's freshly built database hold the same rows: the
    first worker to get here writes its rows (and sequences) to the run's folder, the others
    copy them in. Building a database from the models numbers the content types in an order
    that changes from process to process (page types first in one, last in another), and a
    snapshot carries its content type ids: without this two workers would rarely share one.
    Called before any test runs, so nothing in the process has cached the ids it replaces."""
    from django.contrib.contenttypes.models import ContentType

    path = folder / f"start-{_digest(_table_shape(connection))}.pickle"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "start.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # released when the file closes
        if path.exists():
            rows, sequences = pickle.loads(path.read_bytes())  # noqa: S301 (written by this run)
            copy_in(connection, rows, sequences)
            ContentType.objects.clear_cache()
            clear_caches()
        else:
            partial = path.with_suffix(".partial")
            partial.write_bytes(pickle.dumps((copy_out(connection), sequence_values(connection))))
            partial.replace(path)


def _file_storages() -> dict[str, Path]:
    """Where seeding may store files: each file-system storage but the static files'."""
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage, storages

    found = {}
    for alias in settings.STORAGES:
        storage = storages[alias]
        if alias != "staticfiles" and isinstance(storage, FileSystemStorage):
            found[alias] = Path(storage.location)
    return found


def _file_stamps() -> dict[tuple[str, str], tuple[int, int]]:
    stamps = {}
    for alias, root in _file_storages().items():
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                stat = path.stat()
                stamps[alias, str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return stamps


def _files_since(before: dict[tuple[str, str], tuple[int, int]]) -> dict[tuple[str, str], bytes]:
    roots = _file_storages()
    return {
        (alias, name): (roots[alias] / name).read_bytes()
        for (alias, name), stamp in _file_stamps().items()
        if before.get((alias, name)) != stamp
    }


def place_files(files: dict[tuple[str, str], bytes]) -> None:
    """The files another process's seeding stored, in this process's storages."""
    roots = _file_storages()
    for (alias, name), content in files.items():
        path = roots[alias] / name
        if not path.exists() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def seed_snapshot(connection, key_dir: Path) -> Snapshot:
    """seed_demo into this database, kept as a snapshot; the database's own rows are put back."""
    return _off_the_event_loop(lambda: _seed_into(connections[connection.alias], key_dir))


def _seed_into(connection, key_dir: Path) -> Snapshot:
    starting_rows = copy_out(connection)
    files_before = _file_stamps()
    try:
        demo = run_seed_demo({"ISSUER_KEY_DIR": key_dir})
        return Snapshot(
            key_dir=key_dir,
            demo=demo,
            rows=copy_out(connection),
            sequences=sequence_values(connection),
            files=_files_since(files_before),
        )
    finally:
        copy_in(connection, starting_rows)
        clear_caches()


def _off_the_event_loop(build):
    """build() here, or in a plain thread when this thread runs an event loop (a browser
    test's Playwright): seeding signs certificates with pyHanko, which starts its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return build()
    return in_a_plain_thread(build)


def shared_snapshot(connection, folder: Path) -> Snapshot:
    """The run's snapshot for a database of this shape: read from `folder`, or seeded here and
    written there for the other workers, under a lock so only one worker seeds it."""
    shape = database_shape(connection)
    path = folder / f"demo-{shape}.pickle"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "demo.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # released when the file closes
        if path.exists():
            snapshot = pickle.loads(path.read_bytes())  # noqa: S301 (written by this run)
            place_files(snapshot.files)
            return snapshot
        snapshot = seed_snapshot(connection, folder / f"issuer-{shape}")
        partial = path.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)  # whole or not there
        return snapshot


def run_folder(tmp_path_factory) -> Path | None:
    """Under pytest-xdist, a folder of this run's that every worker sees: the controller's
    basetemp (each worker's is a folder in it), fresh for every run. None in a serial run."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return None
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "run")
    return tmp_path_factory.getbasetemp().parent / f"demo-{run}"


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the test run (PostgreSQL; None elsewhere)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return Snapshot(key_dir=tmp_path_factory.mktemp("demo-issuer"), demo=None)
    folder = run_folder(tmp_path_factory)
    with django_db_blocker.unblock():
        # The session's starting rows (Wagtail's root page, site, locales and the content types
        # the snapshot's name is made of), as every test starts from: the first test to need
        # the demo may come straight after a transactional test, whose flush left the tables
        # empty (the next transactional test puts them back only once session fixtures such as
        # this one are set up).
        connection.creation.deserialize_db_from_string("")  # by COPY (tests/conftest.py)
        if folder is None:
            return seed_snapshot(connection, tmp_path_factory.mktemp("demo-issuer"))
        return shared_snapshot(connection, folder)


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

        def seed() -> SeededDemo:
            return run_seed_demo({"ISSUER_KEY_DIR": demo_snapshot.key_dir})

        # A browser test that follows another finds Playwright's event loop still running in
        # this thread (tests/browser/conftest.py): it is seeded in a plain thread then, whose
        # rows are committed, as a browser test's must be for the live server to read them.
        with TestCase.captureOnCommitCallbacks(using=connection.alias, execute=True):
            demo = _off_the_event_loop(seed)
    else:
        copy_in(connection, demo_snapshot.rows, demo_snapshot.sequences)
        demo = SeededDemo(
            lines=list(demo_snapshot.demo.lines), records=list(demo_snapshot.demo.records)
        )
    yield demo
    clear_caches()
