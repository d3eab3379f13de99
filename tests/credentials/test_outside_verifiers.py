"""Verifiers PeerCert did not write, against a live PeerCert over HTTPS: the Digital
Credentials Consortium's verifier-core (the engine of the Learner Credential Wallet and
VerifierPlus), Digital Bazaar's vc with a strict document loader, and jose for the VC-JWT.
Each accepts what PeerCert issues, sees a revocation or suspension, and rejects a changed claim.
The node side reaches nothing but 127.0.0.1."""

import base64
import copy
import json

import pytest

from certificates import services
from tests.credentials.outside import HttpsLiveServer, make_local_ca, node_ready, run_verifiers
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def https_site(settings, tmp_path, issuer_keys):
    node_ready()
    ca = make_local_ca(tmp_path / "ca")
    server = HttpsLiveServer(ca)
    # The issuer becomes did:web:127.0.0.1%3A<port>, resolved over this very server.
    settings.SITE_URL = server.url
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    yield server, ca
    server.stop()


def _set_status(certificate, to_status):
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status=to_status, actor=None, reason="Board decision"
    )


def _steps(result: dict) -> dict:
    return {step["id"]: step["valid"] for step in result["dcc"]["log"]}


# DCC's verifier-core guesses an Open Badges credential's schema and fetches it from 1EdTech's
# site. The guard refuses that (the copy kept here is the JSON-LD binding's, at another URL),
# so DCC's optional schema report says it could not load it; tests/credentials/test_schemas.py
# does the schema check.
DCC_SCHEMA_GUESS = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)


def _assert_nothing_left_the_machine(report: dict, base: str):
    assert set(report["refused"]) <= {DCC_SCHEMA_GUESS}, report["refused"]
    for request in report["requests"]:
        assert request["url"].startswith(base) or request["answered"] == "pinned copy", request


def test_outside_verifiers_accept_the_credential_and_reject_a_changed_claim(https_site, client):
    server, ca = https_site
    certificate = CertificateFactory(holder=UserFactory())
    base = server.url
    url = f"{base}/verify/{certificate.code}/credential.json"
    credential = json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)
    assert credential["issuer"]["id"] == "did:web:127.0.0.1%3A" + base.rsplit(":", 1)[1]
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["result"][0]["value"] = "500"
    token = client.get(f"/verify/{certificate.code}/credential.jwt").content.decode()
    head, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["result"][0]["value"] = "500"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    report = run_verifiers(
        {
            "credentials": [
                {"label": "issued", "source": url},
                {"label": "tampered", "source": tampered},
            ],
            "jwts": [
                {"label": "issued", "token": url[:-4] + "jwt", "jwks": f"{base}/issuer/jwks.json"},
                {"label": "tampered", "text": f"{head}.{forged_payload}.{signature}"},
            ],
        },
        ca=ca,
    )
    issued, changed = report["credentials"]
    # DCC: no errors; signature, status and expiry checks pass. (registered_issuer is whether
    # the issuer is in a DCC registry, which a test issuer is not.)
    assert "errors" not in issued["dcc"], issued["dcc"]
    assert _steps(issued) == {
        "valid_signature": True,
        "message_status": True,
        "expiration": True,
        "registered_issuer": False,
    }, issued["dcc"]
    assert issued["digitalBazaar"] == {
        "verified": True,
        "status": [{"purpose": "message", "bit": False}],
    }, issued["digitalBazaar"]
    # A changed claim: DCC reports an invalid signature, Digital Bazaar does not verify.
    assert [e["name"] for e in changed["dcc"]["errors"]] == ["invalid_signature"], changed["dcc"]
    assert changed["digitalBazaar"]["verified"] is False
    jwt_ok, jwt_changed = report["jwts"]
    assert jwt_ok["header"]["alg"] == "ES256" and jwt_ok["header"]["typ"] == "JWT"
    assert (jwt_ok["viaKid"], jwt_ok["viaJwks"], jwt_ok["claimsMatch"]) == (True, True, True)
    assert jwt_changed["viaKid"] is False and "signature" in jwt_changed["error"]
    _assert_nothing_left_the_machine(report, base)


@pytest.mark.parametrize("to_status", ["revoked", "suspended"])
def test_outside_verifiers_see_a_revocation_or_suspension(https_site, to_status):
    server, ca = https_site
    certificate = CertificateFactory(holder=UserFactory())
    url = f"{server.url}/verify/{certificate.code}/credential.json"
    _set_status(certificate, to_status)
    report = run_verifiers({"credentials": [{"source": url}]}, ca=ca)
    (result,) = report["credentials"]
    # The signature still verifies; the status check says the credential is not valid.
    assert _steps(result)["valid_signature"] is True
    assert _steps(result)["message_status"] is False
    assert result["digitalBazaar"]["status"] == [{"purpose": "message", "bit": True}]
    _assert_nothing_left_the_machine(report, server.url)


def test_outside_verifiers_accept_the_transcript_credential_and_each_part(
    https_site, client, course_tree, settings
):
    """The shared transcript (CLR 2.0) and every credential it bundles verify with DCC and
    Digital Bazaar; a changed claim in it fails."""
    from django.urls import reverse

    from employers.services.share_links import share_link_create
    from tests.employers.test_share_links_transcript import add_ce, make_holder

    settings.AXES_ENABLED = False
    server, ca = https_site
    holder = make_holder(course_tree=course_tree)
    add_ce(holder, on=holder.today, hours=3, category=holder.ethics)
    _link, token = share_link_create(holder=holder, include_transcript=True)
    url = server.url + reverse("employers:shared_transcript_credential", args=[token])
    clr = json.loads(client.get(url.removeprefix(server.url)).content)
    tampered = copy.deepcopy(clr)
    tampered["credentialSubject"]["verifiableCredential"][-1]["credentialSubject"]["result"][0][
        "value"
    ] = "300"
    nested = clr["credentialSubject"]["verifiableCredential"]
    report = run_verifiers(
        {
            "credentials": [
                {"label": "transcript", "source": url},
                {"label": "tampered", "source": tampered},
                *({"label": c["name"], "source": c} for c in nested),
            ]
        },
        ca=ca,
    )
    transcript, changed, *parts = report["credentials"]
    assert "errors" not in transcript["dcc"], transcript["dcc"]
    assert _steps(transcript)["valid_signature"] is True
    assert _steps(transcript)["message_status"] is True
    assert transcript["digitalBazaar"]["verified"] is True, transcript["digitalBazaar"]
    assert transcript["digitalBazaar"]["status"] == [{"purpose": "message", "bit": False}]
    assert [e["name"] for e in changed["dcc"]["errors"]] == ["invalid_signature"]
    assert changed["digitalBazaar"]["verified"] is False
    assert len(parts) == 3  # the certificate, the course, the CE cycle
    for part in parts:
        assert "errors" not in part["dcc"], part
        assert _steps(part)["valid_signature"] is True, part
        assert part["digitalBazaar"]["verified"] is True, part
    # DCC's loader does not bundle the CLR 2.0 context; the guard answered from the pinned copy.
    assert {
        "url": "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "answered": "pinned copy",
    } in report["requests"]
    _assert_nothing_left_the_machine(report, server.url)
