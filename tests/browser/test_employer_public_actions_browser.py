"""What a board publishes reaches the employer who follows a certificate, in Chromium, on the
demo: employer@example.org signs in from the home page, opens their roster from their home, and
clicks through to the verification pages of the two people they follow — one carries the
board's endorsement (Family peer support), the other the public reprimand the ethics committee
published when it closed its case, on a certificate that stays valid. Nothing else of the case
shows. Every step is a click; waits are on what appears."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_trainee_by_clicking import PASSWORD, demo  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("demo"),
]


def test_the_employer_sees_an_endorsement_and_a_public_reprimand_from_their_roster(
    live_server, browser, screenshot
):
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        page.goto(f"{base}/")
        page.locator("header").get_by_role("link", name="Sign in").click()
        page.get_by_label("E-mail address").fill("employer@example.org")
        page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
        page.locator("main form").get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/dashboard/")

        page.get_by_role("link", name="Open your roster").click()
        page.wait_for_url("**/employer/")
        roster = page.locator("main table")

        # The certified trainee's certificate: the board's endorsement.
        roster.get_by_role("link", name="Sam Okafor").click()
        expect(page.locator("#status-banner")).to_have_attribute("data-status", "valid")
        endorsement = page.locator('[data-endorsement="FAM"]')
        expect(endorsement).to_contain_text("Family peer support")
        screenshot(page, "employer-endorsement.png")

        # Back to the roster, then the other person followed: a public reprimand on a
        # certificate that stays valid.
        page.go_back()
        page.wait_for_url("**/employer/")
        roster.get_by_role("link", name="Jamie Ortiz").click()
        expect(page.locator("#status-banner")).to_have_attribute("data-status", "valid")
        expect(page.locator("#status-banner")).to_contain_text(
            "Public disciplinary action on record"
        )
        action = page.locator('#public-actions [data-public-action="reprimand"]')
        expect(action).to_contain_text("Reprimand")
        expect(action).to_contain_text("Public reprimand: shared details of a peer's recovery")
        # Nothing else of the case: not the complainant, not the investigation.
        text = page.locator("main").inner_text()
        assert "Pat Lindqvist" not in text
        assert "Spoke with the complainant" not in text
        screenshot(page, "employer-public-reprimand.png")
    finally:
        context.close()
