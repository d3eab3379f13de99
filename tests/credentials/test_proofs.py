"""`eddsa-rdfc-2022` proofs: they reproduce the W3C test vector, and an independent verifier
(tests/credentials/independent.py) accepts exactly the untouched credential."""

import copy
import json
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from credentials.contexts import loader_with
from credentials.issuer import verification_method
from credentials.proofs import MAX_CREDENTIAL_BYTES, sign_credential, verify_credential
from tests.credentials import independent

pytestmark = pytest.mark.django_db

# W3C VC Data Integrity EdDSA Cryptosuites v1.0, test vectors (TestVectors/keyPair.json and
# TestVectors/eddsa-rdfc-2022/signedDataInt.json in w3c/vc-di-eddsa).
VECTOR_PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
VECTOR_PRIVATE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
VECTOR_METHOD = f"https://vc.example/issuers/5678#{VECTOR_PUBLIC}"
VECTOR_PROOF_VALUE = (
    "z21EVs3eXERqTn4acNHT9viboqgzUaQ3kTmhPT3eA8qrVPE7CrQq78WkzctnMX5W4CrzcKnHw8V6dvy5pgWYCU5e9"
)
VECTOR_DOCUMENT = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/examples/v2",
    ],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}
# The W3C examples context, test-only: production never loads it.
EXAMPLES = loader_with(
    {
        "https://www.w3.org/ns/credentials/examples/v2": {
            "@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}
        }
    }
)


def _vector_private_key():
    raw = independent.b58decode(VECTOR_PRIVATE[1:])
    assert raw[:2] == b"\x80\x26"  # multicodec ed25519-priv
    return ed25519.Ed25519PrivateKey.from_private_bytes(raw[2:])


def test_signing_reproduces_the_w3c_eddsa_rdfc_2022_test_vector():
    signed = sign_credential(
        VECTOR_DOCUMENT,
        _vector_private_key(),
        verification_method=VECTOR_METHOD,
        created=datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC),
        loader=EXAMPLES,
    )
    assert signed["proof"] == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": VECTOR_METHOD,
        "proofPurpose": "assertionMethod",
        "proofValue": VECTOR_PROOF_VALUE,
    }
    key = independent.public_key_from_multikey(VECTOR_PUBLIC)
    assert independent.verify(signed, {VECTOR_METHOD: key}, loader=EXAMPLES)


def _credential(client, certificate) -> dict:
    return json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)


def test_issued_credential_verifies_with_the_published_key(client, certificate, published_keys):
    credential = _credential(client, certificate)
    assert independent.verify(credential, published_keys())
    ok, reason = verify_credential(credential, published_keys())
    assert ok, reason


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c["credentialSubject"]["identifier"][1].__setitem__(
            "identityHash", "Someone Else"
        ),
        lambda c: c["credentialSubject"]["result"][0].__setitem__("value", "500"),
        lambda c: c.__setitem__("validUntil", "2099-01-01T00:00:00Z"),
        lambda c: c["credentialSubject"]["achievement"].__setitem__("name", "Clinical Supervisor"),
        lambda c: c["credentialStatus"].__setitem__("statusListIndex", "7"),
        lambda c: c["credentialSubject"].__setitem__("id", "urn:uuid:0-0-0-0-0"),
        lambda c: c["issuer"].__setitem__("name", "Diploma Mill"),
        lambda c: c["proof"].__setitem__("created", "2020-01-01T00:00:00Z"),
    ],
    ids=[
        "holder-name",
        "hours",
        "valid-until",
        "achievement",
        "status-index",
        "subject-id",
        "issuer",
        "proof-created",
    ],
)
def test_a_changed_claim_fails_verification(client, certificate, published_keys, tamper):
    credential = _credential(client, certificate)
    tampered = copy.deepcopy(credential)
    tamper(tampered)
    assert not independent.verify(tampered, published_keys())
    ok, _reason = verify_credential(tampered, published_keys())
    assert not ok


def test_a_key_the_issuer_does_not_publish_fails(client, certificate, published_keys):
    credential = _credential(client, certificate)
    forger = ed25519.Ed25519PrivateKey.generate()
    # Re-signed by someone else, claiming the issuer's verification method...
    forged = sign_credential(
        credential, forger, verification_method=credential["proof"]["verificationMethod"]
    )
    assert not independent.verify(forged, published_keys())
    assert not verify_credential(forged, published_keys())[0]
    # ...or naming their own key, which the issuer's JWKS does not list.
    own = sign_credential(credential, forger, verification_method=verification_method("cred-x"))
    assert not independent.verify(own, published_keys())
    ok, reason = verify_credential(own, published_keys())
    assert not ok and "not one of the issuer's keys" in reason


def test_proof_must_be_for_assertion(client, certificate, published_keys):
    credential = _credential(client, certificate)
    credential["proof"]["proofPurpose"] = "authentication"
    ok, reason = verify_credential(credential, published_keys())
    assert not ok and "assertionMethod" in reason


def test_oversized_input_is_refused_before_parsing(published_keys, issuer_keys):
    huge = (
        b'{"@context": ["https://www.w3.org/ns/credentials/v2"], "x": "'
        + b"a" * MAX_CREDENTIAL_BYTES
        + b'"}'
    )
    ok, reason = verify_credential(huge, published_keys())
    assert (ok, reason) == (False, "credential too large")


@pytest.mark.parametrize(
    "garbage", [b"", b"[]", b"not json", b'{"@context": 5}', "\ud800", b"[" * 60_000]
)
def test_garbage_is_a_failure_not_an_exception(garbage, published_keys, issuer_keys):
    ok, reason = verify_credential(garbage, published_keys())
    assert not ok and reason


def test_an_impossible_proof_date_is_a_failure(client, certificate, issuer_keys):
    from credentials.issuer import trusted_keys

    credential = _credential(client, certificate)
    credential["proof"]["created"] = "2026-13-45T00:00:00Z"
    ok, reason = verify_credential(credential, trusted_keys(issuer_keys))
    assert not ok and "RFC 3339" in reason


def test_a_proof_older_than_its_key_is_refused(client, certificate, issuer_keys):
    from credentials.issuer import trusted_keys

    credential = _credential(client, certificate)
    key = issuer_keys.current_credential_key
    backdated = sign_credential(
        credential,
        key,
        verification_method=credential["proof"]["verificationMethod"],
        created=datetime(2001, 1, 1, tzinfo=UTC),
    )
    ok, reason = verify_credential(backdated, trusted_keys(issuer_keys))
    assert not ok and "predates" in reason
