"""Sign-in lands in the account's language: someone who chose Spanish (the switcher stores the
choice on the account) reads Spanish on a new device too, whichever address they came from."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # UserFactory's


def sign_in(client, email: str, next_path: str = ""):
    url = reverse("login") + (f"?next={next_path}" if next_path else "")
    return client.post(url, {"username": email, "password": PASSWORD})


def test_a_spanish_account_lands_on_the_spanish_dashboard_with_the_cookie_set(client):
    UserFactory(email="rosa@example.org", preferred_language="es")
    response = sign_in(client, "rosa@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/es" + reverse("dashboard")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert '<html lang="es"' in page.content.decode()


def test_the_page_that_asked_for_sign_in_is_kept_in_the_accounts_language(client):
    UserFactory(email="rosa@example.org", preferred_language="es")
    response = sign_in(client, "rosa@example.org", next_path=reverse("account"))
    assert response["Location"] == "/es" + reverse("account")


def test_an_english_account_signing_in_from_a_spanish_page_reads_english(client):
    UserFactory(email="sam@example.org", preferred_language="en")
    response = sign_in(client, "sam@example.org", next_path="/es" + reverse("account"))
    assert response["Location"] == reverse("account")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_an_account_without_a_language_keeps_the_address_it_came_from(client):
    UserFactory(email="alex@example.org", preferred_language="")
    response = sign_in(client, "alex@example.org", next_path="/es" + reverse("account"))
    assert response["Location"] == "/es" + reverse("account")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
