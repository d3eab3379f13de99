"""Employer tools are for the Employers group: 403 for anyone else signed in, sign-in first for
visitors; one employer never sees another's roster or keys."""

import pytest
from django.urls import reverse

from employers.services.api_keys import api_key_create
from employers.services.roster import roster_add
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMPLOYER_PAGES = [
    ("get", "employers:home", []),
    ("get", "employers:bulk", []),
    ("get", "employers:api_keys", []),
    ("post", "employers:roster_add", []),
    ("post", "employers:roster_remove", [1]),
    ("post", "employers:api_key_revoke", [1]),
    ("post", "employers:bulk", []),
    ("post", "employers:api_keys", []),
]


@pytest.mark.parametrize(("method", "name", "args"), EMPLOYER_PAGES)
def test_non_employers_get_403(client, method, name, args):
    client.force_login(UserFactory())
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "name", "args"), EMPLOYER_PAGES)
def test_visitors_are_sent_to_sign_in(client, method, name, args):
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["employers:home", "employers:bulk", "employers:api_keys"])
def test_employers_get_their_pages(employer_client, name):
    response = employer_client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_nav_shows_employer_tools_to_employers_only(client, employer):
    client.force_login(UserFactory())
    assert "Employer tools" not in client.get(reverse("dashboard")).content.decode()
    client.force_login(employer)
    assert "Employer tools" in client.get(reverse("dashboard")).content.decode()


def test_one_employers_roster_is_invisible_to_another(
    client, employer, other_employer, certificate
):
    entry = roster_add(employer=employer, code=certificate.code, label="Night shift")
    client.force_login(other_employer)

    page = client.get(reverse("employers:home")).content.decode()
    removal = client.post(reverse("employers:roster_remove", args=[entry.pk]))

    assert certificate.holder_name not in page
    assert "Night shift" not in page
    assert removal.status_code == 404
    assert entry.__class__.objects.filter(pk=entry.pk).exists()


def test_one_employers_keys_are_invisible_to_another(client, employer, other_employer):
    key, _secret = api_key_create(employer=employer, name="Payroll robot")
    client.force_login(other_employer)

    page = client.get(reverse("employers:api_keys")).content.decode()
    revoke = client.post(reverse("employers:api_key_revoke", args=[key.pk]))

    assert "Payroll robot" not in page and key.prefix not in page
    assert revoke.status_code == 404
    key.refresh_from_db()
    assert key.revoked_at is None
