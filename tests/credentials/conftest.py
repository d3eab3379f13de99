from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory


@pytest.fixture
def issuer_keys(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Test Institute")
    yield keys
    clear_issuer_keys_cache()


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://certs.example.org"
    settings.PEERCERT_ISSUER_NAME = "PeerCert Test Institute"


@pytest.fixture
def holder(db):
    return UserFactory(email="Sam.Private@Example.org", first_name="Sam", last_name="Okafor")


@pytest.fixture
def certificate(holder, issuer_keys):
    return CertificateFactory(
        holder=holder,
        holder_name="Sam Okafor",
        expires_on=timezone.localdate() + timedelta(days=400),
    )


@pytest.fixture
def published_keys(client):
    """The issuer's keys as a verifier learns them: by dereferencing each verification method
    a proof can name. did:web → /.well-known/did.json; the https form older credentials name →
    /issuer/ asked for JSON (its controller document)."""
    from tests.credentials.independent import public_key_from_multikey

    def fetch() -> dict:
        found = {}
        did_doc = client.get("/.well-known/did.json")
        controller = client.get("/issuer/", HTTP_ACCEPT="application/ld+json")
        for response in (did_doc, controller):
            assert response.status_code == 200
            document = response.json()
            for method in document["verificationMethod"]:
                assert method["controller"] == document["id"]
                if method["id"] in document["assertionMethod"]:
                    found[method["id"]] = public_key_from_multikey(method["publicKeyMultibase"])
        return found

    return fetch
