"""The scheduler without Redis (the embedded default: jobs run in-process, nothing in rq to
retry them): its few-minute tick sends the webhook deliveries whose backoff has passed, so an
employer's receiver that failed once still gets the event, signed, with the same webhook-id."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from certificates import services as certificate_services
from cms import scheduler
from employers.models import RosterEntry, WebhookDelivery
from employers.services import webhooks as webhook_services
from tests.employers.webhook_receiver import Receiver
from tests.verification.fixtures import (  # noqa: F401  (fixtures)
    certificate,
    employer,
    employers_group,
)

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture(autouse=True)
def embedded(settings):
    settings.REDIS_URL = ""  # in-process jobs: what `make demo` and a laptop run
    settings.WEBHOOKS_ALLOW_LOCAL = True


@pytest.fixture(autouse=True)
def no_certificate_reconciliation(monkeypatch):
    # The other tick job has its own tests (tests/continuing_education/test_sweep.py).
    from certificates import jobs as certificate_jobs

    monkeypatch.setattr(certificate_jobs, "reconcile_certificates", lambda: 0)


def test_every_tick_runs_the_webhook_retries():
    clock = Clock(datetime(2031, 5, 1, 1, 0))
    local = scheduler.LocalScheduler(reconcile_every=300, clock=clock)
    assert "retry_due_webhooks" in local.run_due()
    clock.now += timedelta(minutes=2)
    assert local.run_due() == []  # not yet: every five minutes
    clock.now += timedelta(minutes=4)
    assert "retry_due_webhooks" in local.run_due()


def test_without_redis_a_failed_delivery_is_retried_by_the_tick_until_delivered(
    employer,  # noqa: F811 (the fixture imported above)
    certificate,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    RosterEntry.objects.create(
        employer=employer,
        certificate=certificate,
        last_notified_status=certificate.status,
        label="Team B",
        added_at=timezone.now() - timedelta(days=1),
    )
    clock = Clock(datetime(2031, 5, 1, 1, 0))
    local = scheduler.LocalScheduler(reconcile_every=300, clock=clock)
    with Receiver(answers=[503]) as flaky:
        endpoint = webhook_services.endpoint_create(employer=employer, url=flaky.url)
        with django_capture_on_commit_callbacks(execute=True):
            certificate_services.certificate_set_status(
                certificate_id=certificate.pk,
                to_status="suspended",
                actor=None,
                reason="Board decision 2026-20",
                reason_public=True,
            )
        delivery = WebhookDelivery.objects.get()
        assert delivery.state == "pending" and delivery.attempts == 1

        # Before its backoff has passed, a tick leaves it alone.
        with django_capture_on_commit_callbacks(execute=True):
            local.run_due()
        delivery.refresh_from_db()
        assert delivery.attempts == 1

        # The backoff has passed: the next tick sends it.
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=timezone.now() - timedelta(seconds=1)
        )
        clock.now += timedelta(minutes=5)
        with django_capture_on_commit_callbacks(execute=True):
            assert "retry_due_webhooks" in local.run_due()

    delivery.refresh_from_db()
    assert delivery.state == "delivered" and delivery.attempts == 2
    assert [got.headers["webhook-id"] for got in flaky.received] == [delivery.message_id] * 2
    payload = Webhook(endpoint.secret).verify(flaky.received[-1].body, flaky.received[-1].headers)
    assert payload["type"] == "certificate.suspended"
