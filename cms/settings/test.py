import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import RQ_QUEUES, VAR_DIR

# pytest-xdist runs the suite in several processes, named by PYTEST_XDIST_WORKER (gw0, gw1, …;
# unset in a serial run). Each keeps its own uploads, private files and Redis database, so no
# worker reads, overwrites or empties another's (pytest-django already gives each its own test
# database, and the live server takes a free port). A subprocess a test starts (an rqworker)
# inherits the variable and so lands on the same folders and Redis database.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def per_worker_redis_url(url: str) -> str:
    """The Redis URL with this worker's own database number: gw0 → 1, gw1 → 2, … (a serial run
    keeps the URL's own). Redis has 16 databases unless configured otherwise. The number does
    not depend on the URL's own, so a subprocess a test starts (an rqworker), which inherits
    the worker's name and is handed this URL, computes the same database again."""
    if not url or not XDIST_WORKER:
        return url
    number = int(XDIST_WORKER.removeprefix("gw")) + 1
    return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))


SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = VAR_DIR / "test-media" / XDIST_WORKER
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private" / XDIST_WORKER
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, where there is no PostgreSQL: with an in-memory database Django's live
    # server shares the test's own connection with its threads, and a query of the test's while
    # the server answers a request (a quiz page's autosave) breaks the other's savepoints ("no
    # such savepoint"). pytest-django names each worker's file apart (…_gw0, …_gw1).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-peercert.sqlite3")}  # noqa: F405

# Tests choose when Redis is used; jobs run in-process unless a test opts in.
REDIS_URL = ""
TEST_REDIS_URL = per_worker_redis_url(os.environ.get("REDIS_URL", ""))
if TEST_REDIS_URL:
    RQ_QUEUES["default"]["URL"] = TEST_REDIS_URL
AXES_ENABLED = True
# Never a shared Redis cache in tests (CI has REDIS_URL set): counters and cached pages would
# leak between tests and runs. Rate limits are off unless a test turns them on.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "peercert-tests",
    }
}
RATELIMIT_ENABLE = False
# One process serves a test's requests, so its memory cache is every worker's: pages cached per
# generation and sessions read from it, as in production with Redis (tests/perf counts queries).
CURRICULUM_CACHE_SHARED = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Likewise the per-address cap on account e-mails: many tests mail the same demo addresses.
ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = 1_000_000
