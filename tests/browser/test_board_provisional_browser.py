"""Provisional stages in Chromium, by clicking from each person's home: the holder of a
provisional certificate asks for the one extension from "My certificates" with a reason; a board
reviewer finds the request on their home, approves it, then converts the certificate to the full
credential once its holder meets the rest — a new certificate that supersedes the provisional
one. Waits are on what appears, never on time."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts import roles
from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from certificates.models import Certificate
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory, ProgramVersionFactory
from tests.journey.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REASON = "The agency where I practise paused its peer program for two months."


@pytest.fixture
def issuer_keys(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Browser")
    yield keys
    clear_issuer_keys_cache()


@pytest.fixture
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


def sign_in_from_home(page, base: str, email: str) -> None:
    """Sign in (this test's site has no home page of its own) and land on one's home."""
    sign_in(page, base, email)
    page.wait_for_url("**/dashboard/")


def test_the_holder_asks_for_more_time_and_the_board_extends_then_converts(
    browser, live_server, issuer_keys, private_media, screenshot
):
    version = ProgramVersionFactory(
        program__name="Recovery Support Peer Specialist",
        provisional_validity_months=6,
        provisional_extensions_allowed=1,
        validity_months=24,
    )
    holder = UserFactory(email="marisol.vega@example.org", first_name="Marisol", last_name="Vega")
    provisional = CertificateFactory(
        holder=holder,
        holder_name="Marisol Vega",
        version=version,
        stage="provisional",
        issued_on=timezone.localdate() - timedelta(days=150),
        expires_on=timezone.localdate() + timedelta(days=30),
    )
    group, _ = Group.objects.get_or_create(name=roles.BOARD_REVIEWERS)
    board = UserFactory(
        email="harper.quinn@example.org", first_name="Harper", last_name="Quinn", groups=[group]
    )
    base = live_server.url
    holder_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    holder_context.set_default_timeout(15_000)
    board_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    board_context.set_default_timeout(15_000)
    try:
        # The holder, from "My certificates" on their home.
        page = holder_context.new_page()
        sign_in_from_home(page, base, holder.email)
        mine = page.locator(f'#my-certificates [data-certificate="{provisional.code}"]')
        expect(mine.locator("[data-stage=provisional]")).to_be_visible()
        mine.get_by_role("link", name="Ask for more time…").click()
        page.get_by_label("Why you need more time").fill(REASON)
        page.get_by_role("button", name="Send my request to the board").click()
        expect(page.locator(".messages")).to_contain_text("Your request is with the board.")

        # The board reviewer, from their home: the request, then the decision.
        review = board_context.new_page()
        sign_in_from_home(review, base, board.email)
        waiting = review.locator("#home-board-extensions")
        expect(waiting).to_have_attribute("data-count", "1")
        waiting.get_by_role("link").click()
        review.get_by_role("link", name="Marisol Vega").first.click()
        expect(review.locator("#holder-reason")).to_contain_text(REASON)
        review.get_by_label("Approve the extension").check()
        review.get_by_role("button", name="Record the decision").click()
        expect(review.locator(".messages")).to_contain_text("Extension approved.")
        expect(review.get_by_text("No extension request waits.")).to_be_visible()

        # Every requirement of this program is met: the board converts it.
        ready = review.locator("#ready-to-convert")
        ready.get_by_role("link", name="Marisol Vega").click()
        screenshot(review, "board-provisional-convert.png")
        review.get_by_role("button", name="Issue the full credential").click()
        expect(review.locator(".messages")).to_contain_text("is being issued")

        # The holder sees the extension, then the full credential replacing the provisional one.
        page.reload()
        full = Certificate.objects.get(supersedes=provisional)
        expect(page.locator(f'[data-certificate="{full.code}"]')).to_have_attribute(
            "data-status", "valid"
        )
        expect(page.locator(f'[data-certificate="{provisional.code}"]')).to_have_attribute(
            "data-status", "superseded"
        )
    finally:
        holder_context.close()
        board_context.close()
    provisional.refresh_from_db()
    assert provisional.extensions == 1
    assert provisional.status == Certificate.Status.SUPERSEDED
    full = Certificate.objects.get(supersedes=provisional)
    assert (full.stage, full.status) == ("full", Certificate.Status.VALID)
    told = [m for m in mail.outbox if m.to == [holder.email]]
    assert any("approved your request for more time" in m.body for m in told)
