"""/issuer/jwks.json and /issuer/profile.json publish every credential key, old ones included,
and the verification method a proof names resolves in both."""

import json
from datetime import datetime

import pytest
from pyld import jsonld

from certificates.keys import rotate_signing_key
from credentials.contexts import document_loader
from tests.credentials import independent
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


def test_jwks_lists_the_ed25519_key_with_its_date(client, issuer_keys):
    response = client.get("/issuer/jwks.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk-set+json"
    (jwk,) = response.json()["keys"]
    key = issuer_keys.current_credential_key
    assert jwk["kid"] == key.key_id
    assert (jwk["kty"], jwk["crv"], jwk["alg"]) == ("OKP", "Ed25519", "EdDSA")
    assert "d" not in jwk
    assert jwk["iat"] == int(key.created_at.timestamp())
    assert datetime.fromisoformat(jwk["created"].replace("Z", "+00:00")) == key.created_at
    assert jwk["current"] is True


def test_rotation_keeps_old_keys_and_old_credentials_verifiable(
    client, certificate, published_keys, settings
):
    before = json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)
    old_kid = before["proof"]["verificationMethod"].rsplit("#", 1)[1]
    rotate_signing_key(settings.ISSUER_KEY_DIR, document_signing=False, credential=True)

    keys = client.get("/issuer/jwks.json").json()["keys"]
    assert len(keys) == 2
    assert {k["kid"]: k["current"] for k in keys}[old_kid] is False
    assert independent.verify(before, published_keys())
    # The stored credential is served unchanged; a new one is signed with the new key.
    again = json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)
    assert again == before
    newer = CertificateFactory(holder=UserFactory())
    fresh = json.loads(client.get(f"/verify/{newer.code}/credential.json").content)
    assert not fresh["proof"]["verificationMethod"].endswith(old_kid)
    assert independent.verify(fresh, published_keys())


def test_profile_publishes_keys_as_multikeys(client, certificate, settings):
    credential = json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)
    response = client.get("/issuer/profile.json")
    assert response.status_code == 200
    profile = response.json()
    assert profile["id"] == credential["issuer"]["id"] == f"{settings.SITE_URL}/issuer/"
    assert profile["type"] == "Profile"
    methods = {m["id"]: m for m in profile["verificationMethod"]}
    method = methods[credential["proof"]["verificationMethod"]]
    assert method["type"] == "Multikey"
    assert method["controller"] == profile["id"]
    assert method["publicKeyMultibase"].startswith("z6Mk")
    assert method["id"] in profile["assertionMethod"]
    # The Multikey key and the JWK are the same key, and it verifies the credential.
    key = independent.public_key_from_multikey(method["publicKeyMultibase"])
    assert independent.verify(credential, {method["id"]: key})


def test_profile_is_json_ld_that_loses_nothing(client, issuer_keys):
    profile = client.get("/issuer/profile.json").json()

    def dropped(term):
        raise AssertionError(f"{term} would be dropped")

    expanded = jsonld.expand(
        profile, {"documentLoader": document_loader}, on_property_dropped=dropped
    )
    text = json.dumps(expanded)
    assert "https://w3id.org/security#publicKeyMultibase" in text
    assert "https://w3id.org/security#assertionMethod" in text


def test_no_keys_yet_is_a_404(client, settings, tmp_path):
    from certificates.keys import clear_issuer_keys_cache

    settings.ISSUER_KEY_DIR = tmp_path / "empty"
    clear_issuer_keys_cache()
    assert client.get("/issuer/jwks.json").status_code == 404
    assert client.get("/issuer/profile.json").status_code == 404
