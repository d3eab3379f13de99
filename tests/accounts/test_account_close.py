"""Closing one's own account: at once, with the password; sign-in stops, nothing keeps showing
the person to others (share links, API keys, an employer's roster), the address is told — and
issued certificates stay verifiable, as employers and boards rely on them."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from courses.permissions import EMPLOYERS_GROUP
from employers.models import ApiKey, RosterEntry, ShareLink
from employers.services.api_keys import api_key_authenticate, api_key_create
from employers.services.roster import roster_add
from employers.services.share_links import share_link_create
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db

ACCOUNT = "/accounts/profile/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def person(client):
    user = UserFactory(email="leaving@example.org")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=EMPLOYERS_GROUP)[0])
    client.force_login(user)
    return user


def close(client, capture, password=PASSWORD, confirm=True):
    data = {"action": "close", "password": password}
    if confirm:
        data["confirm"] = "on"
    with capture(execute=True):
        return client.post(ACCOUNT, data, follow=True)


def test_closing_needs_the_password_and_the_tick(
    client, person, django_capture_on_commit_callbacks
):
    page = close(client, django_capture_on_commit_callbacks, password="guess").content.decode()
    assert "That is not your password." in page
    page = close(client, django_capture_on_commit_callbacks, confirm=False).content.decode()
    assert "errorlist" in page
    person.refresh_from_db()
    assert person.is_active and mail.outbox == []


def test_a_closed_account_signs_out_and_stops_showing_the_person(
    client, person, home, django_capture_on_commit_callbacks
):
    certificate = CertificateFactory(holder=person)
    link, token = share_link_create(holder=person, label="Harbour House")
    _key, secret = api_key_create(employer=person, name="HR system")
    roster_add(employer=person, code=CertificateFactory().code)

    page = close(client, django_capture_on_commit_callbacks).content.decode()

    assert "Your account is closed." in page
    person.refresh_from_db()
    assert not person.is_active
    assert client.get(reverse("dashboard")).status_code == 302  # signed out
    signed_in = client.post("/accounts/login/", {"username": person.email, "password": PASSWORD})
    assert signed_in.status_code == 200  # the sign-in form again, not a redirect
    assert ShareLink.objects.get(pk=link.pk).revoked_at is not None
    assert client.get(f"/shared/{token}/").status_code in (404, 410)
    assert ApiKey.objects.get(employer=person).revoked_at is not None
    assert api_key_authenticate(secret) is None
    assert not RosterEntry.objects.filter(employer=person).exists()
    [notice] = mail.outbox
    assert notice.to == ["leaving@example.org"] and "closed" in notice.subject
    # The issuer's record stands: employers can still check the certificate.
    verify = client.get(f"/verify/{certificate.code}/")
    assert verify.status_code == 200 and 'data-status="valid"' in verify.content.decode()


def test_another_persons_records_are_untouched(client, person, django_capture_on_commit_callbacks):
    other = UserFactory()
    link, _token = share_link_create(holder=other)
    close(client, django_capture_on_commit_callbacks)
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None
    assert type(other).objects.get(pk=other.pk).is_active
