"""An employer's integrations, in Chromium: the employer registers their system's endpoint
(the secret shown once), an administrator revokes a certificate on their roster, the system —
a real receiver on 127.0.0.1 — gets one delivery whose signature the standardwebhooks library
accepts, the employer sees it delivered in the log, then downloads the signed verification
report from the roster and checks its id at /verify/report/<id>/."""

import re

import pytest
from playwright.sync_api import expect
from standardwebhooks.webhooks import Webhook

from certificates import services as certificate_services
from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from certificates.signing import validate_pdf
from employers.models import RosterEntry, WebhookEndpoint
from tests.browser.test_holder_story_browser import person, sign_in
from tests.employers.webhook_receiver import Receiver
from tests.factories.certificates import CertificateFactory
from tests.threads import in_a_plain_thread
from verification.models import VerificationReport

pytestmark = pytest.mark.django_db(transaction=True)


def _world(key_dir):
    keys = init_issuer_keys(key_dir, organisation="PeerCert Test Institute")
    from django.contrib.auth.models import Group

    from courses.permissions import EMPLOYERS_GROUP

    employer = person(email="hr@riverside.example.org", first_name="Casey", last_name="Nguyen")
    employer.groups.add(Group.objects.get_or_create(name=EMPLOYERS_GROUP)[0])
    holder = person(email="sam@example.org", first_name="Sam", last_name="Okafor")
    certificate = CertificateFactory(holder=holder, holder_name="Sam Okafor")
    RosterEntry.objects.create(
        employer=employer, certificate=certificate, last_notified_status="valid"
    )
    return employer, certificate, keys


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.WEBHOOKS_ALLOW_LOCAL = True
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    clear_issuer_keys_cache()
    yield in_a_plain_thread(_world, key_dir=settings.ISSUER_KEY_DIR)
    clear_issuer_keys_cache()


def test_an_employer_gets_a_signed_delivery_and_a_verifiable_report(
    world, live_server, browser, screenshot
):
    employer, certificate, keys = world
    base = live_server.url
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, base, employer.email, next_url="/employer/")

    with Receiver() as receiver:
        # From the roster to the webhooks page, by clicking.
        page.get_by_role("link", name="Webhooks").first.click()
        page.get_by_label(re.compile(r"^Address")).fill(receiver.url)
        page.get_by_label("Revoked").check()
        page.get_by_role("button", name="Register endpoint").click()
        secret = page.locator("#new-secret").input_value()
        assert secret.startswith("whsec_")
        endpoint = in_a_plain_thread(lambda: WebhookEndpoint.objects.get())

        # An administrator revokes the certificate (the service the admin's confirmation calls).
        in_a_plain_thread(
            lambda: certificate_services.certificate_set_status(
                certificate_id=certificate.pk,
                to_status="revoked",
                actor=None,
                reason="Hours logged that were never worked",
                reason_public=True,
            )
        )
        assert receiver.arrived.wait(timeout=30), "no delivery reached the receiver"

    (got,) = receiver.received
    payload = Webhook(secret).verify(got.body, got.headers)
    assert payload["type"] == "certificate.revoked"
    assert payload["data"]["certificate"]["code"] == certificate.code

    page.get_by_role("link", name=receiver.url).click()
    row = page.locator(f"[data-delivery='{got.headers['webhook-id']}']")
    expect(row).to_have_attribute("data-state", "delivered")
    expect(row).to_contain_text("certificate.revoked")
    expect(row).to_contain_text("accepted (204)")
    screenshot(page, "employer-webhook-log.png")
    assert endpoint.url == receiver.url

    # The verification report, from the roster.
    page.get_by_role("link", name="Roster").first.click()
    page.locator(f"tr[data-code='{certificate.code}']").get_by_role(
        "button", name="Verification report (PDF)"
    ).click()
    expect(page.locator("#reports")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download signed PDF").click()
    with open(download.value.path(), "rb") as saved:
        pdf = saved.read()
    # pyHanko's validation starts an event loop: outside Playwright's.
    assert in_a_plain_thread(lambda: validate_pdf(pdf, keys.root_cert).ok)

    report = in_a_plain_thread(lambda: VerificationReport.objects.get())
    page.get_by_role("link", name=report.display_id).click()
    expect(page.locator("#report-banner")).to_contain_text("Genuine report")
    expect(page.locator("[data-report-claim='holder_name']")).to_have_text("Sam Okafor")
    expect(page.locator("[data-report-claim='status']")).to_have_text("revoked")
    assert page.url.endswith(f"/verify/report/{report.report_id}/")
