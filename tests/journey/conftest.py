"""Fixtures for the whole-journey tests: the Playwright fixtures of tests/browser (Debian's
Chromium, the connection hand-back, the screenshot helper), more browser contexts for more
people, a real `rqworker` subprocess, and axe-core."""

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    WAIT_MS,
    browser,
    csp_clean,
    page,
    screenshot,
)
from tests.rq_results import JobWatch

ROOT = Path(__file__).resolve().parents[2]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# Contexts ask for reduced motion: Wagtail's admin sidebar runs an endless CSS animation (the
# "ping-warning" of its What's new badge) that keeps Chromium repainting about 0.13 CPU-s a
# second per open admin page, measured, for as long as the page stays open; with reduced motion
# it stops (0.00). Nothing a test checks moves.
REDUCED_MOTION = "reduce"


@pytest.fixture
def new_page(browser, request, tmp_path):  # noqa: F811
    """A fresh browser context (its own cookies: one signed-in person) per call. When the test
    fails, each page's last state is saved as a screenshot next to the test's tmp_path."""
    contexts = []

    def make():
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            locale="en-US",
            accept_downloads=True,
            reduced_motion=REDUCED_MOTION,
        )
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for number, context in enumerate(contexts, start=1):
            for page in context.pages:
                path = tmp_path / f"failure-{number}.png"
                with contextlib.suppress(Exception):  # closed on purpose, or crashed
                    page.screenshot(path=str(path), full_page=True)
                    print(f"failure screenshot: {path} ({page.url})")
    for context in contexts:
        with contextlib.suppress(Exception):  # a test may have closed it on purpose
            context.close()


@pytest.fixture
def issuer_keys(settings, tmp_path):
    from certificates.keys import clear_issuer_keys_cache, init_issuer_keys

    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Journey")
    yield keys
    clear_issuer_keys_cache()


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def mail_dir(tmp_path):
    folder = tmp_path / "worker-mail"
    folder.mkdir()
    return folder


@pytest.fixture
def rq_worker(postgres, redis_url, settings, issuer_keys, live_server, mail_dir, tmp_path):
    """A real `manage.py rqworker default` against the test database and this test's Redis.

    It shares what the live server uses: the database, the issuer keys, the private storage
    (PEERCERT_VAR_DIR) and SITE_URL, so the URLs it prints on a certificate are the live
    server's. Its e-mail goes to files in `mail_dir`. `worker.jobs.settle(...)` waits until the
    jobs enqueued since it started have all succeeded (tests/rq_results.py)."""
    import django_rq

    settings.SITE_URL = live_server.url
    queue = django_rq.get_queue("default")
    queue.empty()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.journey.worker_settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "ISSUER_KEY_DIR": str(settings.ISSUER_KEY_DIR),
        "PEERCERT_VAR_DIR": str(settings.VAR_DIR),
        "SITE_URL": live_server.url,
        "PEERCERT_TEST_MAIL_DIR": str(mail_dir),
        "DB_CONN_MAX_AGE": "0",
    }
    log_path = tmp_path / "rqworker.log"
    log = log_path.open("wb")
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "rqworker",
            "default",
            "--worker-class",
            "tests.rq_results.PlainWorker",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker.log_path = log_path

    def alive() -> str | None:
        if worker.poll() is None:
            return None
        return f"the rqworker exited with {worker.returncode}:\n{worker_log(worker)}"

    worker.jobs = JobWatch(queue, alive=alive)
    yield worker
    # Stop it before the database is flushed: an idle connection must not hold up TRUNCATE.
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
    log.close()


def worker_log(worker) -> str:
    return worker.log_path.read_text(errors="replace")[-4000:]
