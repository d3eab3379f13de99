"""Add to wallet (OpenID4VCI 1.0, pre-authorized code flow).

The whole flow runs against a live server with a wallet written on the OpenWallet Foundation's
oid4vc-ts client (@openid4vc/openid4vci, tests/wallet/wallet.mjs, pinned by its
package-lock.json). The refusals are checked request by request, with proofs made by joserfc.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from datetime import timedelta
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone
from joserfc import jws
from joserfc.jwk import ECKey, OKPKey

from certificates.models import Certificate
from credentials import oid4vci
from credentials.issuer import issuer_keys, trusted_jwt_keys, trusted_keys
from credentials.jwt import decode_vc_jwt
from credentials.models import WalletOffer
from credentials.proofs import verify_credential

WALLET_DIR = Path(__file__).resolve().parent.parent / "wallet"
LDP = "OpenBadgeCredential_ldp_vc"
JWT = "OpenBadgeCredential_jwt_vc_json"


def _offer(client, certificate) -> tuple[str, dict]:
    client.force_login(certificate.holder)
    response = client.post(f"/oid4vci/offer/{certificate.code}/")
    assert response.status_code == 200
    link = response.context["link"]
    assert link.startswith("openid-credential-offer://?credential_offer=")
    document = json.loads(parse_qs(urlparse(link).query)["credential_offer"][0])
    return link, document


def _claims(token: str) -> dict:
    from credentials.codec import b64url_decode

    return json.loads(b64url_decode(token.split(".")[1]))


def _code(document: dict) -> str:
    return document["grants"][oid4vci.PRE_AUTHORIZED_GRANT]["pre-authorized_code"]


# --------------------------------------------------------------------------- the whole flow


def _wallet(link: str, kind: str, *configurations: str) -> tuple[int, dict]:
    if shutil.which("node") is None or not (WALLET_DIR / "node_modules").is_dir():
        message = "node or tests/wallet/node_modules missing: run `npm ci` in tests/wallet"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    completed = subprocess.run(
        ["node", "wallet.mjs", link, kind, *configurations],
        cwd=WALLET_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": os.environ.get("PATH", ""), "NODE_NO_WARNINGS": "1"},
        check=False,
    )
    try:
        return completed.returncode, json.loads(completed.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"wallet.mjs: {completed.stdout}\n{completed.stderr}") from None


@pytest.fixture
def live_issuer(live_server, settings, issuer_keys):
    settings.SITE_URL = live_server.url
    return live_server


@pytest.mark.django_db(transaction=True)
def test_a_wallet_receives_both_formats_bound_to_its_did_key(client, live_issuer, certificate):
    link, document = _offer(client, certificate)

    status, result = _wallet(link, "ed25519", LDP, JWT)

    assert status == 0, result
    assert result["version"] == "V1"  # the library read our metadata as OpenID4VCI 1.0
    assert result["offered"] == [LDP, JWT]
    did = result["did"]
    assert did.startswith("did:key:z6Mk")
    keys = issuer_keys()

    ldp = result["credentials"][LDP]
    assert ldp["credentialSubject"]["id"] == did
    assert ldp["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert ldp["id"] == certificate.verification_url
    assert verify_credential(ldp, trusted_keys(keys)) == (True, "")

    token = result["credentials"][JWT]
    ok, reason, credential = decode_vc_jwt(token, trusted_jwt_keys(keys))
    assert ok, reason
    assert credential["credentialSubject"]["id"] == did == _claims(token)["sub"]

    offer = WalletOffer.objects.get(certificate=certificate)
    assert offer.holder_did == did and sorted(offer.issued_configurations) == [JWT, LDP]

    # Single-use: the same offer scanned again gets the spec's invalid_grant.
    status, again = _wallet(link, "ed25519", LDP)
    assert status == 1
    assert again["body"]["error"] == "invalid_grant", again
    assert "already used" in again["body"]["error_description"]


@pytest.mark.django_db(transaction=True)
def test_a_wallet_binding_a_p256_jwk_gets_a_did_jwk_subject(client, live_issuer, certificate):
    link, _document = _offer(client, certificate)

    status, result = _wallet(link, "p256", JWT)

    assert status == 0, result
    ok, reason, payload = decode_vc_jwt(result["credentials"][JWT], trusted_jwt_keys(issuer_keys()))
    assert ok, reason
    subject = payload["credentialSubject"]["id"]
    assert subject.startswith("did:jwk:")
    from credentials.codec import b64url_decode

    bound = json.loads(b64url_decode(subject.removeprefix("did:jwk:")))
    assert (bound["x"], bound["y"]) == (result["jwk"]["x"], result["jwk"]["y"])


# --------------------------------------------------------------------------- metadata and page


@pytest.mark.django_db
def test_issuer_and_authorization_server_metadata(client):
    metadata = client.get("/.well-known/openid-credential-issuer").json()
    assert metadata["credential_issuer"] == "https://certs.example.org"
    assert metadata["credential_endpoint"] == "https://certs.example.org/oid4vci/credential"
    assert metadata["nonce_endpoint"] == "https://certs.example.org/oid4vci/nonce"
    configurations = metadata["credential_configurations_supported"]
    assert configurations[LDP]["format"] == "ldp_vc"
    assert configurations[JWT]["format"] == "jwt_vc_json"
    assert configurations[JWT]["proof_types_supported"]["jwt"]["proof_signing_alg_values_supported"]

    # A wallet shows the offer in its holder's language: English and Spanish are offered.
    assert configurations[LDP]["credential_metadata"]["display"] == [
        {
            "name": "Certificate (Open Badge)",
            "locale": "en",
            "description": "A certification issued by PeerCert Test Institute.",
        },
        {
            "name": "Certificado (Open Badge)",
            "locale": "es",
            "description": "Una certificación emitida por PeerCert Test Institute.",
        },
    ]
    assert [d["locale"] for d in metadata["display"]] == ["en", "es"]

    server = client.get("/.well-known/oauth-authorization-server").json()
    assert server["issuer"] == metadata["credential_issuer"]
    assert server["token_endpoint"] == "https://certs.example.org/oid4vci/token"
    assert server["pre-authorized_grant_anonymous_access_supported"] is True


@pytest.mark.django_db
def test_my_certificates_offers_add_to_wallet_with_a_qr_code(client, certificate):
    client.force_login(certificate.holder)
    dashboard = client.get("/dashboard/").content.decode()
    assert f'action="/oid4vci/offer/{certificate.code}/"' in dashboard
    assert "Add to wallet" in dashboard

    page = client.post(f"/oid4vci/offer/{certificate.code}/").content.decode()
    assert "<svg" in page and "openid-credential-offer://?credential_offer=" in unescape(page)
    offer = WalletOffer.objects.get(certificate=certificate)
    assert offer.expires_at - timezone.now() <= oid4vci.OFFER_LIFETIME
    # Only hashes are kept.
    link = unescape(re.search(r'href="(openid-credential-offer://[^"]+)"', page).group(1))
    code = _code(json.loads(parse_qs(urlparse(link).query)["credential_offer"][0]))
    assert code not in offer.code_sha256


@pytest.mark.django_db
def test_only_the_holder_gets_an_offer_and_only_for_a_valid_certificate(client, certificate):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.post(f"/oid4vci/offer/{certificate.code}/").status_code == 404
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.REVOKED)
    client.force_login(certificate.holder)
    response = client.post(f"/oid4vci/offer/{certificate.code}/")
    assert response.context["refused"] and not WalletOffer.objects.exists()


@pytest.mark.django_db
def test_offers_are_rate_limited_per_holder(client, certificate, settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_OID4VCI_OFFER = "2/h"
    client.force_login(certificate.holder)
    for _ in range(3):
        response = client.post(f"/oid4vci/offer/{certificate.code}/")
    assert "Too many offers" in response.content.decode()
    assert WalletOffer.objects.count() == 2


# --------------------------------------------------------------------------- refusals


def _token(client, code: str, **extra):
    return client.post(
        "/oid4vci/token",
        {"grant_type": oid4vci.PRE_AUTHORIZED_GRANT, "pre-authorized_code": code, **extra},
    )


def _proof(key, *, alg: str, header: dict, aud="https://certs.example.org", nonce=None, iat=None):
    payload = {"aud": aud, "iat": int(iat if iat is not None else time.time())}
    if nonce is not None:
        payload["nonce"] = nonce
    return jws.serialize_compact(
        {"typ": "openid4vci-proof+jwt", "alg": alg, **header},
        json.dumps(payload).encode(),
        key,
        algorithms=[alg],
    )


def _p256_proof(**kwargs):
    key = ECKey.generate_key("P-256")
    public = key.as_dict(private=False)
    return _proof(key, alg="ES256", header={"jwk": public}, **kwargs), public


def _credential(client, token: str, body) -> dict:
    response = client.post(
        "/oid4vci/credential",
        data=body if isinstance(body, str | bytes) else json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    return {"status": response.status_code, **response.json()}


@pytest.fixture
def access_token(client, certificate):
    _link, document = _offer(client, certificate)
    client.logout()
    response = _token(client, _code(document))
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    return body["access_token"]


def _nonce(client) -> str:
    return client.post("/oid4vci/nonce").json()["c_nonce"]


@pytest.mark.django_db
def test_wrong_reused_and_expired_codes_get_invalid_grant(client, certificate):
    assert _token(client, "not-a-code").json()["error"] == "invalid_grant"
    assert _token(client, "").json()["error"] == "invalid_grant"

    _link, document = _offer(client, certificate)
    code = _code(document)
    assert _token(client, code).status_code == 200
    reused = _token(client, code)
    assert reused.status_code == 400 and reused.json()["error"] == "invalid_grant"
    assert reused["Cache-Control"].startswith("no-store") or "no-store" in reused["Cache-Control"]

    _link, document = _offer(client, certificate)
    WalletOffer.objects.filter(redeemed_at=None).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert _token(client, _code(document)).json()["error"] == "invalid_grant"

    other = client.post("/oid4vci/token", {"grant_type": "authorization_code", "code": "x"})
    assert other.status_code == 400 and other.json()["error"] == "unsupported_grant_type"


@pytest.mark.django_db
def test_credential_endpoint_refusals_are_the_specs_error_json(client, access_token):
    proof, _jwk = _p256_proof(nonce=_nonce(client))
    good = {"credential_configuration_id": JWT, "proofs": {"jwt": [proof]}}

    assert _credential(client, "wrong-token", good) == {
        "status": 401,
        "error": "invalid_token",
        "error_description": "the access token is unknown or expired",
    }
    unknown = _credential(client, access_token, {**good, "credential_configuration_id": "x"})
    assert unknown["error"] == "unknown_credential_configuration"
    assert _credential(client, access_token, "not json")["error"] == "invalid_credential_request"
    assert _credential(client, access_token, [1, 2])["error"] == "invalid_credential_request"
    no_proof = _credential(client, access_token, {"credential_configuration_id": JWT})
    assert no_proof["error"] == "invalid_proof"

    bad_aud, _ = _p256_proof(nonce=_nonce(client), aud="https://elsewhere.example")
    assert _credential(client, access_token, {**good, "proofs": {"jwt": [bad_aud]}})["error"] == (
        "invalid_proof"
    )
    stale, _ = _p256_proof(nonce=_nonce(client), iat=time.time() - 3600)
    assert _credential(client, access_token, {**good, "proofs": {"jwt": [stale]}})["error"] == (
        "invalid_proof"
    )
    made_up, _ = _p256_proof(nonce="made-up")
    assert _credential(client, access_token, {**good, "proofs": {"jwt": [made_up]}})["error"] == (
        "invalid_nonce"
    )
    header, payload, signature = proof.split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert _credential(client, access_token, {**good, "proofs": {"jwt": [forged]}})["error"] == (
        "invalid_proof"
    )
    for junk in ("", "a.b", "a.b.c", "x" * 9000, 42):
        body = {**good, "proofs": {"jwt": [junk]}}
        assert _credential(client, access_token, body)["error"] == "invalid_proof"

    # The good proof still works (its nonce was never spent), once per format.
    issued = _credential(client, access_token, good)
    assert issued["status"] == 200 and isinstance(issued["credentials"][0]["credential"], str)
    again, _ = _p256_proof(nonce=_nonce(client))
    replay = _credential(client, access_token, {**good, "proofs": {"jwt": [again]}})
    assert replay["error"] == "credential_request_denied"
    # A nonce is good for one proof only.
    assert _credential(client, access_token, good)["error"] in {
        "invalid_nonce",
        "credential_request_denied",
    }


@pytest.mark.django_db
def test_an_ed25519_did_key_proof_binds_the_ldp_credential(client, access_token):
    from credentials.codec import b64url_decode, base58btc_encode

    key = OKPKey.generate_key("Ed25519")
    raw = b64url_decode(key.as_dict(private=False)["x"])
    did = "did:key:z" + base58btc_encode(b"\xed\x01" + raw)
    proof = _proof(key, alg="EdDSA", header={"kid": f"{did}#{did[8:]}"}, nonce=_nonce(client))
    issued = _credential(
        client, access_token, {"credential_configuration_id": LDP, "proofs": {"jwt": [proof]}}
    )
    credential = issued["credentials"][0]["credential"]
    assert credential["credentialSubject"]["id"] == did
    assert verify_credential(credential, trusted_keys(issuer_keys())) == (True, "")


@pytest.mark.django_db
def test_a_revoked_certificate_is_not_delivered(client, certificate, access_token):
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.REVOKED)
    proof, _ = _p256_proof(nonce=_nonce(client))
    body = {"credential_configuration_id": JWT, "proofs": {"jwt": [proof]}}
    assert _credential(client, access_token, body)["error"] == "credential_request_denied"


@pytest.mark.django_db
def test_wallet_endpoints_are_rate_limited(client, settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_OID4VCI = "3/m"
    statuses = [_token(client, "x").status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    limited = _token(client, "x")
    assert limited.json()["error"] == "invalid_request" and int(limited["Retry-After"]) > 0
