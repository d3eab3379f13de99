"""The credential as a VC-JWT, as Open Badges 3.0 § 8.2 ("JSON Web Token Proof Format") states it.

- JOSE header: exactly ``alg`` ES256, ``kid`` (a URL that dereferences to the public JWK) and
  ``typ`` "JWT"; § 8.2.3 allows no other header.
- Payload: the credential's own JSON object, with its Data Integrity proof (§ 8.2.4: embedded
  proofs are added before the JWT is made), plus the claims ``iss`` = ``issuer.id``, ``jti`` =
  ``id``, ``nbf`` = ``validFrom``, ``exp`` = ``validUntil`` (when there is one) and ``sub`` =
  ``credentialSubject.id``. The VC Data Model 1.1 ``vc`` wrapper claim is not used: the 3.0
  text puts the credential's members in the payload itself.

Signed with ``cryptography`` directly, so the tests check it with independent JOSE libraries
(joserfc in Python, jose in Node). Served as ``application/jwt`` (RFC 7519).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from .codec import b64url_decode, b64url_encode
from .proofs import MAX_CREDENTIAL_BYTES

__all__ = ["ALG", "MEDIA_TYPE", "decode_vc_jwt", "encode_vc_jwt", "jwt_claims"]

MEDIA_TYPE = "application/jwt"
ALG = "ES256"
_CLAIMS = ("iss", "jti", "nbf", "exp", "sub")
_ECDSA = ec.ECDSA(hashes.SHA256())


def _numeric_date(value: str) -> int:
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


def jwt_claims(credential: Mapping[str, Any]) -> dict[str, Any]:
    """The registered claims § 8.2.4 derives from the credential."""
    issuer = credential["issuer"]
    claims: dict[str, Any] = {
        "iss": issuer["id"] if isinstance(issuer, Mapping) else issuer,
        "jti": credential["id"],
        "nbf": _numeric_date(credential["validFrom"]),
        "sub": credential["credentialSubject"]["id"],
    }
    if credential.get("validUntil"):
        claims["exp"] = _numeric_date(credential["validUntil"])
    return claims


def encode_vc_jwt(credential: Mapping[str, Any], key: Any, *, kid: str) -> str:
    """``credential`` as signed (with its proof); ``key`` a ``JwtKey`` with its private half."""
    private_key = key.private_key
    if not isinstance(private_key, ec.EllipticCurvePrivateKey) or private_key.curve.name != (
        "secp256r1"
    ):
        raise ValueError("an ES256 VC-JWT needs a P-256 private key")
    header = {"alg": ALG, "kid": kid, "typ": "JWT"}
    payload = {**credential, **jwt_claims(credential)}
    signing_input = ".".join(
        b64url_encode(json.dumps(part, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
        for part in (header, payload)
    )
    r, s = decode_dss_signature(private_key.sign(signing_input.encode("ascii"), _ECDSA))
    # JWS ES256 signatures are R || S, 32 bytes each (RFC 7518 § 3.4), not DER.
    return f"{signing_input}.{b64url_encode(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def decode_vc_jwt(token: str, public_keys: Mapping[str, Any]) -> tuple[bool, str, dict | None]:
    """Verify ``token`` against ``public_keys`` (kid -> P-256 public key or JwtKey) and check
    the claims mirror the credential as § 8.2.6 requires. Returns ``(ok, reason,
    credential)``; never raises on bad input."""
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
    if not isinstance(header, dict) or header.get("alg") != ALG:
        return False, "alg is not ES256", None
    if set(header) - {"alg", "kid", "typ", "jwk"} or header.get("typ", "JWT") != "JWT":
        return False, "JOSE header has members Open Badges 3.0 does not allow", None
    trusted = public_keys.get(header.get("kid")) if isinstance(header.get("kid"), str) else None
    public_key = getattr(trusted, "public_key", trusted)
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        return False, "kid is not one of the issuer's keys", None
    if len(signature) != 64:
        return False, "signature is not an ES256 signature", None
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    try:
        public_key.verify(der, f"{parts[0]}.{parts[1]}".encode("ascii"), _ECDSA)
    except (InvalidSignature, UnicodeEncodeError):
        return False, "signature does not match", None
    if not isinstance(payload, dict):
        return False, "payload is not a credential", None
    credential = {k: v for k, v in payload.items() if k not in _CLAIMS}
    try:
        expected = jwt_claims(credential)
    except (KeyError, TypeError, ValueError):
        return False, "payload is not a credential", None
    for claim, value in expected.items():
        if payload.get(claim) != value:
            return False, f"claim {claim} does not match the credential", None
    if "exp" in payload and "exp" not in expected:
        return False, "claim exp does not match the credential", None
    return True, "", credential
