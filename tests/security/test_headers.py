"""Security headers and cookies as production sends them.

The transport settings are read from cms.settings.production itself (imported in a subprocess
with a deployment's environment) and applied to this process with override_settings, so the
requests below go through the real middleware with the real production values. The deployment
checklist (`check --deploy --fail-level WARNING`) is tests/cms/test_settings.py's.
"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.cms.test_settings import REPO
from tests.factories import UserFactory
from tests.security.production import production_settings

pytestmark = pytest.mark.django_db

TRANSPORT = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME_OPTIONS", "DEBUG")


@pytest.fixture
def production():
    values = {k: v for k, v in production_settings().items() if k.startswith(TRANSPORT)}
    with override_settings(**values):
        yield values


def cookie_flags(cookie) -> dict:
    return {
        "secure": bool(cookie["secure"]),
        "httponly": bool(cookie["httponly"]),
        "samesite": cookie["samesite"],
    }


def test_production_turns_on_every_transport_protection():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert values["SESSION_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["CSRF_COOKIE_SECURE"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["X_FRAME_OPTIONS"] == "DENY"


def test_plain_http_is_redirected_to_https(production, client):
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_behind_the_proxy_https_is_recognised_by_its_header(production, client):
    response = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "max-age=" in response["Strict-Transport-Security"]


def test_public_pages_carry_the_security_headers(production, course_tree):
    from tests.factories.certificates import CertificateFactory

    certificate = CertificateFactory()
    client = Client()
    for url in [
        "/",
        course_tree.course.url,
        reverse("login"),
        reverse("signup"),
        reverse("password_reset"),
        reverse("verify_lookup"),
        reverse("verify_detail", args=[certificate.code]),
        reverse("issuer_profile"),
    ]:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        hsts = response["Strict-Transport-Security"]
        assert hsts == "max-age=31536000; includeSubDomains; preload", url
        csp = response["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
        assert "default-src 'self'" in csp and "object-src 'none'" in csp, url
        assert "frame-ancestors 'none'" in csp, url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url


def test_private_pages_carry_the_same_headers(production, course_tree):
    user = UserFactory()
    client = Client()
    client.force_login(user)
    for url in [
        reverse("dashboard"),
        reverse("certificates:overview"),
        reverse("continuing_education:activities"),
    ]:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url
        assert response["Strict-Transport-Security"].startswith("max-age=31536000"), url
        assert response["X-Content-Type-Options"] == "nosniff", url


def test_the_admin_may_frame_itself_but_nothing_else_may(production):
    """Wagtail's admin needs inline scripts (its CSP says so); framing stays same-origin."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    response = client.get("/admin/", secure=True)
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"].startswith("max-age=")


def test_the_csrf_cookie_is_secure_httponly_and_same_site(production):
    response = Client().get(reverse("login"), secure=True)
    cookie = response.cookies["csrftoken"]
    assert cookie_flags(cookie) == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_the_session_cookie_is_secure_httponly_and_same_site(production):
    UserFactory(email="jordan@example.org")
    client = Client(enforce_csrf_checks=False)
    response = client.post(
        reverse("login"),
        {"username": "jordan@example.org", "password": "correct-horse-battery"},
        secure=True,
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie_flags(cookie) == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_the_signed_in_pages_post_forms_without_reading_the_csrf_cookie():
    """CSRF_COOKIE_HTTPONLY hides the cookie from scripts; ours send the form's hidden token."""
    from pathlib import Path

    for script in Path(REPO).glob("*/static/**/*.js"):
        text = script.read_text()
        assert "document.cookie" not in text and "csrftoken" not in text, script
