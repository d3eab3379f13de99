"""The issuer's keys resolve: the did:web DID document lists every Ed25519 key, /issuer/ answers
JSON asks with the controller document of the https key URLs older credentials name, the JWK set
lists every key, and rotation keeps old keys resolvable."""

import json
from datetime import datetime

import pytest
from pyld import jsonld

from certificates.keys import rotate_signing_key
from credentials.contexts import document_loader
from credentials.issuer import legacy_verification_method, trusted_keys
from credentials.proofs import sign_credential, verify_credential
from tests.credentials import independent
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db

DID = "did:web:certs.example.org"


def _vary(response) -> list[str]:
    return [value.strip() for value in response["Vary"].split(",")]


def _credential(client, certificate) -> dict:
    return json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)


def test_did_document_publishes_the_key_the_proof_names(client, certificate):
    credential = _credential(client, certificate)
    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["@context"] == [
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/security/multikey/v1",
    ]
    assert document["id"] == credential["issuer"]["id"] == DID
    assert document["alsoKnownAs"] == [credential["issuer"]["url"]]
    methods = {m["id"]: m for m in document["verificationMethod"]}
    method = methods[credential["proof"]["verificationMethod"]]
    assert (method["type"], method["controller"]) == ("Multikey", DID)
    assert method["publicKeyMultibase"].startswith("z6Mk")
    assert method["id"] in document["assertionMethod"]
    key = independent.public_key_from_multikey(method["publicKeyMultibase"])
    assert independent.verify(credential, {method["id"]: key})


@pytest.mark.parametrize(
    ("site_url", "did", "path"),
    [
        ("https://127.0.0.1:8443", "did:web:127.0.0.1%3A8443", "/.well-known/did.json"),
        ("https://example.org/peer/cert", "did:web:example.org:peer:cert", "/peer/cert/did.json"),
    ],
)
def test_did_web_follows_site_url(settings, site_url, did, path):
    from credentials.issuer import did_document_path, issuer_id

    settings.SITE_URL = site_url
    assert issuer_id() == did
    assert did_document_path() == path


def test_issuer_url_negotiates_html_for_people_json_for_machines(client, issuer_keys, settings):
    page = client.get("/issuer/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert "Accept" in _vary(page)
    assert '</issuer/profile.json>; rel="alternate"; type="application/ld+json"' in page["Link"]
    assert "did:web:certs.example.org" in page.content.decode()
    for accept in ("application/ld+json", "application/json", "application/json, */*;q=0.1"):
        response = client.get("/issuer/", HTTP_ACCEPT=accept)
        assert response.status_code == 200
        assert response["Content-Type"] == accept.split(",")[0]
        assert "Accept" in _vary(response)
        assert 'rel="alternate"; type="text/html"' in response["Link"]
        document = response.json()
        assert document["id"] == f"{settings.SITE_URL}/issuer/"
    # Anything that does not ask for JSON gets the page.
    assert client.get("/issuer/").headers["Content-Type"].startswith("text/html")


def test_an_https_key_url_of_an_older_credential_dereferences_to_its_key(client, issuer_keys):
    """What a strict controlled-identifier key lookup does with ``…/issuer/#<key id>``: fetch
    the URL without its fragment as JSON, find the method by id, check its controller is the
    document, and that the document lists it for assertions."""
    key = issuer_keys.current_credential_key
    method_url = legacy_verification_method(key.key_id)
    older = sign_credential(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": method_url.split("#")[0],
            "credentialSubject": {"id": "urn:uuid:11111111-1111-4111-8111-111111111111"},
        },
        key,
        verification_method=method_url,
    )
    document = client.get(
        method_url.split("#")[0].removeprefix("https://certs.example.org"),
        HTTP_ACCEPT="application/ld+json",
    ).json()
    assert document["id"] == method_url.split("#")[0]
    method = next(m for m in document["verificationMethod"] if m["id"] == method_url)
    assert method["controller"] == document["id"]
    assert method_url in document["assertionMethod"]
    public = independent.public_key_from_multikey(method["publicKeyMultibase"])
    assert independent.verify(older, {method_url: public})
    assert verify_credential(older, trusted_keys(issuer_keys))[0]


def test_jwks_lists_the_p256_and_ed25519_keys_with_their_dates(client, issuer_keys, settings):
    response = client.get("/issuer/jwks.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk-set+json"
    p256, ed25519 = response.json()["keys"]
    jwt_key = issuer_keys.current_jwt_key
    assert p256["kid"] == f"{settings.SITE_URL}/issuer/jwks/{jwt_key.key_id}"
    assert (p256["kty"], p256["crv"], p256["alg"]) == ("EC", "P-256", "ES256")
    key = issuer_keys.current_credential_key
    assert ed25519["kid"] == key.key_id
    assert (ed25519["kty"], ed25519["crv"], ed25519["alg"]) == ("OKP", "Ed25519", "EdDSA")
    for jwk in (p256, ed25519):
        assert "d" not in jwk
        assert jwk["current"] is True
    assert ed25519["iat"] == int(key.created_at.timestamp())
    assert datetime.fromisoformat(ed25519["created"].replace("Z", "+00:00")) == key.created_at


def test_unknown_jwk_is_a_404(client, issuer_keys):
    assert client.get("/issuer/jwks/jwt-nope").status_code == 404


def test_rotation_keeps_old_keys_resolvable_and_old_credentials_verifiable(
    client, certificate, published_keys, settings
):
    before = _credential(client, certificate)
    old_token = client.get(f"/verify/{certificate.code}/credential.jwt").content
    old_method = before["proof"]["verificationMethod"]
    rotate_signing_key(settings.ISSUER_KEY_DIR, document_signing=False, credential=True)

    keys = client.get("/issuer/jwks.json").json()["keys"]
    assert len(keys) == 4  # two P-256, two Ed25519
    assert sum(k["current"] for k in keys) == 2
    did_document = client.get("/.well-known/did.json").json()
    assert old_method in did_document["assertionMethod"]
    assert len(did_document["verificationMethod"]) == 2
    assert independent.verify(before, published_keys())
    # The old token's kid still dereferences.
    from joserfc import jws

    old_kid = jws.extract_compact(old_token).headers()["kid"]
    assert client.get(old_kid.removeprefix(settings.SITE_URL)).status_code == 200
    # The stored credential is served unchanged; a new one is signed with the new key.
    assert _credential(client, certificate) == before
    fresh = _credential(client, CertificateFactory(holder=UserFactory()))
    assert fresh["proof"]["verificationMethod"] != old_method
    assert independent.verify(fresh, published_keys())


def test_profile_json_is_the_controller_document(client, certificate, settings):
    credential = _credential(client, certificate)
    response = client.get("/issuer/profile.json")
    assert response.status_code == 200
    profile = response.json()
    assert profile["id"] == credential["issuer"]["url"] == f"{settings.SITE_URL}/issuer/"
    assert profile["alsoKnownAs"] == credential["issuer"]["id"]
    assert profile["type"] == "Profile"
    methods = {m["id"]: m for m in profile["verificationMethod"]}
    key_id = credential["proof"]["verificationMethod"].rsplit("#", 1)[1]
    method = methods[f"{settings.SITE_URL}/issuer/#{key_id}"]
    assert (method["type"], method["controller"]) == ("Multikey", profile["id"])
    assert method["id"] in profile["assertionMethod"]


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
    assert client.get("/.well-known/did.json").status_code == 404
    assert client.get("/issuer/", HTTP_ACCEPT="application/json").status_code == 404
    assert client.get("/issuer/").status_code == 200  # the page itself needs no keys
