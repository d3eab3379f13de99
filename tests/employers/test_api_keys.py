"""API keys on the employer's account page: created with the secret shown once, stored hashed,
revoked at once."""

import pytest
from django.urls import reverse

from employers.models import ApiKey, sha256_text

pytestmark = pytest.mark.django_db
URL = reverse("employers:api_keys")


def test_a_new_key_is_shown_once_and_stored_only_hashed(employer_client, employer, certificate):
    response = employer_client.post(URL, {"name": "HR system"})

    assert response.status_code == 200
    secret = response.context["new_secret"]
    assert secret in response.content.decode()
    key = ApiKey.objects.get(employer=employer)
    assert key.secret_sha256 == sha256_text(secret)
    assert secret not in str(ApiKey.objects.filter(pk=key.pk).values().get())
    # Never again on the page, and never in a cookie.
    again = employer_client.get(URL)
    assert secret not in again.content.decode()
    assert all(secret not in morsel.value for morsel in response.cookies.values())
    # And it works.
    api = employer_client.get(
        f"/api/v1/verify/{certificate.code}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert api.status_code == 200


def test_a_key_needs_a_name(employer_client, employer):
    response = employer_client.post(URL, {"name": "  "})
    assert response.status_code == 400
    assert not ApiKey.objects.exists()


def test_revoking_a_key_refuses_it_at_once(employer_client, employer, certificate, client):
    secret = employer_client.post(URL, {"name": "HR system"}).context["new_secret"]
    key = ApiKey.objects.get(employer=employer)

    response = employer_client.post(reverse("employers:api_key_revoke", args=[key.pk]))

    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    api = client.get(f"/api/v1/verify/{certificate.code}", headers={"X-API-Key": secret})
    assert api.status_code == 401
    assert "revoked" in employer_client.get(URL).content.decode()
