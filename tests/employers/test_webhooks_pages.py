"""The employer's webhook pages: register an endpoint (the secret shown once), read the
delivery log, replay, switch back on, remove — each only for the endpoint's own employer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from employers.models import RosterEntry, WebhookDelivery, WebhookEndpoint
from employers.services import webhooks as service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_delivery(settings):
    settings.WEBHOOKS_ALLOW_LOCAL = False  # as in production


@pytest.fixture
def endpoint(employer):
    return service.endpoint_create(employer=employer, url="https://hooks.example.org/peercert")


@pytest.fixture
def delivery(endpoint, certificate):
    made = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id="msg_page",
        event_type="certificate.revoked",
        event_key="page",
        certificate=certificate,
        body="{}",
        state="failed",
        attempts=5,
    )
    made.attempt_log.create(status_code=None, error="Refused: The host name does not resolve.")
    return made


def test_registering_shows_the_secret_once(employer_client):
    response = employer_client.post(
        "/employer/webhooks/",
        {"url": "https://hooks.example.org/peercert", "events": ["certificate.revoked"]},
    )
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["certificate.revoked"]
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.secret in response.content.decode()
    assert endpoint.secret not in employer_client.get("/employer/webhooks/").content.decode()
    assert (
        endpoint.secret
        not in employer_client.get(f"/employer/webhooks/{endpoint.pk}/").content.decode()
    )


def test_an_unsafe_address_is_an_error_on_the_form(employer_client):
    response = employer_client.post("/employer/webhooks/", {"url": "https://10.0.0.1/x"})
    assert response.status_code == 400
    assert "not on the public internet" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_log_shows_each_attempt_and_offers_a_replay(employer_client, endpoint, delivery):
    html = employer_client.get(f"/employer/webhooks/{endpoint.pk}/").content.decode()
    assert "msg_page" in html and "does not resolve" in html
    assert f"/employer/webhooks/deliveries/{delivery.pk}/replay/" in html


def test_replay_sends_the_same_delivery_again(
    employer_client, endpoint, delivery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = employer_client.post(f"/employer/webhooks/deliveries/{delivery.pk}/replay/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    # hooks.example.org does not answer in the tests: a new failed attempt, same delivery.
    assert delivery.attempt_log.count() == 2
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/employer/webhooks/{endpoint}/"),
        ("post", "/employer/webhooks/{endpoint}/remove/"),
        ("post", "/employer/webhooks/{endpoint}/enable/"),
        ("post", "/employer/webhooks/deliveries/{delivery}/replay/"),
    ],
)
def test_another_employer_gets_404(client, other_employer, endpoint, delivery, method, path):
    client.force_login(other_employer)
    url = path.format(endpoint=endpoint.pk, delivery=delivery.pk)
    assert getattr(client, method)(url).status_code == 404
    endpoint.refresh_from_db()
    assert endpoint.removed_at is None


def test_another_employers_endpoints_are_not_listed(client, other_employer, endpoint):
    client.force_login(other_employer)
    assert "hooks.example.org" not in client.get("/employer/webhooks/").content.decode()


def test_a_trainee_is_refused(client, certificate):
    client.force_login(certificate.holder)
    assert client.get("/employer/webhooks/").status_code == 403


def test_removing_stops_sending(employer_client, endpoint, employer, certificate):
    RosterEntry.objects.create(
        employer=employer,
        certificate=certificate,
        last_notified_status="valid",
        added_at=timezone.now() - timedelta(days=1),
    )
    assert employer_client.post(f"/employer/webhooks/{endpoint.pk}/remove/").status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.removed_at is not None
    assert service.fan_out(certificate_id=certificate.pk) == 0


def test_the_employer_nav_links_to_webhooks(employer_client):
    assert 'href="/employer/webhooks/"' in employer_client.get("/employer/").content.decode()
