"""Production-safe defaults: DEBUG off, secrets and services only from the environment.

dev.py and test.py relax what they must; production.py tightens transport security.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PEERCERT_VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "cms",
    "accounts",
    "courses",
    "assessments",
    "evaluations",
    "cohorts",
    "certificates",
    "payers",
    "credentials",
    "verification",
    "employers",
    "continuing_education",
    "applications",
    "discipline",
    "outcomes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # The curriculum in Spanish: Wagtail's own page translation ("Translate" in the page's
    # actions copies it into another locale with the same translation_key; the editor then
    # translates the copy and sends it through the same review workflow). wagtail-localize is
    # not used: its releases support Wagtail 6.3–7.2 (PyPI), and this site runs Wagtail 8.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_rq",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A first visit to an unprefixed page from a Spanish browser goes to its /es/ twin (cms/i18n.py).
    "cms.i18n.FirstVisitLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which is the first to read a form's body: an oversized upload is
    # refused from its Content-Length, unread (core/uploads.py).
    "core.uploads.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The site and page a URL leads to, cached until the next publish (courses/cache.py).
    "courses.cache.RouteCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so a locked-out login never reaches the view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'peercert.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# The public verification lookups are prepared statements on PostgreSQL (cms/compiled.py).
# Turn off behind a PgBouncer in transaction mode that does not track prepared statements.
PEERCERT_PREPARED_LOOKUPS = os.environ.get("PEERCERT_PREPARED_LOOKUPS", "true").lower() == "true"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web process, an in-process job and a management command may write at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"

# django-axes: lock an account+client pair after repeated failures, for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# Keep failures (needed for lockout), not a log of every successful sign-in: less personal data,
# and programmatic logins (no request address) are not recorded as "unknown".
AXES_DISABLE_ACCESS_LOG = True
# Count Jo@… and jo@… as one account everywhere, the Wagtail admin login included.
AXES_USERNAME_CALLABLE = "accounts.lockout.axes_username"
# The client address behind RATELIMIT_PROXY_COUNT proxies, as for the rate limits.
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.axes_client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Failed usernames are e-mail addresses: personal data stays out of the axes log lines.
AXES_VERBOSE = False

# English at the site's root, Spanish under /es/ (cms/urls.py: i18n_patterns without a prefix
# for the default language). "en", not "en-us": Django leaves a language unprefixed only when it
# is exactly LANGUAGE_CODE.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# The switcher's choice (cms/i18n.py) is kept for a year; it only says which language to show.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Spanish dates and numbers as read in the US (2.5, 1,250; cms/formats/es/formats.py).
FORMAT_MODULE_PATH = ["cms.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Certificates and uploaded proofs: never under a public URL, served by permission checks.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Jobs: django-rq when REDIS_URL is set, otherwise run in-process after commit (core.jobs).
REDIS_URL = os.environ.get("REDIS_URL", "")
RQ_QUEUES = {
    "default": {
        "URL": REDIS_URL or "redis://127.0.0.1:6379/0",
        "DEFAULT_TIMEOUT": 300,
    }
}
RQ_SHOW_ADMIN_LINK = False

# Cache: Redis when REDIS_URL is set (shared by every worker, so rate limits hold across
# processes), otherwise per-process memory (`make demo`, tests).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "peercert",
            # A slow Redis must not stall verification: fail fast, rate limits fail open.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "peercert",
        }
    }

# Whether every worker reads and writes the one cache above. Published pages are cached per
# content generation (courses/cache.py); with a per-process cache a worker learns of another's
# publish from the page log (one small query a request) instead.
CURRICULUM_CACHE_SHARED = bool(REDIS_URL)
# How many cached page parts each process also keeps in its own memory, unpickled, in front of
# the cache above (core/generations.py): a hit then costs neither a round trip to Redis nor an
# unpickle. Each is keyed by the generations it was built from, so it is as current as the
# cache's copy; the least recently used make room. 0 turns it off.
CURRICULUM_LOCAL_ENTRIES = int(os.environ.get("CURRICULUM_LOCAL_ENTRIES", "2000"))
# Sessions: read from Redis and written through to the database when Redis is there (a per-
# process cache would let one worker keep a session another has ended), else the database.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Rate limits on public verification (verification/ratelimit.py, counted with django-ratelimit
# in the cache above). Rates are "<count>/<period>" with period s, m, h or d.
RATELIMIT_ENABLE = os.environ.get("RATELIMIT_ENABLE", "true").lower() == "true"
RATELIMIT_USE_CACHE = "default"
# If the cache is down, verification keeps answering (codes carry 100 random bits, so the
# limit protects capacity, not secrecy); the outage is logged.
RATELIMIT_FAIL_OPEN = True
# Number of reverse proxies in front of the app that append to X-Forwarded-For (0: use
# REMOTE_ADDR). Set it only when a proxy you control overwrites or appends the header.
RATELIMIT_PROXY_COUNT = int(os.environ.get("RATELIMIT_PROXY_COUNT", "0"))
RATELIMIT_VERIFY_PAGE = os.environ.get("RATELIMIT_VERIFY_PAGE", "60/m")
RATELIMIT_VERIFY_API_ANON = os.environ.get("RATELIMIT_VERIFY_API_ANON", "60/m")
RATELIMIT_VERIFY_API_KEY = os.environ.get("RATELIMIT_VERIFY_API_KEY", "1200/m")
RATELIMIT_VERIFY_PDF = os.environ.get("RATELIMIT_VERIFY_PDF", "10/m")
# The public complaint form (discipline/): sends per client IP.
RATELIMIT_COMPLAINTS = os.environ.get("RATELIMIT_COMPLAINTS", "5/h")
# Add to wallet (OpenID4VCI): wallet calls per client address, offers per holder.
RATELIMIT_OID4VCI = os.environ.get("RATELIMIT_OID4VCI", "30/m")
RATELIMIT_OID4VCI_OFFER = os.environ.get("RATELIMIT_OID4VCI_OFFER", "10/h")
# Forms that send an e-mail to an address the visitor types (sign-up, password reset, a new
# sign-in address): per client, generous enough for a classroom signing up behind one NAT.
RATELIMIT_ACCOUNT_EMAIL = os.environ.get("RATELIMIT_ACCOUNT_EMAIL", "30/h")
# And per recipient, whoever asks: at most this many account e-mails an hour to one address,
# so nobody can flood a mailbox through our forms. Security notices are always sent.
ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = int(
    os.environ.get("ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR", "5")
)
RQ = {"WORKER_CLASS": "cms.worker.PeerCertWorker"}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PeerCert <no-reply@peercert.example>")
# Seconds an SMTP call may block. Without it a mail server that accepts the connection and
# never answers holds a worker until rq's job timeout; core.decisions.EMAIL_LEASE is longer.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))

WAGTAIL_SITE_NAME = "PeerCert"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents always pass through the application, which checks the reader may open a page that
# links them (courses/documents.py), and never redirect to a storage URL anyone could reuse.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Pages exist per locale (en at the site's root, es under /es/: cms/urls.py), linked by their
# translation_key. A trainee's progress is recorded on the English (source) pages whichever
# language they read (courses/translation.py). Content languages are the interface's.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# No autosave in the admin editors. Wagtail 8 saves a draft half a second after each change, and
# a save still waiting when the editor presses "Save draft", "Publish" or "Submit to Curriculum
# review" is not called off: it reaches the server after that save, is refused as stale ("Saving
# will overwrite a newer version", HTTP 400) and shows that error as the page leaves; on an "add"
# form one still in flight makes the button post the new page or question a second time (its
# slug or key then taken). Curriculum and questions are saved on purpose and then reviewed; the
# unsaved-changes warning still stops anyone leaving an editor with edits.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
# The admin's reset e-mail goes out as a job too: no slower answer for an existing address.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.AdminPasswordResetForm"  # noqa: S105
# No avatars from gravatar.com: the admin works offline and staff e-mail hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call from administrators' browsers to releases.wagtail.org: it fails offline and tells a
# third party who runs this admin. Upgrades are tracked by pip-audit and docs/deploy.md.
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Non-file form data above this is refused while it is read (Django's default, made explicit);
# file parts above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file, not memory. Whole bodies
# are capped before they are read: by a view's @body_limit (CE proofs 5 MB, bulk CSV 1 MB) or
# MAX_REQUEST_BODY, the admin's largest upload (core/uploads.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
MAX_REQUEST_BODY = WAGTAILDOCS_MAX_UPLOAD_SIZE + 1_048_576

ISSUER_KEY_DIR = Path(os.environ.get("ISSUER_KEY_DIR", VAR_DIR / "issuer"))
PEERCERT_ISSUER_NAME = os.environ.get("PEERCERT_ISSUER_NAME", "PeerCert Training Institute")
# RFC 3161 time-stamping authority for PDF signatures (PAdES B-T/B-LTA). Empty: the issuer's own
# time-stamping key in ISSUER_KEY_DIR, in process (see docs/deploy.md for an external TSA).
PEERCERT_TSA_URL = os.environ.get("PEERCERT_TSA_URL", "")
# PEM file with the external TSA's root certificate(s), trusted for timestamps only.
PEERCERT_TSA_ROOTS = os.environ.get("PEERCERT_TSA_ROOTS", "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines carry URLs; keep them out of logs below WARNING.
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Wagtail runs its reference-index updates as tasks; one INFO line each is noise.
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        # pyHanko logs a traceback for every untrusted upload; the verifier reports it instead.
        "pyhanko": {"level": "ERROR"},
        "pyhanko_certvalidator": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
