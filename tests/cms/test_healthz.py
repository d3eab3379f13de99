"""/healthz: 200 {"database": "ok", "queue": "ok"} when healthy, 503 naming what is down."""

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # port 1: nothing listens there


def test_healthy_with_in_process_jobs(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "queue": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.redis
def test_healthy_with_a_live_redis(client, redis_url):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "queue": "ok"}


def test_unreachable_redis_is_reported_as_queue_down(client, settings):
    settings.REDIS_URL = DEAD_REDIS
    settings.RQ_QUEUES = {"default": {"URL": DEAD_REDIS, "DEFAULT_TIMEOUT": 300}}
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "queue": "down"}


class _BrokenConnection:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_unreachable_database_is_reported_as_database_down(client, settings, monkeypatch):
    settings.REDIS_URL = ""
    monkeypatch.setattr("cms.views.connection", _BrokenConnection())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"database": "down", "queue": "ok"}


def test_healthz_answers_get_only(client):
    assert client.post(reverse("healthz")).status_code == 405
