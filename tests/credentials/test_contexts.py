"""JSON-LD contexts come from the bundle, pinned by hash, and nothing is ever fetched."""

import hashlib
import random
import socket
import sys
import threading

import pytest

from credentials.codec import multibase_base58btc
from credentials.contexts import (
    BUNDLED_CONTEXTS,
    VC_V2,
    CanonicalizationError,
    ContextNotBundled,
    SharedLRUCache,
    canonicalize,
    document_loader,
)
from credentials.proofs import verify_credential

# Published in VC Data Model 2.0, § B.1 Base Context.
VC_V2_NORMATIVE_SHA256 = "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_the_vc_2_0_context_is_the_published_file_byte_for_byte():
    from credentials import contexts

    filename, _ = BUNDLED_CONTEXTS[VC_V2]
    data = (contexts._DIR / filename).read_bytes()
    assert hashlib.sha256(data).hexdigest() == VC_V2_NORMATIVE_SHA256


def test_every_bundled_context_loads_without_the_network(no_network):
    for url in BUNDLED_CONTEXTS:
        remote = document_loader(url)
        assert remote["documentUrl"] == url
        assert "@context" in remote["document"]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.w3.org/ns/credentials/examples/v2",
        "https://w3id.org/security/data-integrity/v2",
        "http://www.w3.org/ns/credentials/v2",  # same path, other scheme: not the same URL
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json?x=1",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ],
)
def test_loader_refuses_any_url_it_does_not_bundle(no_network, url):
    with pytest.raises(ContextNotBundled):
        document_loader(url)


def test_a_document_naming_an_unbundled_context_is_refused_not_fetched(no_network):
    document = {
        "@context": [VC_V2, "https://evil.example/context.jsonld"],
        "type": ["VerifiableCredential"],
    }
    with pytest.raises(ContextNotBundled):
        canonicalize(document)


def test_a_property_no_context_defines_is_refused_rather_than_left_unsigned():
    document = {
        "@context": [VC_V2],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "urn:uuid:0", "secretlyAdded": "x"},
    }
    with pytest.raises(CanonicalizationError):
        canonicalize(document)


def test_verifier_reports_an_unbundled_context_as_a_failure(no_network):
    document = {
        "@context": [VC_V2, "https://evil.example/context.jsonld"],
        "type": ["VerifiableCredential"],
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "proofPurpose": "assertionMethod",
            "verificationMethod": "k",
            "proofValue": multibase_base58btc(b"\x01" * 64),
        },
    }
    ok, reason = verify_credential(document, {"k": _some_public_key()})
    assert not ok
    assert "not bundled" in reason


def _some_public_key():
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return ed25519.Ed25519PrivateKey.generate().public_key()


def test_the_shared_context_cache_survives_threads_reading_and_evicting_at_once():
    """The processed-context cache is one per process, and a threaded server canonicalises in
    several threads at once: each reading (which reorders the LRU list) and writing (which may
    evict). Eight threads at it with a thread switch every microsecond: cachetools' own
    LRUCache fails this within a few thousand operations (OrderedDict mutated during
    iteration, KeyError)."""
    cache = SharedLRUCache(maxsize=16)
    errors: list[Exception] = []
    barrier = threading.Barrier(8)

    def use(seed: int) -> None:
        keys = random.Random(seed)
        barrier.wait()
        try:
            for _ in range(5_000):
                key = keys.randrange(64)
                if cache.get(key) is None:
                    cache[key] = {"static": key}
        except Exception as error:  # collected and asserted on below
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=use, args=(seed,)) for seed in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert 0 < len(cache) <= 16
    assert all(cache[key] == {"static": key} for key in list(cache))
