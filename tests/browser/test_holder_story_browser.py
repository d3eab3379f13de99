"""A certificate as its holder lives it, in Chromium: an administrator revokes it through the
confirmation page (nothing changes before the yes), the holder gets one e-mail with the public
reason, and their dashboard says revoked, since when and why, with no PDF, LinkedIn or wallet
button; and a share link made by the holder survives a reload as one link, shown in full with
a working Copy button."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from certificates.models import Certificate
from employers.models import ShareLink
from tests.browser.test_trainee_by_clicking import in_a_plain_thread
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password-1"


def person(**fields):
    user = UserFactory(**fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(page, base: str, email: str, *, next_url: str = "/dashboard/") -> None:
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()


def _story():
    holder = person(email="sam@example.org", first_name="Sam", last_name="Okafor")
    certificate = CertificateFactory(holder=holder, holder_name="Sam Okafor")
    admin = person(email="boss@example.org", is_superuser=True, is_staff=True)
    return holder, certificate, admin


@pytest.fixture
def story(transactional_db):
    # Outside Playwright's event loop, where Django refuses to run queries.
    return in_a_plain_thread(_story)


def test_a_revocation_is_confirmed_mailed_once_and_shown_on_the_dashboard(
    story, live_server, browser, screenshot
):
    holder, certificate, admin = story
    base = live_server.url

    holder_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(holder_page, base, holder.email)
    card = holder_page.locator(f"[data-certificate='{certificate.code}']")
    expect(card.get_by_role("link", name="Download PDF")).to_be_visible()
    expect(card.get_by_role("link", name="Add to LinkedIn")).to_be_visible()

    admin_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(admin_page, base, admin.email, next_url=f"/admin/certificates/{certificate.pk}/")
    form = admin_page.locator("#status-form")
    expect(form.get_by_label("Reinstate (valid again)")).to_have_count(0)  # it is valid
    form.get_by_label("Revoke", exact=True).check()
    form.get_by_label(re.compile(r"^Reason:?$")).fill("Hours logged that were never worked")
    form.get_by_label("Show the reason on the public verification page").check()
    form.get_by_role("button", name="Continue").click()
    expect(admin_page.locator("#confirm-status")).to_contain_text(certificate.serial)
    expect(admin_page.locator("#confirm-status")).to_contain_text("Sam Okafor")
    expect(admin_page.locator("#new-status")).to_have_text("Revoked")
    assert in_a_plain_thread(lambda: Certificate.objects.get(pk=certificate.pk).status) == "valid"
    admin_page.locator("#confirm-button").click()
    expect(admin_page.locator(".messages")).to_contain_text("is now revoked")
    admin_page.reload()  # a reload of the result page changes nothing more

    [message] = [m for m in mail.outbox if m.to == [holder.email]]
    assert "was revoked on" in message.body
    assert "Reason: Hours logged that were never worked" in message.body

    holder_page.reload()
    card = holder_page.locator(f"[data-certificate='{certificate.code}']")
    expect(card).to_have_attribute("data-status", "revoked")
    expect(card).to_contain_text("Revoked on")
    expect(card).to_contain_text("Reason: Hours logged that were never worked")
    expect(card.get_by_role("link", name="Download PDF")).to_have_count(0)
    expect(card.get_by_role("link", name="Add to LinkedIn")).to_have_count(0)
    expect(card.get_by_role("button", name="Add to wallet")).to_have_count(0)
    screenshot(holder_page, "holder-revoked-dashboard.png")


def test_a_share_link_survives_a_reload_as_one_link_shown_in_full(
    story, live_server, browser, screenshot
):
    holder, _certificate, _admin = story
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    sign_in(page, base, holder.email, next_url="/share/")

    page.get_by_label("Label (for you)").fill("Harbour House")
    page.get_by_role("button", name="Create link").click()
    link = page.locator("#new-url")
    expect(link).to_contain_text(f"{base}/shared/")
    url = link.inner_text().strip()
    assert page.url.endswith("/share/#new-link")

    page.reload()
    page.reload()

    expect(page.locator("#new-url")).to_have_text(url)
    assert in_a_plain_thread(lambda: ShareLink.objects.filter(holder=holder).count()) == 1
    box = page.locator("#new-url").bounding_box()
    assert box["x"] + box["width"] <= 390  # the whole link on the phone's screen, wrapped
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#new-url-status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == url
    screenshot(page, "share-link-phone.png")

    # Anyone with the link opens it (this one names no employer account).
    visitor = browser.new_context().new_page()
    response = visitor.goto(url)
    assert response.status == 200
    expect(visitor.locator("main")).to_contain_text("Sam Okafor")
