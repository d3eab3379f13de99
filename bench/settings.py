"""Production settings, relaxed only where a local plain-http benchmark needs it.

The benchmarks set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, ISSUER_KEY_DIR and
BENCH_STATIC_ROOT (bench/harness.py, bench_env) before gunicorn imports this module.
"""

import os

from cms.settings.production import *  # noqa: F403

# No TLS on 127.0.0.1: no redirect to https, cookies sent over plain http.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

ROOT_URLCONF = "bench.urls"
# collectstatic into the run's temporary directory: the manifest storage stays as in production.
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
# The load generator signs in once; a lockout would only come from a bug in the script.
AXES_FAILURE_LIMIT = 1000
