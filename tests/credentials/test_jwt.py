"""The VC-JWT form, checked with joserfc (an independent JOSE implementation) against the keys
the issuer publishes."""

import base64
import json
import warnings

import pytest
from joserfc import jws
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet

pytestmark = pytest.mark.django_db


def _deserialize(token: str, key_set: KeySet):
    with warnings.catch_warnings():
        # joserfc flags "EdDSA" as superseded by "Ed25519" (RFC 9864); the issue asks for EdDSA.
        warnings.simplefilter("ignore")
        return jws.deserialize_compact(token, key_set, algorithms=["EdDSA"])


def _published_key_set(client) -> KeySet:
    return KeySet.import_key_set(client.get("/issuer/jwks.json").json())


def test_jwt_verifies_with_joserfc_and_carries_the_same_credential(client, certificate):
    response = client.get(f"/verify/{certificate.code}/credential.jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert response["Cache-Control"] == "no-store"
    token = response.content.decode()

    verified = _deserialize(token, _published_key_set(client))
    header = verified.headers()
    assert header["alg"] == "EdDSA"
    assert header["typ"] == "vc+jwt"
    jsonld = json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)
    assert header["kid"] == jsonld["proof"]["verificationMethod"].rsplit("#", 1)[1]

    payload = json.loads(verified.payload)
    assert payload == {k: v for k, v in jsonld.items() if k != "proof"}
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_a_changed_claim_in_the_jwt_fails(client, certificate):
    token = client.get(f"/verify/{certificate.code}/credential.jwt").content.decode()
    header, _payload, signature = token.split(".")
    claims = json.loads(jws.extract_compact(token.encode()).payload)
    claims["credentialSubject"]["result"][0]["value"] = "999"
    forged_payload = (
        base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode())
        .rstrip(b"=")
        .decode()
    )
    with pytest.raises(BadSignatureError):
        _deserialize(f"{header}.{forged_payload}.{signature}", _published_key_set(client))


def test_a_jwt_signed_by_another_key_fails(client, certificate):
    from cryptography.hazmat.primitives.asymmetric import ed25519
    from joserfc.jwk import OKPKey

    token = client.get(f"/verify/{certificate.code}/credential.jwt").content.decode()
    verified = _deserialize(token, _published_key_set(client))
    forger = OKPKey.import_key(ed25519.Ed25519PrivateKey.generate())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        forged = jws.serialize_compact(
            verified.headers(), verified.payload, forger, algorithms=["EdDSA"]
        )
    with pytest.raises(BadSignatureError):
        _deserialize(forged, _published_key_set(client))


def test_jwt_has_no_email_in_clear(client, certificate):
    token = client.get(f"/verify/{certificate.code}/credential.jwt").content.decode()
    payload = jws.extract_compact(token.encode()).payload.decode()
    assert certificate.holder.email.lower() not in payload.lower()
