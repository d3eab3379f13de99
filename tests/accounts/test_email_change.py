"""Changing the sign-in address: a link goes to the new address and the account moves only when
it is opened there; the old address is told. The link never holds the address, dies when the
password or address changes or after 3 days, and nobody learns through it who has an account."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import EmailChange, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT = "/accounts/profile/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def person(client):
    user = UserFactory(email="jordan@example.org")
    user.set_password(PASSWORD)
    user.save()
    client.force_login(user)
    return user


def ask(client, capture, new_email, password=PASSWORD):
    with capture(execute=True):
        return client.post(
            ACCOUNT, {"action": "email", "new_email": new_email, "password": password}, follow=True
        )


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/email/confirm/\S+/", message.body).group(0)


def test_the_address_moves_only_when_the_link_is_opened(
    client, person, django_capture_on_commit_callbacks
):
    response = ask(client, django_capture_on_commit_callbacks, "Jordan.New@Example.org")
    assert "We sent a confirmation link to jordan.new@example.org" in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["jordan.new@example.org"]
    link = link_in(message)
    assert "jordan" not in link.lower() and "example.org/" not in link.split("/accounts/")[1]
    person.refresh_from_db()
    assert person.email == "jordan@example.org"  # nothing yet

    path = "/" + link.split("/", 3)[3]
    assert client.get(path).status_code == 200  # a button, not the change (mail scanners)
    person.refresh_from_db()
    assert person.email == "jordan@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(path, follow=True).content.decode()
    assert "Your sign-in address is now jordan.new@example.org" in page
    person.refresh_from_db()
    assert person.email == "jordan.new@example.org"
    notice = mail.outbox[-1]
    assert notice.to == ["jordan@example.org"]
    assert "j…@example.org" in notice.body and "jordan.new" not in notice.body
    # The link is spent.
    assert client.get(path).status_code == 404
    client.logout()
    signed_in = client.post(
        "/accounts/login/", {"username": "jordan.new@example.org", "password": PASSWORD}
    )
    assert signed_in.status_code == 302


def test_a_wrong_password_sends_nothing(client, person, django_capture_on_commit_callbacks):
    response = ask(client, django_capture_on_commit_callbacks, "new@example.org", "guess")
    assert "That is not your password." in response.content.decode()
    assert mail.outbox == [] and not EmailChange.objects.exists()


def test_the_same_address_is_refused(client, person, django_capture_on_commit_callbacks):
    response = ask(client, django_capture_on_commit_callbacks, "JORDAN@example.org")
    assert "This is already your sign-in address." in response.content.decode()
    assert mail.outbox == []


def test_an_address_with_an_account_gets_a_notice_and_the_asker_learns_nothing(
    client, person, django_capture_on_commit_callbacks
):
    UserFactory(email="taken@example.org")
    taken = ask(client, django_capture_on_commit_callbacks, "taken@example.org")
    free = ask(client, django_capture_on_commit_callbacks, "free@example.org")

    def answer(response):
        html = re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", response.content.decode()
        )
        return re.sub(r"\S+@example\.org", "ADDRESS", html)

    assert answer(taken) == answer(free)
    notice, link = mail.outbox
    assert notice.to == ["taken@example.org"] and "/accounts/email/confirm/" not in notice.body
    assert link.to == ["free@example.org"]
    person.refresh_from_db()
    assert person.email == "jordan@example.org"


def test_a_newer_request_or_a_password_change_kills_the_link(
    client, person, django_capture_on_commit_callbacks
):
    ask(client, django_capture_on_commit_callbacks, "first@example.org")
    ask(client, django_capture_on_commit_callbacks, "second@example.org")
    first, second = (link_in(m) for m in mail.outbox)
    path = "/" + first.split("/", 3)[3]
    assert client.post(path).status_code == 404  # replaced by the newer request

    person.set_password("a brand new passphrase")
    person.save()
    assert client.post("/" + second.split("/", 3)[3]).status_code == 404
    person.refresh_from_db()
    assert person.email == "jordan@example.org"


def test_the_link_expires_after_three_days(client, person, django_capture_on_commit_callbacks):
    ask(client, django_capture_on_commit_callbacks, "late@example.org")
    path = "/" + link_in(mail.outbox[0]).split("/", 3)[3]
    change = EmailChange.objects.get()
    # The token covers the request time, so move the clock forward instead of the row back.
    later = timezone.now() + timedelta(days=3, minutes=1)
    from unittest import mock

    with mock.patch("accounts.services.timezone.now", return_value=later):
        assert client.post(path).status_code == 404
    assert EmailChange.objects.get(pk=change.pk).confirmed_at is None


def test_an_address_taken_after_the_link_was_sent_is_not_stolen(
    client, person, django_capture_on_commit_callbacks
):
    ask(client, django_capture_on_commit_callbacks, "race@example.org")
    path = "/" + link_in(mail.outbox[0]).split("/", 3)[3]
    UserFactory(email="race@example.org")
    page = client.post(path, follow=True).content.decode()
    assert "now belongs to another account" in page
    assert User.objects.get(pk=person.pk).email == "jordan@example.org"


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/email/confirm/00000000-0000-0000-0000-000000000000/abc/",
        "/accounts/email/confirm/not-a-uuid/abc/",
    ],
)
def test_junk_links_are_404_not_500(client, path):
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
