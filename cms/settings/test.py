import os

from .base import *  # noqa: F403
from .base import VAR_DIR

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES["private"]["OPTIONS"]["location"] = str(VAR_DIR / "test-private")  # noqa: F405
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Tests choose when Redis is used; jobs run in-process unless a test opts in.
REDIS_URL = ""
TEST_REDIS_URL = os.environ.get("REDIS_URL", "")
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
# Likewise the per-address cap on account e-mails: many tests mail the same demo addresses.
ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = 1_000_000
