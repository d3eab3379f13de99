"""Playwright against Debian's Chromium (never a downloaded browser build)."""

import os
import tempfile
from pathlib import Path

import pytest

from tests.conftest import require

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    require(os.path.exists(CHROMIUM), "Chromium")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API switches greenlets, and with them the context Django keeps its
    # per-thread database connections in: afterwards the test would get fresh connection
    # objects without the test runner's state (e.g. the serialized data a transactional test
    # restores after a flush). Hand the test runner's own connections back.
    before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in before.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under docs/screenshots/ for people to look at."""

    # Refreshing the committed screenshots is deliberate (PEERCERT_SCREENSHOTS=1); ordinary runs
    # write to a scratch folder so `make test` leaves the work tree clean.
    folder = (
        SCREENSHOTS
        if os.environ.get("PEERCERT_SCREENSHOTS") == "1"
        else Path(tempfile.gettempdir()) / "peercert-screenshots"
    )

    def take(page, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
