"""The demo employer's integrations: one webhook endpoint at an address that plainly fails,
whose log shows a delivery tried five times with backoff and given up; one signed verification
report on certified@'s certificate, by the clinic the tools were approved for, which the holder
sees on their card; the demo billing rules, marked demo. A second seeding adds nothing."""

import pytest
from django.test import Client

from cms.demo import seed_all
from employers.models import WebhookDelivery, WebhookEndpoint
from payers.models import BillingRule
from payers.selectors import clear_cache
from verification.models import VerificationReport

pytestmark = pytest.mark.django_db


def test_demo_webhook_log_report_and_billing_rules(seeded_demo, django_capture_on_commit_callbacks):
    from certificates.keys import clear_issuer_keys_cache

    lines = seeded_demo.lines
    clear_cache()
    try:
        (endpoint,) = WebhookEndpoint.objects.filter(employer__email="employer@example.org")
        assert endpoint.url == "https://hooks.example.org/peercert"
        # The demo's failed delivery with its five tries; later demo events (the public
        # reprimand on a followed certificate) queue more deliveries after it.
        (delivery,) = WebhookDelivery.objects.filter(endpoint=endpoint, state="failed")
        assert delivery.state == "failed" and delivery.attempt_log.count() == 5
        (report,) = VerificationReport.objects.all()
        assert report.organisation == "Riverside Community Clinic"
        assert report.snapshot["holder_name"] and report.snapshot["status"] == "valid"
        assert report.pdf_sha256
        assert any(report.verification_url in line for line in lines)
        assert BillingRule.objects.filter(is_demo=True).count() == 2
        assert {rule["jurisdiction"] for rule in report.snapshot["billable_in"]} == {
            "Florida",
            "Texas",
        }

        employer, holder = Client(), Client()
        employer.force_login(endpoint.employer)
        html = employer.get(f"/employer/webhooks/{endpoint.pk}/").content.decode()
        assert "does not resolve" in html and 'data-state="failed"' in html
        assert report.report_id in employer.get("/employer/reports/").content.decode()
        holder.force_login(report.certificate.holder)
        card = holder.get("/dashboard/").content.decode()
        assert "verified by Riverside Community Clinic on" in card

        deliveries = WebhookDelivery.objects.count()
        with django_capture_on_commit_callbacks(execute=True):
            seed_all(password=seeded_demo.password)
        # A second run adds nothing.
        assert WebhookEndpoint.objects.count() == 1
        assert WebhookDelivery.objects.count() == deliveries
        assert VerificationReport.objects.count() == 1
        assert BillingRule.objects.count() == 2
    finally:
        clear_issuer_keys_cache()
        clear_cache()
