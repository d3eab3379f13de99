import gc
import os
from dataclasses import dataclass
from io import StringIO

import factory.random
import hypothesis
import pytest

# The demo seeded once per test run: the `seeded_demo` fixture (tests/demo_snapshot.py).
from tests.demo_snapshot import (  # noqa: F401
    clear_row_caches,
    demo_snapshot,
    run_folder,
    seeded_demo,
    share_starting_rows,
)
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)
from tests.module_data import home_page

IN_CI = os.environ.get("CI") == "true"

# A red CI run throws away a whole session's work, so CI must not fail on luck. In CI,
# hypothesis replays the same examples every run and has no per-example deadline (two busy
# cores make timings meaningless); on a laptop it keeps exploring new examples. Faker's names
# are seeded so a name can't differ from run to run.
hypothesis.settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis.settings.register_profile("dev", deadline=None)
hypothesis.settings.load_profile("ci" if IN_CI else "dev")
factory.random.reseed_random("peercert-tests")

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would refuse
# the test's own database calls without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def needs_real_migrations(item) -> bool:
    """Tests of the migrations themselves (a module named test_migrations*.py) run the real
    migrations; `make test` runs them apart (the "migrations" mark). Those that use the test
    database need it built by running them; a test of one data migration's step brings an
    empty database of its own instead (tests/migration_support.py)."""
    return item.path.name.startswith("test_migrations")


@pytest.fixture(scope="session")
def django_db_use_migrations(request):
    """Build the test database from the models (pytest-django's --no-migrations) unless a
    selected test of the migrations uses it. Running 250-odd migrations costs a test process
    about a minute of CPU, almost all of it Django rendering their model states; the schema
    comes out the same, and django_db_setup below adds the rows the data migrations would have.
    `make test` runs the migration tests in a run of their own (`pytest -m migrations`); a run
    that selects one using the test database (tests/test_migrations_seed.py) builds it the
    real way. --no-migrations forces the fast way."""
    if request.config.getvalue("nomigrations"):
        return False
    # As pytest-django decides which tests get the test database.
    database_fixtures = {"db", "transactional_db", "live_server", "django_db_serialized_rollback"}
    return any(
        needs_real_migrations(item)
        and (
            item.get_closest_marker("django_db")
            or database_fixtures & set(getattr(item, "fixturenames", ()))
        )
        for item in request.session.items
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, django_db_use_migrations):
    """A database built by the migrations gets a name of its own (test_…_migrated), so a
    --reuse-db run of the migration tests never lands on a kept database built from the
    models (whose tables the migrations would try to create again)."""
    from django.conf import settings

    if not django_db_use_migrations:
        return
    for database in settings.DATABASES.values():
        test = database.setdefault("TEST", {})
        if database["ENGINE"] == "django.db.backends.sqlite3" and not test.get("NAME"):
            continue  # an in-memory test database: nothing is kept
        test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_migrated"


def serialize_every_row(connection) -> str:
    """Django's serialize_db_to_string() without its "apps with migrations" filter."""
    from django.apps import apps
    from django.conf import settings
    from django.core import serializers
    from django.db import router

    def every_row():
        for app_config in apps.get_app_configs():
            if app_config.models_module is None or (
                app_config.name in settings.TEST_NON_SERIALIZED_APPS
            ):
                continue
            for model in app_config.get_models():
                if model._meta.can_migrate(connection) and router.allow_migrate_model(
                    connection.alias, model
                ):
                    rows = model._base_manager.using(connection.alias)
                    yield from rows.order_by(model._meta.pk.name).iterator()

    out = StringIO()
    serializers.serialize("json", every_row(), indent=None, stream=out)
    return out.getvalue()


def copy_restore_and_delete_flush(connection) -> None:
    """PostgreSQL: a transactional test's flush deletes the rows of the tables that have any
    instead of truncating all 350 (a truncate makes new files for every table and index), and
    the serialized rollback copies the starting rows back with COPY, table by table, instead of
    saving them one model instance at a time. Both took seconds per transactional test. The
    rows are those at the start of the session, as Django's serialization has them; a flush
    that resets sequences keeps Django's own truncate."""
    from django.db import transaction

    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        starting_rows = {}
        for table in tables:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608 (a model's table)
            if cursor.fetchone()[0]:
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    starting_rows[table] = b"".join(bytes(block) for block in copy)

    sql_flush = connection.ops.sql_flush

    def delete_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # Foreign keys are deferrable, so the order of the deletes does not matter.
        names = ", ".join("'{}'".format(table.replace("'", "''")) for table in tables)
        return [
            "SET CONSTRAINTS ALL DEFERRED",
            f"""DO $$ DECLARE name text; BEGIN
            FOREACH name IN ARRAY ARRAY[{names}]::text[] LOOP
                IF to_regclass(quote_ident(name)) IS NOT NULL THEN EXECUTE format(
                    'DELETE FROM %1$I WHERE EXISTS (SELECT 1 FROM %1$I LIMIT 1)', name
                ); END IF;
            END LOOP; END $$""",  # noqa: S608 (the models' tables, as literals)
        ]

    def copy_restore(data):
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for statement in delete_flush(None, tables):
                cursor.execute(statement)
            for table, rows in starting_rows.items():
                with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                    copy.write(rows)

    connection.ops.sql_flush = delete_flush
    connection.creation.deserialize_db_from_string = copy_restore


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_use_migrations, django_db_blocker, tmp_path_factory):
    """pytest-django's test databases, plus, when they were built from the models, the rows
    the data migrations create (Wagtail's root page, default site, locales, root collection,
    Moderators/Editors groups and workflow; tests/factories/migrated_data.py). On PostgreSQL
    the starting rows are kept for the transactional tests' serialized rollback as COPY data
    (copy_restore_and_delete_flush); elsewhere they are serialized again, as Django serializes
    only the apps it found migrations for (none, without them). Under pytest-xdist every worker
    starts from the rows of the first one built (share_starting_rows in tests/demo_snapshot.py):
    the content types come out numbered differently in each, and the demo's snapshot carries
    them."""
    from django.db import connection, transaction

    from tests.factories.migrated_data import create_migrated_data

    with django_db_blocker.unblock():
        if not django_db_use_migrations:
            with transaction.atomic():
                create_migrated_data()
                if connection.vendor == "sqlite":
                    create_sqlite_search_index(connection)
        if connection.vendor == "postgresql":
            folder = run_folder(tmp_path_factory)
            if folder is not None and not django_db_use_migrations:
                # The same content type ids in every worker, so they share one demo seeding.
                share_starting_rows(connection, folder)
            copy_restore_and_delete_flush(connection)
        elif not django_db_use_migrations and hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = serialize_every_row(connection)
    yield


def create_sqlite_search_index(connection) -> None:
    """What wagtailsearch's migration 0006 creates on SQLite outside the models: the FTS5 table
    the admin's searches read, and the triggers that keep it in step with the index entries."""
    from wagtail.search.backends.database.sqlite.utils import fts5_available

    if not fts5_available():
        return
    statements = [
        # Built from its model it is a plain table; the searches need the FTS5 one.
        "DROP TABLE IF EXISTS wagtailsearch_indexentry_fts",
        "CREATE VIRTUAL TABLE wagtailsearch_indexentry_fts USING fts5(autocomplete, body, title)",
        "CREATE TRIGGER insert_wagtailsearch_indexentry_fts AFTER INSERT ON "
        "wagtailsearch_indexentry BEGIN INSERT INTO wagtailsearch_indexentry_fts(title, body, "
        "autocomplete, rowid) VALUES (NEW.title, NEW.body, NEW.autocomplete, NEW.id); END",
        "CREATE TRIGGER update_wagtailsearch_indexentry_fts AFTER UPDATE ON "
        "wagtailsearch_indexentry BEGIN UPDATE wagtailsearch_indexentry_fts SET title=NEW.title, "
        "body=NEW.body, autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END",
        "CREATE TRIGGER delete_wagtailsearch_indexentry_fts AFTER DELETE ON "
        "wagtailsearch_indexentry BEGIN DELETE FROM wagtailsearch_indexentry_fts WHERE "
        "rowid=OLD.id; END",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Each test starts in the default language. Django's LocaleMiddleware activates a
    request's language in the thread and leaves it there, so without this a test that ended
    on a Spanish page would hand Spanish to the next test's reverse() and mail rendering."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def nothing_cached_outlives_its_test():
    """What a test cached is gone when it ends. Its database changes are rolled back (or
    flushed), but the cache and the generation counters live in the process: an entry stored
    under the current generation would still be current for the next test and name rows that
    are gone (CI once served a test without a home page the site cached by the test before,
    and Wagtail's page lookup failed with a 500). A running site has no such rollback: a
    transaction's bump holds its entries back until it commits (core/generations.py). Autouse,
    so torn down after the fixtures the test asked for (a django_db mark's transaction may
    still end after it: nothing caches in between). The issuer keys stay: they are read from
    files, and a module's tests share one set (tests/certificates)."""
    yield
    clear_row_caches()


def require(condition: bool, what: str) -> None:
    """Skip on a laptop that lacks a service; fail loudly in CI, where it must be there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available", pytrace=False)
    pytest.skip(f"{what} not available")


@pytest.fixture
def redis_url(settings):
    """A real Redis for jobs: switches the enqueue path to django-rq for this test, with none of
    rq's state left from earlier tests or runs. Under pytest-xdist each worker has its own Redis
    database (cms/settings/test.py), so clearing it here never touches another worker's jobs.

    All of rq's keys, not only the queue: Redis outlives the test and the run, and a worker
    killed on purpose (tests/certificates/test_worker_kill.py) leaves its job behind, in rq's
    started registry or in the list a job passes through as a worker takes it
    (`rq:queue:default:intermediate`, which no registry lists). The next rqworker on this
    database, maybe in a later run against another test database, finds that job abandoned
    and schedules it for a retry, and a test waiting for every job since its worker started
    (tests/rq_results.py) waits on it. Seen once: the whole journey timed out on a job that rq
    had scheduled for a retry the moment its worker started, which that worker, having no
    scheduler, would never run."""
    url = settings.TEST_REDIS_URL
    available = False
    if url:
        import redis

        try:
            connection = redis.Redis.from_url(url, socket_connect_timeout=1)
            connection.ping()
            stale = list(connection.scan_iter("rq:*", count=1000))
            if stale:
                connection.delete(*stale)
            available = True
        except redis.RedisError:
            available = False
    require(available, "Redis (REDIS_URL)")
    settings.REDIS_URL = url
    settings.RQ_QUEUES = {"default": {"URL": url, "DEFAULT_TIMEOUT": 300}}
    return url


@pytest.fixture
def postgres(db):
    from django.db import connection

    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    return connection


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def course_index(home):
    return CourseIndexPageFactory(parent=home)


@dataclass
class CourseTree:
    course: object
    modules: list
    lessons: list  # per module, in order

    @property
    def all_lessons(self):
        return [lesson for module_lessons in self.lessons for lesson in module_lessons]


def build_course(parent, *, modules: int = 2, lessons: int = 3, sequential: bool = False, **kw):
    course = CoursePageFactory(parent=parent, sequential=sequential, **kw)
    module_pages, lesson_pages = [], []
    for m in range(modules):
        module = ModulePageFactory(parent=course, slug=f"module-{m + 1}")
        module_pages.append(module)
        lesson_pages.append(
            [
                LessonPageFactory(parent=module, slug=f"lesson-{m + 1}-{i + 1}")
                for i in range(lessons)
            ]
        )
    return CourseTree(course=course, modules=module_pages, lessons=lesson_pages)


@pytest.fixture
def course_tree(course_index):
    return build_course(course_index)


@pytest.fixture
def trainee(db):
    return UserFactory(email="learner@example.org")


@pytest.fixture
def trainee_client(client, trainee):
    client.force_login(trainee)
    return client


def is_transactional(item) -> bool:
    """As pytest-django orders tests: a transactional test flushes the database when it ends."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def shares_module_state(item) -> bool:
    """The test uses a module- or session-scoped fixture of its own module (demo data seeded
    once, issuer keys made once)."""
    fixtureinfo = getattr(item, "_fixtureinfo", None)
    if fixtureinfo is None:
        return False
    return any(
        definition.scope in ("module", "session")
        and getattr(definition.func, "__module__", None) == item.module.__name__
        for definitions in fixtureinfo.name2fixturedefs.values()
        for definition in definitions
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """The garbage collector tuned for a test process. What importing and collecting made
    (Django, Wagtail, every module and test item: most of the heap, and it lives to the end) is
    frozen out of the collector's scans; a young collection waits for 5,000 new container
    objects instead of 700, and a full one for 100 middle-generation collections instead of 10.
    Full collections of a test process's large heap were most of the cost. Measured, one
    process each, the collector's own time:
    - tests/certificates, tests/security and the role homes' browser tests (678 tests): 9.6 s
      of 132 s of CPU, 20 full collections; tuned, 3.7 s and 8;
    - the migration tests (the real migrations make and drop model states by the thousand):
      12.4 s of 35 s of CPU for the seed test alone; tuned, 5.4 s for all three."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(5_000, 20, 100)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (content types, Wagtail's root page
    and site) instead of some relying on post_migrate and others on serialized rollback: mixing
    the two makes the second kind fail on duplicate content types.

    Under pytest-xdist (--dist loadgroup, `make test`) a module whose tests share module state
    runs in one process, so that state is built once. Its transactional tests form a group of
    their own: a group runs as one unit, and transactional tests must still come after the
    plain ones (the database is empty after each).

    The plain tests of every module that reads the seeded demo form one group too, so one
    process seeds it while the other goes on with other tests (before, the second process to
    reach a demo test waited on the seeding's lock for half a minute); the transactional ones
    come at the end, when the seeding's snapshot is long there to be loaded."""
    demo_modules = {
        item.module.__name__
        for item in items
        if "seeded_demo" in getattr(item, "fixturenames", ()) and not is_transactional(item)
    }
    for item in items:
        if needs_real_migrations(item):
            item.add_marker(pytest.mark.migrations)
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            item.add_marker(
                pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}),
                append=False,
            )
        if item.module.__name__ in demo_modules and not is_transactional(item):
            item.add_marker(pytest.mark.xdist_group("seeded-demo"))
        elif shares_module_state(item):
            suffix = ":transactional" if is_transactional(item) else ""
            item.add_marker(pytest.mark.xdist_group(f"{item.module.__name__}{suffix}"))


@pytest.fixture
def catalogues():
    """The Spanish catalogue compiled for a test that reads Spanish pages (the .mo files are
    never committed; compiling is cheap once done: a .mo newer than its .po is left alone), and
    English active again afterwards: LocaleMiddleware leaves a request's language active in the
    thread, and the next test must start in English."""
    from django.utils import translation

    from tests.i18n_support import compile_catalogues

    compile_catalogues()
    yield
    translation.activate("en")
