"""Brakes on guessing: sign-in locks after repeated failures (django-axes), and the public
verification pages answer 429 past their per-client rate (verification/ratelimit.py)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(fresh_cache, settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_VERIFY_PAGE = "3/m"


@pytest.fixture
def certificate(db):
    return CertificateFactory()


def assert_limited(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]


def test_the_lookup_form_is_rate_limited_per_client():
    client = Client()
    for _ in range(3):
        assert (
            client.get(reverse("verify_lookup"), {"code": "K7QF-3M9D-0000-0000"}).status_code == 404
        )
    assert_limited(client.get(reverse("verify_lookup"), {"code": "K7QF-3M9D-0000-0000"}))
    # Another client is not slowed down by the first one's guessing.
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert other.get(reverse("verify_lookup")).status_code == 200


def test_the_verification_page_is_rate_limited_per_client(certificate):
    client = Client()
    url = reverse("verify_detail", args=[certificate.code])
    for _ in range(3):
        assert client.get(url).status_code == 200
    assert_limited(client.get(url))
    # Guessing codes counts against the same budget as looking up real ones.
    assert_limited(client.get(reverse("verify_detail", args=["ZZZZZZZZZZZZZZZZZZZZ"])))
    assert Client(REMOTE_ADDR="10.1.2.3").get(url).status_code == 200


def test_a_limited_answer_is_the_same_for_real_and_unknown_codes(certificate, monkeypatch):
    # Both answers say how many seconds are left in the window; the rate limiter's clock is
    # held still so a second boundary between the two requests (a loaded machine) can't
    # make them differ.
    now = int(time.time())
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))
    client = Client()
    for _ in range(3):
        client.get(reverse("verify_detail", args=["ZZZZZZZZZZZZZZZZZZZZ"]))
    real = client.get(reverse("verify_detail", args=[certificate.code]))
    unknown = client.get(reverse("verify_detail", args=["ZZZZZZZZZZZZZZZZZZZZ"]))
    assert real.status_code == unknown.status_code == 429
    # The same answer but for the address asked (which the language switcher links back to).
    assert real.content.replace(certificate.code.encode(), b"C") == unknown.content.replace(
        b"ZZZZZZZZZZZZZZZZZZZZ", b"C"
    )


def test_sign_in_locks_after_the_failure_limit_even_with_the_right_password(settings):
    UserFactory(email="jordan@example.org")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("login"), {"username": "jordan@example.org", "password": "wrong-guess"}
        )
    response = client.post(
        reverse("login"), {"username": "jordan@example.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_behind_a_proxy_the_lockout_is_per_visitor_not_per_proxy(settings):
    """With RATELIMIT_PROXY_COUNT set, axes keys on the visitor's address from
    X-Forwarded-For (the one the proxy appended), so one visitor's guesses do not lock the
    account for everyone behind the same proxy."""
    settings.RATELIMIT_PROXY_COUNT = 1
    UserFactory(email="jordan@example.org")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = Client(HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(
            reverse("login"), {"username": "jordan@example.org", "password": "wrong-guess"}
        )
    locked = attacker.post(
        reverse("login"), {"username": "jordan@example.org", "password": "correct-horse-battery"}
    )
    assert locked.status_code == 429
    # A spoofed left-most address does not help the attacker either.
    spoofed = Client(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9", **proxy)
    assert (
        spoofed.post(
            reverse("login"),
            {"username": "jordan@example.org", "password": "correct-horse-battery"},
        ).status_code
        == 429
    )
    owner = Client(HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    response = owner.post(
        reverse("login"), {"username": "jordan@example.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302


# --- forms that send e-mail to an address the visitor types -----------------------------------


def test_sign_up_and_password_reset_are_rate_limited_per_client(settings):
    settings.RATELIMIT_ACCOUNT_EMAIL = "3/h"
    client = Client()
    for n in range(3):
        response = client.post(reverse("password_reset"), {"email": f"p{n}@example.org"})
        assert response.status_code == 302
    assert_limited(
        client.post(
            reverse("signup"),
            {
                "first_name": "A",
                "last_name": "B",
                "email": "new@example.org",
                "password1": "a long enough passphrase",
                "password2": "a long enough passphrase",
            },
        )
    )
    # Reading the forms is not limited, and another client is not slowed down.
    assert client.get(reverse("signup")).status_code == 200
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert other.post(reverse("password_reset"), {"email": "x@example.org"}).status_code == 302


def test_one_mailbox_gets_at_most_the_hourly_cap_of_account_emails(
    settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    settings.ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = 2
    UserFactory(email="target@example.org")
    # Many clients, one target: the per-client limit does not help; the per-address cap does.
    for n in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client(REMOTE_ADDR=f"10.9.0.{n + 1}").post(
                reverse("password_reset"), {"email": "target@example.org"}
            )
        assert response.status_code == 302  # the same answer every time
    assert [m.to for m in mail.outbox] == [["target@example.org"]] * 2


def test_the_address_changed_notice_is_never_capped(settings, django_capture_on_commit_callbacks):
    from django.core import mail

    from accounts import jobs
    from accounts.models import EmailChange

    settings.ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = 0
    user = UserFactory(email="moved@example.org")
    change = EmailChange.objects.create(
        user=user, old_email="old@example.org", new_email="moved@example.org"
    )
    EmailChange.objects.filter(pk=change.pk).update(confirmed_at="2026-11-24T10:00:00Z")
    jobs.send_email_change_link(change.pk)  # capped, and already confirmed: nothing
    jobs.send_email_changed_notice(change.pk)
    assert [m.to for m in mail.outbox] == [["old@example.org"]]


@pytest.fixture
def issuer_keys(settings, tmp_path):
    from certificates.keys import clear_issuer_keys_cache, init_issuer_keys

    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    clear_issuer_keys_cache()
    yield init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Test Institute")
    clear_issuer_keys_cache()


@pytest.mark.parametrize("name", ["credential_json", "credential_jwt", "verify_pdf"])
def test_a_certificates_files_are_rate_limited_like_its_page(name, certificate, issuer_keys):
    """/verify/<code>/credential.json, .jwt and certificate.pdf: the page's rate per client,
    429 with Retry-After past it, for real and unknown codes alike."""
    client = Client()
    url = reverse(name, args=[certificate.code])
    for _ in range(3):
        assert client.get(url).status_code in (200, 404)
    assert_limited(client.get(url))
    assert_limited(client.get(reverse(name, args=["ZZZZZZZZZZZZZZZZZZZZ"])))
    assert Client(REMOTE_ADDR="10.1.2.3").get(url).status_code in (200, 404)
