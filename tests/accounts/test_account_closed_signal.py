"""accounts announces a closure (account_closed) once, inside the closing transaction, and
leaves every other app's rows to that app's receivers."""

import pytest

from accounts.services import account_close
from accounts.signals import account_closed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_closing_sends_account_closed_once_with_the_user(django_capture_on_commit_callbacks):
    person = UserFactory()
    heard = []

    def receiver(sender, *, user, at, **kwargs):
        heard.append((user.pk, at))

    account_closed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            account_close(user=person)
    finally:
        account_closed.disconnect(receiver)

    assert [pk for pk, _at in heard] == [person.pk]
    person.refresh_from_db()
    assert not person.is_active


def test_a_receiver_that_fails_leaves_the_account_open(django_capture_on_commit_callbacks):
    person = UserFactory()

    def broken(sender, **kwargs):
        raise RuntimeError("an app could not revoke its rows")

    account_closed.connect(broken)
    try:
        with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
            account_close(user=person)
    finally:
        account_closed.disconnect(broken)

    person.refresh_from_db()
    assert person.is_active  # all or nothing: nothing keeps showing a half-closed account
