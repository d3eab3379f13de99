import os
from dataclasses import dataclass

import factory.random
import hypothesis
import pytest
from wagtail.models import Page, Site

from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)

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


def require(condition: bool, what: str) -> None:
    """Skip on a laptop that lacks a service; fail loudly in CI, where it must be there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available", pytrace=False)
    pytest.skip(f"{what} not available")


@pytest.fixture
def redis_url(settings):
    """A real Redis for jobs: switches the enqueue path to django-rq for this test. Under
    pytest-xdist each worker has its own Redis database (cms/settings/test.py), so emptying a
    queue here never touches another worker's jobs."""
    url = settings.TEST_REDIS_URL
    available = False
    if url:
        import redis

        try:
            redis.Redis.from_url(url, socket_connect_timeout=1).ping()
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
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="peercert")
    site = Site.objects.get(is_default_site=True)
    old = site.root_page
    site.root_page = home
    site.save()
    if old.pk != home.pk and old.depth == 2:
        old.delete()
    return home


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


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (content types, Wagtail's root page
    and site) instead of some relying on post_migrate and others on serialized rollback: mixing
    the two makes the second kind fail on duplicate content types.

    Under pytest-xdist (--dist loadgroup, `make test`) a module whose tests share module state
    runs in one process, so that state is built once. Its transactional tests form a group of
    their own: a group runs as one unit, and transactional tests must still come after the
    plain ones (the database is empty after each)."""
    for item in items:
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
        if shares_module_state(item):
            suffix = ":transactional" if is_transactional(item) else ""
            item.add_marker(pytest.mark.xdist_group(f"{item.module.__name__}{suffix}"))
