"""/verify/<code>/credential.json: an Open Badges 3.0 credential that says what the certificate
says, identifies the holder without revealing their e-mail, and is the same every time."""

import hashlib
import json
import re
from datetime import timedelta

import pytest

from certificates.models import Certificate, group_code
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def _get(client, certificate):
    return client.get(f"/verify/{certificate.code}/credential.json")


def test_credential_is_an_open_badge_in_the_vc_2_0_data_model(client, certificate, settings):
    response = _get(client, certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    credential = json.loads(response.content)
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == f"{settings.SITE_URL}/verify/{certificate.code}/"
    # The issuer is the did:web of SITE_URL (https://certs.example.org in these tests), which
    # wallets' verifiers resolve; the profile page is its url.
    assert credential["issuer"] == {
        "id": "did:web:certs.example.org",
        "type": ["Profile"],
        "name": "PeerCert Test Institute",
        "url": f"{settings.SITE_URL}/issuer/",
    }
    assert credential["name"] == "Peer Recovery Specialist"
    proof = credential["proof"]
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["verificationMethod"].startswith("did:web:certs.example.org#cred-")
    assert RFC3339.match(proof["created"])


def test_validity_matches_the_printed_dates(client, certificate):
    credential = json.loads(_get(client, certificate).content)
    assert credential["validFrom"] == f"{certificate.issued_on:%Y-%m-%d}T00:00:00Z"
    # Valid through the printed expiry date.
    day_after = certificate.expires_on + timedelta(days=1)
    assert credential["validUntil"] == f"{day_after:%Y-%m-%d}T00:00:00Z"


def test_achievement_has_criteria_and_the_hours(client, certificate):
    subject = json.loads(_get(client, certificate).content)["credentialSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["id"].startswith("urn:uuid:")
    assert achievement["name"] == "Peer Recovery Specialist"
    assert achievement["criteria"]["narrative"]
    assert subject["licenseNumber"] == certificate.serial
    names = {d["id"]: d["name"] for d in achievement["resultDescription"]}
    hours = {names[r["resultDescription"]]: r["value"] for r in subject["result"]}
    assert hours == {
        "Training hours, total": "49",
        "Training hours, Advocacy": "11",
        "Training hours, Ethical Responsibility": "17",
    }


def test_holder_is_a_salted_hash_of_the_email_never_the_email(client, certificate):
    body = _get(client, certificate).content.decode()
    assert "sam.private@example.org" not in body.lower()
    assert "@example.org" not in body
    identifiers = json.loads(body)["credentialSubject"]["identifier"]
    email = next(i for i in identifiers if i["identityType"] == "emailAddress")
    assert email["hashed"] is True
    # Reproducible by an employer who knows the address (trimmed, lower-cased) and the salt.
    expected = hashlib.sha256(("sam.private@example.org" + email["salt"]).encode()).hexdigest()
    assert email["identityHash"] == f"sha256${expected}"
    name = next(i for i in identifiers if i["identityType"] == "name")
    assert (name["hashed"], name["identityHash"]) == (False, "Sam Okafor")


def test_subject_id_is_a_random_urn_uuid_kept_with_the_credential(client, certificate):
    from credentials.models import IssuedCredential

    subject_id = json.loads(_get(client, certificate).content)["credentialSubject"]["id"]
    assert re.fullmatch(
        r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", subject_id
    )
    assert IssuedCredential.objects.get(certificate=certificate).subject_id == subject_id
    other = CertificateFactory(holder=certificate.holder, version=certificate.version, cycle=2)
    assert json.loads(_get(client, other).content)["credentialSubject"]["id"] != subject_id


def test_salts_differ_between_certificates(client, certificate):
    other = CertificateFactory(holder=certificate.holder, version=certificate.version, cycle=2)
    salts = {
        next(
            i
            for i in json.loads(_get(client, c).content)["credentialSubject"]["identifier"]
            if i["identityType"] == "emailAddress"
        )["salt"]
        for c in (certificate, other)
    }
    assert len(salts) == 2


def test_same_bytes_on_every_request(client, certificate):
    assert _get(client, certificate).content == _get(client, certificate).content


def test_achievement_id_is_per_program_version(client, certificate):
    same_version = CertificateFactory(holder=UserFactory(), version=certificate.version)
    other_version = CertificateFactory(holder=UserFactory())

    def achievement(c):
        return json.loads(_get(client, c).content)["credentialSubject"]["achievement"]["id"]

    assert achievement(certificate) == achievement(same_version)
    assert achievement(certificate) != achievement(other_version)


def test_grouped_lowercase_code_finds_the_credential(client, certificate):
    code = group_code(certificate.code).lower()
    assert client.get(f"/verify/{code}/credential.json").status_code == 200


def test_unknown_code_is_a_404_in_json(client, issuer_keys):
    for suffix in ("credential.json", "credential.jwt"):
        response = client.get(f"/verify/ZZZZZZZZZZZZZZZZZZZZ/{suffix}")
        assert response.status_code == 404
        assert response.json() == {"detail": "No certificate has this code."}


def test_pending_certificate_has_no_credential(client, issuer_keys):
    pending = CertificateFactory(holder=UserFactory(), status=Certificate.Status.PENDING)
    assert client.get(f"/verify/{pending.code}/credential.json").status_code == 404
    assert client.get(f"/verify/{pending.code}/credential.jwt").status_code == 404


def test_revoked_certificate_still_serves_its_credential(client, certificate):
    """The credential is what was issued; its status list says it is revoked."""
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.Status.REVOKED)
    assert _get(client, certificate).status_code == 200


def test_responses_are_not_cached_and_open_to_other_origins(client, certificate):
    response = _get(client, certificate)
    assert response["Cache-Control"] == "no-store"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_stored_credential_costs_one_query(client, certificate, django_assert_num_queries):
    _get(client, certificate)  # signs and stores
    with django_assert_num_queries(1):
        assert _get(client, certificate).status_code == 200


def test_no_keys_is_a_503_not_a_500(client, certificate, settings, tmp_path):
    from certificates.keys import clear_issuer_keys_cache

    settings.ISSUER_KEY_DIR = tmp_path / "nowhere"
    clear_issuer_keys_cache()
    response = _get(client, certificate)
    assert response.status_code == 503
    assert "detail" in response.json()
