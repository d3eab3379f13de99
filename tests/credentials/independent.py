"""A verifier for `eddsa-rdfc-2022` proofs and Bitstring Status Lists that shares no code with
`credentials.proofs`, `credentials.codec` or `credentials.status`: only the bundled context
files (through the project's document loader, which serves them and nothing else) and pyld's
canonicalization. Hashing, concatenation, multibase/base58 decoding, Ed25519 verification and
list decoding are written here from the specifications."""

from __future__ import annotations

import base64
import gzip
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

from credentials.contexts import document_loader

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode(text: str) -> bytes:
    value = 0
    for char in text:
        value = value * 58 + B58.index(char)
    pad = len(text) - len(text.lstrip("1"))
    return b"\x00" * pad + value.to_bytes((value.bit_length() + 7) // 8, "big")


def b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def rdfc(document: dict, loader=document_loader) -> str:
    return jsonld.normalize(
        document,
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader},
    )


def public_key_from_jwk(jwk: dict) -> Ed25519PublicKey:
    assert jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519"
    return Ed25519PublicKey.from_public_bytes(b64url(jwk["x"]))


def public_key_from_multikey(multibase: str) -> Ed25519PublicKey:
    assert multibase.startswith("z")
    raw = b58decode(multibase[1:])
    assert raw[:2] == b"\xed\x01", "not an ed25519-pub multicodec"
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def verify(document: dict, keys_by_method: dict, loader=document_loader) -> bool:
    """True when the document's DataIntegrityProof (eddsa-rdfc-2022) was made by the key its
    verificationMethod names, over exactly this document."""
    proof = dict(document["proof"])
    if (proof.get("type"), proof.get("cryptosuite"), proof.get("proofPurpose")) != (
        "DataIntegrityProof",
        "eddsa-rdfc-2022",
        "assertionMethod",
    ):
        return False
    key = keys_by_method.get(proof["verificationMethod"])
    if key is None:
        return False
    proof_value = proof.pop("proofValue")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    options = {**proof, "@context": document["@context"]}
    hash_data = (
        hashlib.sha256(rdfc(options, loader).encode()).digest()
        + hashlib.sha256(rdfc(unsecured, loader).encode()).digest()
    )
    try:
        key.verify(b58decode(proof_value[1:]), hash_data)
    except InvalidSignature:
        return False
    return proof_value.startswith("z")


def status_bit(status_list_credential: dict, index: int) -> int:
    encoded = status_list_credential["credentialSubject"]["encodedList"]
    assert encoded[0] == "u", "encodedList must be multibase base64url"
    bits = gzip.decompress(b64url(encoded[1:]))
    return (bits[index // 8] >> (7 - index % 8)) & 1


def status_value(status_list_credential: dict, index: int, status_size: int) -> int:
    """Bitstring Status List § 3.2 as written: entry ``index`` is ``status_size`` bits starting
    at bit ``index * status_size``, most significant first."""
    encoded = status_list_credential["credentialSubject"]["encodedList"]
    assert encoded[0] == "u", "encodedList must be multibase base64url"
    bits = gzip.decompress(b64url(encoded[1:]))
    value = 0
    for position in range(index * status_size, (index + 1) * status_size):
        value = value * 2 + ((bits[position // 8] >> (7 - position % 8)) & 1)
    return value


def status_list_length(status_list_credential: dict) -> int:
    encoded = status_list_credential["credentialSubject"]["encodedList"]
    return len(gzip.decompress(b64url(encoded[1:]))) * 8
