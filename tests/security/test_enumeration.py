"""No account enumeration: sign-in, sign-up and password reset answer the same whether or not an
address has an account (status, redirect, page, cookies), do the same work (one password hash,
one job), and tell the difference only to the mailbox. Timing is measured by
bench/enumeration_timing.py."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # UserFactory's
KNOWN = "jordan@example.org"
UNKNOWN = "nobody-here@example.org"
SIGNUP = {
    "first_name": "Dana",
    "last_name": "Whitfield",
    "password1": "harbour-lantern-42",
    "password2": "harbour-lantern-42",
}


@pytest.fixture(autouse=True)
def _fresh_cache(fresh_cache):
    """Rate-limit counters (tests/security/conftest.py)."""


TYPED = re.compile(r'value="[^"]*@[^"]*"', re.IGNORECASE)


def page(response) -> str:
    """The page without what differs between any two requests: CSRF tokens, and the address
    the visitor typed, echoed back into the form."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"CSRF_TOKEN": "[^"]+"', "", html)  # Wagtail admin's page config
    return TYPED.sub('value="(typed)"', html)


def cookie_names(response) -> set[str]:
    return set(response.cookies)


def same_answer(first, second):
    assert first.status_code == second.status_code
    assert first.get("Location") == second.get("Location")
    assert page(first) == page(second)
    assert cookie_names(first) == cookie_names(second)
    for header in ("Cache-Control", "Content-Type", "Retry-After"):
        assert first.get(header) == second.get(header), header


def confirm_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/signup/confirm/\S+/)", message.body).group(1)


@pytest.fixture
def jobs(monkeypatch):
    """The jobs enqueued, by name (not run: the request's own work is what is compared)."""
    enqueued = []
    # Each module holds its own name for enqueue (imported before this patch once any earlier
    # test has loaded it), so every caller these tests reach is patched where it looks it up.
    for where in ("core.jobs", "accounts.services", "accounts.forms"):
        monkeypatch.setattr(
            f"{where}.enqueue", lambda func, *args, **kwargs: enqueued.append(func.__name__)
        )
    return enqueued


@pytest.fixture
def hashes(monkeypatch):
    """How many times a password is hashed (the expensive step an attacker could time)."""
    from django.contrib.auth.hashers import MD5PasswordHasher

    count = []
    original = MD5PasswordHasher.encode

    def counting(self, password, salt):
        count.append(1)
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return count


# --- sign in -----------------------------------------------------------------------------------


def test_sign_in_answers_the_same_for_a_wrong_password_and_an_unknown_address(hashes):
    UserFactory(email=KNOWN)
    hashes.clear()
    wrong = Client().post(reverse("login"), {"username": KNOWN, "password": "wrong-guess"})
    known_hashes = len(hashes)
    unknown = Client().post(reverse("login"), {"username": UNKNOWN, "password": "wrong-guess"})
    same_answer(wrong, unknown)
    assert wrong.status_code == 200
    # Django hashes the guess for an unknown address too, so both take one hash.
    assert known_hashes == len(hashes) - known_hashes == 1


def test_an_unconfirmed_account_cannot_sign_in_and_looks_like_a_wrong_password(client):
    services.signup_request(email=KNOWN, first_name="Jo", last_name="R", password=PASSWORD)
    pending = Client().post(reverse("login"), {"username": KNOWN, "password": PASSWORD})
    unknown = Client().post(reverse("login"), {"username": UNKNOWN, "password": PASSWORD})
    same_answer(pending, unknown)
    assert "_auth_user_id" not in pending.client.session


def test_lockout_is_per_address_and_client_whether_or_not_the_address_exists(settings):
    UserFactory(email=KNOWN)
    limit = settings.AXES_FAILURE_LIMIT
    answers = {}
    for email in (KNOWN, UNKNOWN):
        client = Client()
        for _ in range(limit):
            client.post(reverse("login"), {"username": email, "password": "wrong-guess"})
        answers[email] = client.post(reverse("login"), {"username": email, "password": PASSWORD})
    same_answer(answers[KNOWN], answers[UNKNOWN])
    assert answers[UNKNOWN].status_code == 429

    # The lock is on the pair: the same address from another client, and another address
    # from the locked client, still get the ordinary answer.
    elsewhere = Client(REMOTE_ADDR="10.9.8.7").post(
        reverse("login"), {"username": UNKNOWN, "password": "wrong-guess"}
    )
    assert elsewhere.status_code == 200
    other = Client().post(
        reverse("login"), {"username": "other@example.org", "password": "wrong-guess"}
    )
    assert other.status_code == 200


def test_admin_sign_in_answers_the_same_for_a_wrong_password_and_an_unknown_address():
    UserFactory(email=KNOWN, is_staff=True, is_superuser=True)
    wrong = Client().post("/admin/login/", {"username": KNOWN, "password": "wrong-guess"})
    unknown = Client().post("/admin/login/", {"username": UNKNOWN, "password": "wrong-guess"})
    same_answer(wrong, unknown)


# --- sign up -----------------------------------------------------------------------------------


def signup(email: str, **changes):
    return Client().post(reverse("signup"), {**SIGNUP, "email": email, **changes})


def test_sign_up_answers_the_same_for_a_new_a_known_and_an_unconfirmed_address(jobs, hashes):
    UserFactory(email=KNOWN)
    services.signup_request(
        email="pending@example.org", first_name="P", last_name="Q", password="harbour-lantern-99"
    )
    answers, work = {}, {}
    for email in (UNKNOWN, KNOWN, "pending@example.org", "JORDAN@Example.org"):
        jobs.clear()
        hashes.clear()
        answers[email] = signup(email)
        work[email] = (len(jobs), len(hashes))
    first = answers[UNKNOWN]
    assert first.status_code == 302
    assert first["Location"] == reverse("signup_done")
    for email, answer in answers.items():
        same_answer(first, answer)
        # One job and the same number of password hashes, whatever the case.
        assert work[email] == work[UNKNOWN], email
    assert work[UNKNOWN][0] == 1


def test_the_done_page_says_to_check_the_email(client):
    html = client.get(reverse("signup_done")).content.decode()
    assert "Check your e-mail to confirm your address" in html


def test_a_known_address_gets_a_notice_and_its_account_is_untouched(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email=KNOWN, first_name="Jordan", last_name="Rivera")
    with django_capture_on_commit_callbacks(execute=True):
        signup("Jordan@Example.org", first_name="Mallory")
    user.refresh_from_db()
    assert (user.first_name, user.is_active) == ("Jordan", True)
    assert user.check_password(PASSWORD)
    [message] = mail.outbox
    assert message.to == [KNOWN]
    assert "already has an account" in message.body
    assert reverse("login") in message.body and reverse("password_reset") in message.body
    assert "Mallory" not in message.subject + message.body


def test_a_new_address_gets_a_link_that_confirms_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signup(UNKNOWN)
    user = get_user_model().objects.get(email=UNKNOWN)
    assert not user.is_active and user.signup_pending
    [message] = mail.outbox
    assert message.to == [UNKNOWN]
    assert UNKNOWN not in message.subject and "Dana" not in message.subject
    link = confirm_link(message)

    client = Client()
    opened = client.get(link)  # a mail scanner opening the link changes nothing
    assert opened.status_code == 200
    assert (
        opened["Referrer-Policy"] == "same-origin"
    )  # "no-referrer" makes browsers post Origin: null, failing CSRF
    user.refresh_from_db()
    assert not user.is_active

    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("dashboard")
    user.refresh_from_db()
    assert user.is_active and not user.signup_pending
    assert client.session["_auth_user_id"] == str(user.pk)

    again = Client().post(link)
    assert again.status_code == 404
    assert "expired or was already used" in again.content.decode()


def test_signing_up_again_before_confirming_sends_a_new_link_and_kills_the_old_one(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        signup(UNKNOWN)
    with django_capture_on_commit_callbacks(execute=True):
        signup(UNKNOWN, password1="new-lantern-77", password2="new-lantern-77")
    first, second = (confirm_link(message) for message in mail.outbox)
    assert Client().post(first).status_code == 404
    assert Client().post(second).status_code == 302
    user = get_user_model().objects.get(email=UNKNOWN)
    assert user.check_password("new-lantern-77")


def test_a_tampered_or_foreign_link_confirms_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signup(UNKNOWN)
        signup("second@example.org")
    first, second = (confirm_link(message) for message in mail.outbox)
    uid_first = first.split("/")[-3]
    token_second = second.split("/")[-2]
    mixed = reverse("signup_confirm", args=[uid_first, token_second])
    for link in (mixed, first[:-3] + "xx/", reverse("signup_confirm", args=["zz", "1-2"])):
        assert Client().post(link).status_code == 404, link
    assert not get_user_model().objects.filter(is_active=True).exists()


def test_a_reset_link_does_not_confirm_a_sign_up(django_capture_on_commit_callbacks):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    services.signup_request(email=UNKNOWN, first_name="P", last_name="Q", password=PASSWORD)
    user = get_user_model().objects.get(email=UNKNOWN)
    link = reverse(
        "signup_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    assert Client().post(link).status_code == 404


def test_an_account_switched_off_by_an_administrator_is_not_revived_by_signing_up(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email=KNOWN, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(KNOWN)
    assert response["Location"] == reverse("signup_done")
    user.refresh_from_db()
    assert not user.is_active and user.check_password(PASSWORD)
    [message] = mail.outbox
    assert "already has an account" in message.body


# --- password reset ----------------------------------------------------------------------------


def test_password_reset_does_the_same_work_whether_or_not_the_address_exists(jobs):
    UserFactory(email=KNOWN)
    known = Client().post(reverse("password_reset"), {"email": KNOWN})
    known_jobs = list(jobs)
    jobs.clear()
    unknown = Client().post(reverse("password_reset"), {"email": UNKNOWN})
    same_answer(known, unknown)
    # The e-mail is a job in both cases (with nothing to send for an unknown address), so
    # no SMTP round trip makes the known case slower.
    assert known_jobs == jobs == ["send_password_reset"]
    assert not mail.outbox


def test_password_reset_job_with_no_account_sends_nothing():
    from accounts.jobs import send_password_reset

    send_password_reset([], "testserver", False)
    assert not mail.outbox


def test_admin_password_reset_answers_the_same_whether_or_not_the_address_exists():
    UserFactory(email=KNOWN, is_staff=True, is_superuser=True)
    known = Client().post("/admin/password_reset/", {"email": KNOWN}, follow=True)
    unknown = Client().post("/admin/password_reset/", {"email": UNKNOWN}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert page(known) == page(unknown)


def test_admin_password_reset_sends_its_own_link_through_the_job(
    django_capture_on_commit_callbacks,
):
    UserFactory(email=KNOWN, is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/admin/password_reset/", {"email": KNOWN})
    [message] = mail.outbox
    assert message.to == [KNOWN]
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+/)", message.body)
    assert link, message.body
    assert Client().get(link.group(1), follow=True).status_code == 200
