"""The same credential as a VC-JWT (VC-JOSE-COSE): a compact JWS whose payload is the
credential itself, signed EdDSA (Ed25519), header ``typ: vc+jwt``, ``kid`` = the key id
published in ``/issuer/jwks.json``.

Written with ``cryptography`` directly, so the tests can check it with an independent JOSE
library.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from .codec import b64url_decode, b64url_encode
from .proofs import MAX_CREDENTIAL_BYTES

__all__ = ["MEDIA_TYPE", "decode_vc_jwt", "encode_vc_jwt"]

MEDIA_TYPE = "application/vc+jwt"
_ALG = "EdDSA"


def encode_vc_jwt(credential: Mapping[str, Any], key: Any) -> str:
    """``key`` is a ``CredentialKey`` with its private half (its ``key_id`` becomes ``kid``)."""
    private_key = key.private_key
    if not isinstance(private_key, ed25519.Ed25519PrivateKey):
        raise ValueError("a VC-JWT needs an Ed25519 private key")
    header = {"alg": _ALG, "kid": key.key_id, "typ": "vc+jwt", "cty": "vc"}
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    signing_input = ".".join(
        b64url_encode(json.dumps(part, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
        for part in (header, unsecured)
    )
    signature = private_key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64url_encode(signature)}"


def decode_vc_jwt(token: str, public_keys: Mapping[str, Any]) -> tuple[bool, str, dict | None]:
    """Verify ``token`` against ``public_keys`` (key id -> Ed25519 public key or CredentialKey).
    Returns ``(ok, reason, credential)``; never raises on bad input."""
    if not isinstance(token, str) or len(token) > 2 * MAX_CREDENTIAL_BYTES:
        return False, "not a VC-JWT", None
    parts = token.split(".")
    if len(parts) != 3:
        return False, "not a compact JWS", None
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = json.loads(b64url_decode(parts[1]))
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeDecodeError):
        return False, "not a compact JWS", None
    if not isinstance(header, dict) or header.get("alg") != _ALG:
        return False, "alg is not EdDSA", None
    if header.get("typ") != "vc+jwt":
        return False, "typ is not vc+jwt", None
    trusted = public_keys.get(header.get("kid")) if isinstance(header.get("kid"), str) else None
    public_key = getattr(trusted, "public_key", trusted)
    if not isinstance(public_key, ed25519.Ed25519PublicKey):
        return False, "kid is not one of the issuer's keys", None
    try:
        public_key.verify(signature, f"{parts[0]}.{parts[1]}".encode("ascii"))
    except (InvalidSignature, UnicodeEncodeError):
        return False, "signature does not match", None
    if not isinstance(payload, dict):
        return False, "payload is not a credential", None
    return True, "", payload
