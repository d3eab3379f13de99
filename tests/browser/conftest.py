"""Playwright against Debian's Chromium (never a downloaded browser build): its headless shell."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import require

# Debian's Chromium without the desktop browser around it (package chromium-headless-shell): the
# same Blink and V8 as /usr/bin/chromium, in the headless build Playwright itself runs headless
# tests in. The desktop build's headless mode runs the whole of Chrome's browser layer around the
# pages: on the 37 browser and journey tests, two processes side by side, Chromium used 209 CPU-s
# and the tests took 206 s; with the headless shell, 98 CPU-s and 147 s. PEERCERT_CHROMIUM runs
# them in another build (e.g. /usr/bin/chromium).
CHROMIUM = os.environ.get("PEERCERT_CHROMIUM", "/usr/bin/chromium-headless-shell")
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

# How long an action (click, fill, wait_for) and an expect() assertion may wait for what it
# waits on before the test fails. Contexts set the actions' bound; expect() has its own,
# 5 s unless set here, which a test process starved of CPU on a loaded machine can overrun
# while the page is still on its way. Every browser test imports this module's fixtures.
WAIT_MS = 15_000
expect.set_options(timeout=WAIT_MS)

# Every page of every browser test is watched for Content-Security-Policy violations (an inline
# style or script the site's policy refuses, a fetch to another origin, …): the browser fires
# `securitypolicyviolation` in the page, this script reports it on the console, and csp_clean
# fails the test that caused it. Chromium's own console line for a refusal counts too.
CSP_WATCH_SCRIPT = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + JSON.stringify({
    page: location.href, directive: event.violatedDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, sample: event.sample,
  }));
});
"""
csp_reports: list[str] = []


def _csp_console(message) -> None:
    text = message.text
    if text.startswith("CSP violation: ") or "Content Security Policy" in text:
        csp_reports.append(text)


def watch_csp(context):
    """Install the CSP watch on a browser context (every context the `browser` fixture makes)."""
    context.add_init_script(CSP_WATCH_SCRIPT)
    context.on("console", _csp_console)
    return context


@pytest.fixture(autouse=True)
def csp_clean():
    """Fails a browser test during which any page reported a CSP violation."""
    csp_reports.clear()
    yield
    reports, csp_reports[:] = list(csp_reports), []
    assert not reports, "Content-Security-Policy violations:\n" + "\n".join(reports)


class SharedChromium:
    """One Chromium for a run of browser tests one after another, in place of one per test
    module (a launch costs about a second of CPU). It starts with the first test that asks
    for `browser` and stops once the next test does not (or the run ends): while Playwright's
    sync API is open it keeps an event loop running in the test thread, which later
    asyncio.run() callers (pyHanko's validation, in the tests pytest-django runs after the
    transactional ones) refuse."""

    def __init__(self):
        self.playwright = None
        self.chromium = None

    def get(self):
        if self.chromium is None or not self.chromium.is_connected():
            self.stop()
            self.start()
        return self.chromium

    def start(self):
        from django.db import connections
        from playwright.sync_api import sync_playwright

        # Playwright's sync API switches greenlets, and with them the context Django keeps its
        # per-thread database connections in: afterwards the test would get fresh connection
        # objects without the test runner's state (e.g. the serialized data a transactional
        # test restores after a flush). Hand the test runner's own connections back.
        before = {alias: connections[alias] for alias in connections}
        self.playwright = sync_playwright().start()
        for alias, connection in before.items():
            connections[alias] = connection
        chromium = self.playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        new_context = chromium.new_context

        def new_watched_context(*args, **kwargs):
            # Reduced motion unless a test asks otherwise: the Wagtail admin's sidebar badges
            # ping in an endless CSS animation that keeps Chromium repainting an idle admin
            # page (0.13 CPU-s a second; 0.002 with reduced motion).
            kwargs.setdefault("reduced_motion", "reduce")
            return watch_csp(new_context(*args, **kwargs))

        chromium.new_context = new_watched_context
        self.chromium = chromium

    def stop(self):
        playwright, chromium = self.playwright, self.chromium
        self.playwright = self.chromium = None
        if playwright is None:
            return
        try:
            if chromium is not None and chromium.is_connected():
                chromium.close()
        finally:
            playwright.stop()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self, item, nextitem):
        yield
        if nextitem is None or "browser" not in getattr(nextitem, "fixturenames", ()):
            self.stop()
        elif self.chromium is not None and self.chromium.is_connected():
            # What a test left open (a context it never closed) goes with it, as it did when
            # each module's Chromium closed: its pages' timers would run on behind later tests.
            for context in list(self.chromium.contexts):
                context.close()

    def pytest_sessionfinish(self):
        self.stop()


shared_chromium = SharedChromium()


@pytest.fixture
def browser(request):
    """Debian's Chromium, shared by consecutive browser tests (SharedChromium); every test
    still gets browser contexts of its own (fresh cookies, storage and cache)."""
    require(os.path.exists(CHROMIUM), "Chromium")
    plugins = request.config.pluginmanager
    if not plugins.is_registered(shared_chromium):
        plugins.register(shared_chromium, "peercert-shared-chromium")
    return shared_chromium.get()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under docs/screenshots/ for people to look at."""

    # Refreshing the committed screenshots is deliberate (PEERCERT_SCREENSHOTS=1); any other
    # value writes them to a scratch folder, to look at without touching the work tree. Ordinary
    # runs take none: nothing reads them, and a full-page capture costs Chromium a layout of the
    # whole page, a raster and a PNG encode each (about 0.2 s, some 30 per `make test`).
    wanted = os.environ.get("PEERCERT_SCREENSHOTS", "")
    folder = SCREENSHOTS if wanted == "1" else Path(tempfile.gettempdir()) / "peercert-screenshots"

    def take(page, name: str) -> Path:
        path = folder / name
        if wanted:
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
        return path

    return take
