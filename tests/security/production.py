"""Read cms.settings.production as a deployment would load it (in a subprocess, so importing
it changes nothing in this test process)."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache

from tests.cms.test_settings import REPO, production_env

PREFIXES = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_COOKIE_",
    "X_FRAME_OPTIONS",
    "DEBUG",
    "MEDIA_URL",
    "MEDIA_ROOT",
    "PRIVATE_MEDIA_ROOT",
    "STATIC_ROOT",
    "STORAGES",
)

_READ = f"""
import json
from cms.settings import production as p
print(json.dumps({{name: getattr(p, name) for name in dir(p)
                   if name.startswith({PREFIXES!r})}}, default=str))
"""


@cache
def production_settings(**overrides: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _READ],
        cwd=REPO,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout)
    if values.get("SECURE_PROXY_SSL_HEADER"):
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def run_with_production_settings(code: str, **overrides: str) -> subprocess.CompletedProcess:
    """Run `code` after django.setup() with production settings (no database is touched)."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=REPO,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )
