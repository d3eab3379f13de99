"""core.ratelimit: per-client limits in the cache, 429 with Retry-After past them."""

import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.ratelimit import client_ip, hit, ratelimit


@ratelimit("test-scope", rate_setting="TEST_RATE")
def view(request):
    return HttpResponse("ok")


@pytest.fixture
def rf():
    return RequestFactory()


def test_requests_past_the_limit_get_429_with_retry_after(rf, settings):
    settings.TEST_RATE = "3/m"
    statuses = [view(rf.get("/verify/X/")).status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]
    response = view(rf.get("/verify/X/"))
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Cache-Control"] == "no-store"


def test_people_get_a_page_and_programs_get_json(rf, settings):
    settings.TEST_RATE = "1/m"
    view(rf.get("/verify/X/"))

    page = view(rf.get("/verify/X/", headers={"Accept": "text/html"}))
    data = view(rf.get("/verify/X/", headers={"Accept": "application/json"}))

    assert b"Too many requests" in page.content
    assert page["Content-Type"].startswith("text/html")
    assert json.loads(data.content)["message"].startswith("Too many requests")


def test_each_client_address_has_its_own_budget(rf, settings):
    settings.TEST_RATE = "1/m"
    assert view(rf.get("/", REMOTE_ADDR="192.0.2.1")).status_code == 200
    assert view(rf.get("/", REMOTE_ADDR="192.0.2.1")).status_code == 429
    assert view(rf.get("/", REMOTE_ADDR="192.0.2.2")).status_code == 200


def test_ipv6_clients_are_grouped_by_64_bit_prefix(rf, settings):
    settings.TEST_RATE = "1/m"
    assert view(rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")).status_code == 200
    assert view(rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")).status_code == 429
    assert view(rf.get("/", REMOTE_ADDR="2001:db8:1:3::1")).status_code == 200


def test_forwarded_for_is_ignored_unless_proxies_are_configured(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "10.0.0.1"
    settings.RATELIMIT_PROXY_COUNT = 1
    spoofed = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(spoofed) == "203.0.113.9"


def test_a_garbled_address_does_not_crash(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR="not an ip")) == "unknown"


def test_limits_can_be_switched_off(rf, settings):
    settings.TEST_RATE = "1/m"
    settings.RATELIMIT_ENABLE = False
    assert [view(rf.get("/")).status_code for _ in range(3)] == [200, 200, 200]


def test_a_cache_outage_lets_requests_through(rf, settings, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("core.ratelimit.get_usage", down)
    assert not hit(rf.get("/"), scope="s", rate="1/m").limited


def test_only_the_listed_methods_are_counted(rf, settings):
    settings.TEST_RATE = "1/m"
    limited_post = ratelimit("post-only", rate_setting="TEST_RATE", methods=("POST",))(
        lambda request: HttpResponse("ok")
    )
    assert [limited_post(rf.get("/")).status_code for _ in range(3)] == [200, 200, 200]
    assert [limited_post(rf.post("/")).status_code for _ in range(2)] == [200, 429]
