"""The program administrator's outcome dashboard, in Chromium, on the demo: programs@ signs in
from the home page, follows their home's 'Program outcomes' section to the dashboard, and every
chart is drawn (server-side SVG, no script, no CSP report) beside its table, with the demo's
few trainees hidden and the page saying why; filtering keeps it so, a table downloads as CSV
and the funder report as a PDF; axe-core finds no serious or critical violation."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_role_homes_browser import sign_in
from tests.browser.test_trainee_by_clicking import demo  # noqa: F401
from tests.journey.helpers import AxeAudit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("demo")]

TABLES = ("funnel", "domains", "time", "ce", "cohorts", "hours")


def test_program_administrator_reaches_the_charts_from_their_home(live_server, browser, screenshot):
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    audit = AxeAudit()

    sign_in(page, base, "programs@example.org")
    section = page.locator("#home-programs")
    expect(section).to_be_visible()
    audit.check(page, "programs@ home")
    section.get_by_role("link", name="Open the outcome dashboard").click()
    page.wait_for_url("**/programs/outcomes/")

    expect(page.locator("h1")).to_have_text("Program outcomes")
    note = page.locator("#privacy-note")
    expect(note).to_contain_text("Figures for fewer than 11 people are not shown")
    expect(note).to_contain_text("fewer than 11 people: not shown to protect privacy")

    for key in TABLES:
        table = page.locator(f"#{key}-table")
        expect(table).to_be_visible()
        chart = page.locator(f"#{key}-chart")
        if chart.count():
            expect(chart).to_be_visible()
            box = chart.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 20, key
            # Named for screen readers by its own title and description.
            assert chart.get_attribute("role") == "img"
            assert chart.locator("title").text_content().strip()
            assert chart.locator("desc").text_content().strip()
            assert chart.locator("rect.outcome-bar").count() >= 1
    # The demo has a handful of trainees: the funnel's figures are hidden, in the chart too.
    expect(page.locator("#funnel-table td.not-shown").first).to_have_text("not shown")
    expect(page.locator("#funnel-chart rect.outcome-bar-hidden").first).to_be_attached()
    audit.check(page, "outcomes dashboard")
    screenshot(page, "outcomes-dashboard.png")

    # Narrow to a cohort: the page reloads with it chosen, still hiding small groups.
    page.select_option("#f-cohort", index=1)
    page.locator("#outcome-filters").get_by_role("button", name="Show").click()
    page.wait_for_url("**/programs/outcomes/?*cohort=*")
    expect(page.locator("#funnel-table")).to_be_visible()
    expect(page.locator("#funnel-table td.not-shown").first).to_have_text("not shown")
    audit.check(page, "outcomes dashboard, one cohort")

    with page.expect_download() as download:
        page.locator("#funnel-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("Step,People,Of those enrolled")
    assert "not shown" in text

    with page.expect_download() as download:
        page.locator("#report-pdf").click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
    audit.assert_clean()
    context.close()
