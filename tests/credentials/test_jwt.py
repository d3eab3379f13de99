"""The VC-JWT as Open Badges 3.0 § 8.2 states it, checked with joserfc (an independent JOSE
implementation) against the keys the issuer publishes."""

import base64
import json
from datetime import datetime

import pytest
from joserfc import jws, jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import ECKey, KeySet

from credentials.issuer import trusted_jwt_keys
from credentials.jwt import MEDIA_TYPE, decode_vc_jwt

pytestmark = pytest.mark.django_db


def _published_key_set(client) -> KeySet:
    return KeySet.import_key_set(client.get("/issuer/jwks.json").json())


def _token(client, certificate) -> str:
    response = client.get(f"/verify/{certificate.code}/credential.jwt")
    assert response.status_code == 200
    return response.content.decode()


def _b64(data: dict) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _numeric_date(value: str) -> int:
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


def test_header_is_exactly_alg_kid_typ(client, certificate, settings):
    response = client.get(f"/verify/{certificate.code}/credential.jwt")
    assert response["Content-Type"] == MEDIA_TYPE == "application/jwt"
    assert response["Cache-Control"] == "no-store"
    verified = jws.deserialize_compact(
        response.content, _published_key_set(client), algorithms=["ES256"]
    )
    header = verified.headers()
    assert set(header) == {"alg", "kid", "typ"}  # § 8.2.3: no other JOSE header
    assert (header["alg"], header["typ"]) == ("ES256", "JWT")
    assert header["kid"].startswith(f"{settings.SITE_URL}/issuer/jwks/jwt-")


def test_kid_dereferences_to_the_public_jwk_that_verifies(client, certificate, settings):
    token = _token(client, certificate)
    kid = jws.extract_compact(token.encode()).headers()["kid"]
    response = client.get(kid.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk+json"
    jwk = response.json()
    assert (jwk["kty"], jwk["crv"], jwk["alg"], jwk["kid"]) == ("EC", "P-256", "ES256", kid)
    assert "d" not in jwk
    jws.deserialize_compact(token, ECKey.import_key(jwk), algorithms=["ES256"])


def test_claims_mirror_the_credential_which_is_the_payload_itself(client, certificate):
    token = _token(client, certificate)
    claims = jwt.decode(token, _published_key_set(client), algorithms=["ES256"]).claims
    jsonld = json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)
    assert claims["iss"] == jsonld["issuer"]["id"] == "did:web:certs.example.org"
    assert claims["jti"] == jsonld["id"]
    assert claims["sub"] == jsonld["credentialSubject"]["id"]
    assert claims["nbf"] == _numeric_date(jsonld["validFrom"])
    assert claims["exp"] == _numeric_date(jsonld["validUntil"])
    assert "vc" not in claims  # the VC Data Model 1.1 wrapper; § 8.2.4 uses the object itself
    # The payload is the credential with its Data Integrity proof (§ 8.2.4), plus the claims.
    assert {k: v for k, v in claims.items() if k not in {"iss", "jti", "sub", "nbf", "exp"}} == (
        jsonld
    )
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": jsonld["issuer"]["id"]},
        sub={"essential": True, "value": jsonld["credentialSubject"]["id"]},
        jti={"essential": True, "value": jsonld["id"]},
        nbf={"essential": True},
    ).validate(claims)


def test_our_own_check_accepts_it_and_returns_the_credential(client, certificate, issuer_keys):
    ok, reason, credential = decode_vc_jwt(
        _token(client, certificate), trusted_jwt_keys(issuer_keys)
    )
    assert ok, reason
    assert credential == json.loads(
        client.get(f"/verify/{certificate.code}/credential.json").content
    )


def test_a_changed_claim_in_the_jwt_fails(client, certificate, issuer_keys):
    token = _token(client, certificate)
    header, _payload, signature = token.split(".")
    claims = json.loads(jws.extract_compact(token.encode()).payload)
    claims["credentialSubject"]["result"][0]["value"] = "999"
    forged = f"{header}.{_b64(claims)}.{signature}"
    with pytest.raises(BadSignatureError):
        jws.deserialize_compact(forged, _published_key_set(client), algorithms=["ES256"])
    assert decode_vc_jwt(forged, trusted_jwt_keys(issuer_keys))[:2] == (
        False,
        "signature does not match",
    )


def test_a_jwt_signed_by_another_key_fails(client, certificate, issuer_keys):
    token = _token(client, certificate)
    verified = jws.deserialize_compact(token, _published_key_set(client), algorithms=["ES256"])
    forger = ECKey.generate_key("P-256")
    forged = jws.serialize_compact(verified.headers(), verified.payload, forger, ["ES256"])
    with pytest.raises(BadSignatureError):
        jws.deserialize_compact(forged, _published_key_set(client), algorithms=["ES256"])
    assert not decode_vc_jwt(forged, trusted_jwt_keys(issuer_keys))[0]


def test_claims_that_disagree_with_the_credential_are_refused(certificate, issuer_keys, client):
    """Signed by the issuer's key, but `sub` names someone else: § 8.2.6 says not valid."""
    from credentials.jwt import encode_vc_jwt

    credential = json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)
    key = issuer_keys.current_jwt_key
    token = encode_vc_jwt(credential, key, kid="k")
    header, payload, _sig = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["sub"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
    resigned = jws.serialize_compact(
        {"alg": "ES256", "kid": "k", "typ": "JWT"},
        json.dumps(claims),
        ECKey.import_key(key.private_key),
        ["ES256"],
    )
    ok, reason, _ = decode_vc_jwt(resigned, {"k": key})
    assert not ok and "sub" in reason


def test_jwt_has_no_email_in_clear(client, certificate):
    payload = jws.extract_compact(_token(client, certificate).encode()).payload.decode()
    assert certificate.holder.email.lower() not in payload.lower()
