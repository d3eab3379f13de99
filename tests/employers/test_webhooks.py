"""Signed webhooks to employers' systems: a certificate on the roster changes, the employer's
receiver gets one signed delivery per change (verified here with the standardwebhooks library,
not our code), failures are retried with backoff and never lost, a receiver that keeps failing
is switched off with an e-mail, and deliveries go nowhere but the registered public host."""

import contextlib
import json
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from certificates import services as certificate_services
from certificates.models import Certificate
from core.jobs import RETRY_INTERVALS
from employers import outbound
from employers.models import RosterEntry, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from employers.services import webhooks as service
from tests.employers.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_delivery(settings):
    settings.WEBHOOKS_ALLOW_LOCAL = True


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def followed(employer, certificate):
    RosterEntry.objects.create(
        employer=employer,
        certificate=certificate,
        last_notified_status=certificate.status,
        label="Team B",
        added_at=timezone.now() - timedelta(days=1),
    )
    return certificate


def register(employer, url, **kwargs):
    return service.endpoint_create(employer=employer, url=url, **kwargs)


def set_status(certificate, status, callbacks, **kwargs):
    with callbacks(execute=True):
        certificate_services.certificate_set_status(
            certificate_id=certificate.pk,
            to_status=status,
            actor=None,
            reason=kwargs.get("reason", "Board decision 2026-14"),
            reason_public=kwargs.get("reason_public", True),
        )


def verified(endpoint, received) -> dict:
    """What the standardwebhooks library makes of a delivery (raises if the signature fails)."""
    return Webhook(endpoint.secret).verify(received.body, received.headers)


def test_a_revocation_reaches_the_receiver_once_signed_and_verifiable(
    employer, followed, receiver, django_capture_on_commit_callbacks
):
    endpoint = register(employer, receiver.url)
    set_status(followed, "revoked", django_capture_on_commit_callbacks)

    assert len(receiver.received) == 1
    (got,) = receiver.received
    payload = verified(endpoint, got)
    assert payload["type"] == "certificate.revoked"
    assert payload["data"]["certificate"]["code"] == followed.code
    assert payload["data"]["certificate"]["status"] == "revoked"
    assert payload["data"]["change"]["reason"] == "Board decision 2026-14"
    assert payload["data"]["your_reference"] == "Team B"
    assert got.headers["webhook-id"].startswith("msg_")
    assert got.path == "/hooks/peercert"
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "delivered" and delivery.message_id == got.headers["webhook-id"]


def test_a_signature_made_with_another_secret_or_a_changed_body_is_rejected(
    employer, followed, receiver, django_capture_on_commit_callbacks
):
    endpoint = register(employer, receiver.url)
    set_status(followed, "suspended", django_capture_on_commit_callbacks)
    (got,) = receiver.received
    other = register(employer, "https://hooks.example.org/other")
    with pytest.raises(WebhookVerificationError):
        Webhook(other.secret).verify(got.body, got.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(got.body.replace("suspended", "valid"), got.headers)


def test_a_private_reason_is_not_sent(
    employer, followed, receiver, django_capture_on_commit_callbacks
):
    endpoint = register(employer, receiver.url)
    set_status(
        followed,
        "suspended",
        django_capture_on_commit_callbacks,
        reason="Health",
        reason_public=False,
    )
    payload = verified(endpoint, receiver.received[0])
    assert payload["data"]["change"]["reason"] is None
    assert "Health" not in receiver.received[0].body


@pytest.mark.parametrize(
    ("steps", "events"),
    [
        (["suspended", "valid"], ["certificate.suspended", "certificate.reinstated"]),
        (["revoked"], ["certificate.revoked"]),
    ],
)
def test_each_change_is_its_own_event(
    employer, followed, receiver, django_capture_on_commit_callbacks, steps, events
):
    endpoint = register(employer, receiver.url)
    for step in steps:
        set_status(followed, step, django_capture_on_commit_callbacks)
    assert [verified(endpoint, got)["type"] for got in receiver.received] == events
    assert len({got.headers["webhook-id"] for got in receiver.received}) == len(events)


def test_an_expiry_from_the_nightly_sweep_is_sent_by_the_daily_catch_up(
    employer, followed, receiver, django_capture_on_commit_callbacks
):
    from certificates.sweep import expire_due

    endpoint = register(employer, receiver.url)
    Certificate.objects.filter(pk=followed.pk).update(expires_on=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        expire_due(today=timezone.localdate() + timedelta(days=1))
        assert service.fan_out_recent() == 1
        assert service.fan_out_recent() == 0  # once only
    assert [verified(endpoint, got)["type"] for got in receiver.received] == ["certificate.expired"]


def test_only_events_the_endpoint_chose_are_sent(
    employer, followed, receiver, django_capture_on_commit_callbacks
):
    register(employer, receiver.url, events=["certificate.revoked"])
    set_status(followed, "suspended", django_capture_on_commit_callbacks)
    assert receiver.received == []
    set_status(followed, "revoked", django_capture_on_commit_callbacks)
    assert len(receiver.received) == 1


def test_another_employers_endpoint_hears_nothing(
    employer, other_employer, followed, receiver, django_capture_on_commit_callbacks
):
    register(other_employer, receiver.url)
    set_status(followed, "revoked", django_capture_on_commit_callbacks)
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_history_before_the_endpoint_existed_is_not_sent(
    employer, followed, receiver, django_capture_on_commit_callbacks
):
    set_status(followed, "suspended", django_capture_on_commit_callbacks)
    register(employer, receiver.url)
    assert service.fan_out(certificate_id=followed.pk) == 0


def test_a_receiver_that_fails_then_recovers_gets_it_on_a_retry_with_the_same_id(
    employer, followed, django_capture_on_commit_callbacks
):
    with Receiver(answers=[503, 500]) as flaky:
        endpoint = register(employer, flaky.url)
        set_status(followed, "revoked", django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        assert delivery.state == "pending" and delivery.attempts == 1
        # Backoff: the next try waits the first of core.jobs.RETRY_INTERVALS.
        wait = (delivery.next_attempt_at - delivery.attempt_log.get().at).total_seconds()
        assert wait == RETRY_INTERVALS[0]
        assert service.retry_due() == 0  # not due yet

        later = timezone.now() + timedelta(seconds=RETRY_INTERVALS[0] + 1)
        with django_capture_on_commit_callbacks(execute=True):
            assert service.retry_due(now=later) == 1
        delivery.refresh_from_db()
        assert delivery.attempts == 2 and delivery.state == "pending"
        later = timezone.now() + timedelta(seconds=RETRY_INTERVALS[1] + 1)
        with django_capture_on_commit_callbacks(execute=True):
            service.retry_due(now=later)

    delivery.refresh_from_db()
    assert delivery.state == "delivered" and delivery.attempts == 3
    ids = {got.headers["webhook-id"] for got in flaky.received}
    assert ids == {delivery.message_id}  # one id: the receiver dedupes
    # Each try is signed afresh (its own timestamp) and verifies.
    for got in flaky.received:
        assert verified(endpoint, got)["type"] == "certificate.revoked"
    assert [a.status_code for a in delivery.attempt_log.all()] == [503, 500, 204]
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0


def test_a_failed_attempt_raises_so_rq_retries_it(employer, followed, receiver):
    endpoint = register(employer, receiver.url)
    receiver.answers.extend([500])
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id="msg_t1",
        event_type="certificate.revoked",
        event_key="k1",
        body="{}",
        next_attempt_at=timezone.now(),
    )
    with pytest.raises(service.DeliveryFailed):
        service.deliver(delivery_id=delivery.pk)
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == 1  # recorded first


def test_a_worker_killed_mid_delivery_is_retried_not_lost(employer, followed, receiver):
    """The worker took the lease and died: nobody sends while the lease holds, and once it
    has expired the reconciler sends it, with the same webhook-id."""
    endpoint = register(employer, receiver.url)
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id="msg_killed",
        event_type="certificate.revoked",
        event_key="k2",
        body='{"type":"certificate.revoked"}',
        next_attempt_at=timezone.now(),
    )
    assert service._claim(delivery.pk)  # the worker that was killed
    assert service.deliver(delivery_id=delivery.pk) == "skipped"  # a second job waits
    assert service.retry_due() == 0
    after_lease = timezone.now() + service.LEASE + timedelta(seconds=1)
    assert service.retry_due(now=after_lease) == 1
    WebhookDelivery.objects.filter(pk=delivery.pk).update(leased_until=None)  # lease expired
    assert service.deliver(delivery_id=delivery.pk) == "delivered"
    assert service.deliver(delivery_id=delivery.pk) == "skipped"  # settled: never twice more
    assert [got.headers["webhook-id"] for got in receiver.received] == ["msg_killed"]
    verified(endpoint, receiver.received[0])


def test_fanning_out_twice_creates_one_delivery_per_change(
    employer, followed, receiver, django_capture_on_commit_callbacks
):
    register(employer, receiver.url)
    set_status(followed, "revoked", django_capture_on_commit_callbacks)
    assert service.fan_out(certificate_id=followed.pk) == 0
    assert WebhookDelivery.objects.count() == 1 and len(receiver.received) == 1


def test_an_endpoint_that_keeps_failing_is_switched_off_with_one_email(
    employer, followed, django_capture_on_commit_callbacks
):
    with Receiver(answers=[500] * 100) as broken:
        endpoint = register(employer, broken.url)
        set_status(followed, "revoked", django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        for _ in range(service.DISABLE_AFTER_FAILURES + 3):
            WebhookDelivery.objects.filter(pk=delivery.pk).update(
                state="pending", attempts=0, leased_until=None
            )
            with (
                django_capture_on_commit_callbacks(execute=True),
                contextlib.suppress(service.DeliveryFailed),
            ):
                service.deliver(delivery_id=delivery.pk)
    endpoint.refresh_from_db()
    assert endpoint.disabled_at is not None
    assert len(broken.received) == service.DISABLE_AFTER_FAILURES  # nothing after switching off
    (message,) = [m for m in mail.outbox if endpoint.url in m.body]
    assert message.to == [employer.email]
    # Switched back on, a replay goes out with the same id.
    service.endpoint_enable(employer=employer, endpoint_id=endpoint.pk)
    with Receiver() as fixed:
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url=fixed.url)
        with django_capture_on_commit_callbacks(execute=True):
            service.replay(employer=employer, delivery_id=delivery.pk)
    assert [got.headers["webhook-id"] for got in fixed.received] == [delivery.message_id]


# --- where deliveries may go ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.org/x",  # not https
        "https://10.0.0.8/x",
        "https://192.168.1.1/x",
        "https://169.254.169.254/latest/meta-data/",  # cloud metadata, link-local
        "https://[::1]/x",
        "https://[fd00::1]/x",
        "https://[::ffff:10.0.0.1]/x",
        "https://0.0.0.0/x",
        "https://user:pw@hooks.example.org/x",
    ],
)
def test_unsafe_addresses_cannot_be_registered(employer, url, settings):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    with pytest.raises(ValidationError):
        register(employer, url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/x", "https://localhost/x"])
def test_localhost_only_where_local_delivery_is_allowed(employer, url, settings):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    with pytest.raises(ValidationError):
        register(employer, url)
    settings.WEBHOOKS_ALLOW_LOCAL = True
    assert register(employer, url).pk


def test_local_delivery_follows_debug_unless_set(settings):
    del settings.WEBHOOKS_ALLOW_LOCAL
    settings.DEBUG = False
    assert not outbound.allow_local()
    settings.DEBUG = True
    assert outbound.allow_local()


def test_a_name_resolving_to_a_private_address_is_refused_at_send_time(monkeypatch, settings):
    """DNS can change after registration (or rebind): the address is checked at every send,
    and the connection goes to the address that was checked."""
    settings.WEBHOOKS_ALLOW_LOCAL = False

    def private(host, port, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", private)
    outcome = outbound.post("https://hooks.example.org/x", body="{}", headers={})
    assert not outcome.ok and outcome.error == f"Refused: {outbound.NOT_PUBLIC}"


def test_one_private_address_among_public_ones_is_refused(monkeypatch, settings):
    settings.WEBHOOKS_ALLOW_LOCAL = False

    def mixed(host, port, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    with pytest.raises(outbound.UnsafeAddress):
        outbound.resolve("hooks.example.org", 443)


def test_loopback_is_refused_in_production_even_at_send_time(settings, receiver):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    outcome = outbound.post(receiver.url, body="{}", headers={})
    assert outcome.error.startswith("Refused") and receiver.received == []


def test_a_redirect_is_not_followed(receiver):
    receiver.answers.extend([302])
    outcome = outbound.post(receiver.url, body="{}", headers={})
    assert not outcome.ok and outcome.status_code == 302
    assert len(receiver.received) == 1  # nothing went to the Location


def test_a_receiver_that_does_not_answer_times_out(monkeypatch):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    monkeypatch.setattr(outbound, "READ_TIMEOUT", 0.5)
    try:
        outcome = outbound.post(
            f"http://127.0.0.1:{silent.getsockname()[1]}/x", body="{}", headers={}
        )
    finally:
        silent.close()
    assert not outcome.ok and "timed out" in outcome.error.lower()
    assert outcome.duration_ms < 5000


def test_the_body_is_compact_json_with_type_timestamp_and_data(
    employer, followed, receiver, django_capture_on_commit_callbacks
):
    register(employer, receiver.url)
    set_status(followed, "revoked", django_capture_on_commit_callbacks)
    body = json.loads(receiver.received[0].body)
    assert set(body) == {"type", "timestamp", "data"}
    assert followed.holder.email not in receiver.received[0].body


def test_a_published_public_action_is_an_event_of_its_own(
    employer, followed, receiver, django_capture_on_commit_callbacks
):
    endpoint = register(employer, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_services.public_action_record(
            certificate_id=followed.pk,
            kind="reprimand",
            taken_on=timezone.localdate(),
            summary="Reprimand for a boundary violation; completed an ethics course.",
            actor=None,
        )
    (got,) = receiver.received
    payload = verified(endpoint, got)
    assert payload["type"] == "certificate.public_action"
    assert payload["data"]["public_action"]["type"] == "reprimand"
    assert payload["data"]["certificate"]["status"] == "valid"


def test_a_history_entry_that_changes_no_status_is_not_a_reinstatement():
    from employers.webhooks import event_type

    assert event_type(from_status="valid", to_status="valid", renewal=False) is None
    assert event_type(from_status="suspended", to_status="valid", renewal=False) == (
        "certificate.reinstated"
    )
    assert event_type(from_status="pending", to_status="valid", renewal=True) == (
        "certificate.renewed"
    )
