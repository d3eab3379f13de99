"""Add to wallet: OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow.

The holder, signed in, asks for an offer on "My certificates"; the page shows it as a QR code
and an ``openid-credential-offer://`` link carrying the offer by value (§ 4.1). The wallet then:

1. reads the issuer metadata at ``/.well-known/openid-credential-issuer`` (§ 12.2) and the
   authorization server metadata (RFC 8414; the issuer is its own authorization server);
2. trades the pre-authorized code for an access token at the token endpoint (§ 6) — once: the
   code is single-use and expires with the offer (10 minutes);
3. gets a fresh ``c_nonce`` from the nonce endpoint (§ 7);
4. asks the credential endpoint (§ 8) for a configuration the offer names, with a JWT proof of
   possession (§ 8.2.1.1) signed by its key, naming the key as a ``did:key`` URL (``kid``) or a
   ``jwk`` (which becomes a ``did:jwk``). The credential it receives is the certificate's Open
   Badge, signed by the same functions as the download, with ``credentialSubject.id`` the
   wallet's DID: whoever holds that key can prove they are the subject.

Formats: ``ldp_vc`` (the Data Integrity ``eddsa-rdfc-2022`` proof) and ``jwt_vc_json`` (the
Open Badges 3.0 § 8.2 VC-JWT, ES256). Every refusal is the spec's error JSON (§ 6.3, § 8.3.1:
``invalid_grant``, ``invalid_token``, ``invalid_proof``, ``invalid_nonce``…), never a 500.

Only hashes of codes and tokens are stored; nonces live in the cache and are consumed on use.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from certificates.models import Certificate

from .codec import b64url_decode, b64url_encode, base58btc_decode
from .contexts import OB_V3P0, VC_V2
from .issuer import issuer_keys, issuer_name, jwk_url, jwt_signing_key, signing_key
from .issuer import verification_method as issuer_verification_method
from .jwt import encode_vc_jwt
from .models import WalletOffer
from .openbadges import build_credential
from .proofs import sign_credential
from .services import issue_credential

__all__ = [
    "CONFIGURATIONS",
    "PRE_AUTHORIZED_GRANT",
    "Oid4vciError",
    "authorization_server_metadata",
    "create_offer",
    "credential_issuer",
    "issue",
    "issuer_metadata",
    "new_nonce",
    "offer_link",
    "redeem_code",
]

PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
PROOF_TYP = "openid4vci-proof+jwt"
OFFER_LIFETIME = timedelta(minutes=10)
TOKEN_LIFETIME = timedelta(minutes=5)
NONCE_SECONDS = 300
# A proof's iat may be this far from our clock (phones drift).
PROOF_SKEW = 300
MAX_PROOF_BYTES = 8 * 1024

_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
CONFIGURATIONS: dict[str, dict[str, Any]] = {
    "OpenBadgeCredential_ldp_vc": {
        "format": "ldp_vc",
        "credential_definition": {"@context": [VC_V2, OB_V3P0], "type": _TYPES},
        "credential_signing_alg_values_supported": ["eddsa-rdfc-2022"],
    },
    "OpenBadgeCredential_jwt_vc_json": {
        "format": "jwt_vc_json",
        "credential_definition": {"type": _TYPES},
        "credential_signing_alg_values_supported": ["ES256"],
    },
}
_PROOF_ALGS = ("ES256", "EdDSA")
_ERROR_STATUS = {"invalid_token": 401}


@dataclass
class Oid4vciError(Exception):
    """A refusal the spec names: rendered as ``{"error": …, "error_description": …}``."""

    error: str
    description: str

    @property
    def status(self) -> int:
        return _ERROR_STATUS.get(self.error, 400)

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


# --------------------------------------------------------------------------- metadata


def credential_issuer() -> str:
    """The Credential Issuer Identifier: the site's own URL (its metadata is at
    ``/.well-known/openid-credential-issuer`` below it)."""
    return settings.SITE_URL


def _endpoint(path: str) -> str:
    return f"{credential_issuer()}/oid4vci/{path}"


# The languages a wallet may show the offer in (§ 12.2.4: one display object per language).
DISPLAY_LANGUAGES = ("en", "es")


def _credential_display(issuer: str) -> list[dict[str, str]]:
    display = []
    for code in DISPLAY_LANGUAGES:
        with translation.override(code):
            display.append(
                {
                    "name": gettext("Certificate (Open Badge)"),
                    "locale": code,
                    "description": gettext("A certification issued by %(issuer)s.")
                    % {"issuer": issuer},
                }
            )
    return display


def issuer_metadata() -> dict[str, Any]:
    """Credential Issuer Metadata, OpenID4VCI 1.0 § 12.2.4."""
    name = issuer_name()
    configurations = {}
    for identifier, configuration in CONFIGURATIONS.items():
        configurations[identifier] = {
            **configuration,
            "scope": identifier,
            "cryptographic_binding_methods_supported": ["did:key", "did:jwk", "jwk"],
            "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": _PROOF_ALGS}},
            "credential_metadata": {"display": _credential_display(name)},
        }
    return {
        "credential_issuer": credential_issuer(),
        "credential_endpoint": _endpoint("credential"),
        "nonce_endpoint": _endpoint("nonce"),
        "display": [{"name": name, "locale": code} for code in DISPLAY_LANGUAGES],
        "credential_configurations_supported": configurations,
    }


def authorization_server_metadata() -> dict[str, Any]:
    """RFC 8414 metadata: the issuer is its own authorization server, for the pre-authorized
    code grant only, without client authentication (§ 6.1: anonymous access)."""
    return {
        "issuer": credential_issuer(),
        "token_endpoint": _endpoint("token"),
        "grant_types_supported": [PRE_AUTHORIZED_GRANT],
        "token_endpoint_auth_methods_supported": ["none"],
        "pre-authorized_grant_anonymous_access_supported": True,
        "response_types_supported": [],
    }


# --------------------------------------------------------------------------- offers


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_offer(*, certificate: Certificate, holder) -> tuple[WalletOffer, dict[str, Any]]:
    """A new offer of ``certificate``'s credential to its holder's wallet: the row (with the
    code's hash only) and the Credential Offer object (§ 4.1.1) carrying the code."""
    if certificate.holder_id != holder.pk:
        raise PermissionError("only the holder may put a certificate in a wallet")
    if certificate.status != Certificate.Status.VALID:
        raise ValueError("only a valid certificate can be added to a wallet")
    code = secrets.token_urlsafe(32)
    offer = WalletOffer.objects.create(
        certificate=certificate,
        code_sha256=_digest(code),
        expires_at=timezone.now() + OFFER_LIFETIME,
    )
    document = {
        "credential_issuer": credential_issuer(),
        "credential_configuration_ids": list(CONFIGURATIONS),
        "grants": {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": code}},
    }
    return offer, document


def offer_link(document: dict[str, Any]) -> str:
    """The deep link a wallet app registers for (§ 4.1.2), the offer passed by value."""
    compact = json.dumps(document, separators=(",", ":"))
    return f"openid-credential-offer://?credential_offer={quote(compact, safe='')}"


def redeem_code(code: str) -> dict[str, Any]:
    """Token Response (§ 6.2) for an unused, unexpired pre-authorized code; the code is spent
    whether or not the wallet goes on."""
    if not code or len(code) > 200:
        raise Oid4vciError("invalid_grant", "the pre-authorized code is missing or malformed")
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        # One UPDATE decides: two wallets racing with the same code cannot both win.
        redeemed = WalletOffer.objects.filter(
            code_sha256=_digest(code), redeemed_at=None, expires_at__gt=now
        ).update(
            redeemed_at=now,
            token_sha256=_digest(token),
            token_expires_at=now + TOKEN_LIFETIME,
        )
    if not redeemed:
        raise Oid4vciError(
            "invalid_grant", "the pre-authorized code is unknown, expired or already used"
        )
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": int(TOKEN_LIFETIME.total_seconds()),
    }


def new_nonce() -> dict[str, Any]:
    """Nonce Response (§ 7.2): a fresh c_nonce, good for one proof."""
    nonce = secrets.token_urlsafe(24)
    cache.set(f"oid4vci:nonce:{nonce}", 1, NONCE_SECONDS)
    return {"c_nonce": nonce}


def _spend_nonce(nonce: Any) -> bool:
    if not isinstance(nonce, str) or not 0 < len(nonce) <= 100:
        return False
    return bool(cache.delete(f"oid4vci:nonce:{nonce}"))


# --------------------------------------------------------------------------- credential


def issue(*, access_token: str, request: Any) -> dict[str, Any]:
    """Credential Response (§ 8.3) for a Credential Request (§ 8.2) under ``access_token``."""
    offer = _offer_for_token(access_token)
    if not isinstance(request, dict):
        raise Oid4vciError("invalid_credential_request", "the body must be a JSON object")
    identifier = request.get("credential_configuration_id")
    if identifier not in CONFIGURATIONS:
        raise Oid4vciError(
            "unknown_credential_configuration",
            "credential_configuration_id must be one the offer names",
        )
    proof = _single_jwt_proof(request)
    holder_did = verify_proof(proof)
    certificate = offer.certificate
    if certificate.status != Certificate.Status.VALID:
        raise Oid4vciError("credential_request_denied", "the certificate is no longer valid")
    # Single-use per format: the claim is recorded before signing, under the row lock.
    with transaction.atomic():
        locked = WalletOffer.objects.select_for_update().get(pk=offer.pk)
        issued = set(locked.issued_configurations)
        if identifier in issued:
            raise Oid4vciError(
                "credential_request_denied", "this offer already delivered that credential"
            )
        locked.issued_configurations = sorted(issued | {identifier})
        locked.holder_did = holder_did[:500]
        locked.save(update_fields=["issued_configurations", "holder_did"])
    credential = _wallet_credential(certificate, holder_did, CONFIGURATIONS[identifier]["format"])
    return {"credentials": [{"credential": credential}]}


def _offer_for_token(access_token: str) -> WalletOffer:
    if not access_token:
        raise Oid4vciError("invalid_token", "a Bearer access token is required")
    offer = (
        WalletOffer.objects.select_related("certificate")
        .filter(token_sha256=_digest(access_token), token_expires_at__gt=timezone.now())
        .first()
    )
    if offer is None:
        raise Oid4vciError("invalid_token", "the access token is unknown or expired")
    return offer


def _single_jwt_proof(request: dict[str, Any]) -> str:
    # 1.0 sends `proofs` ({"jwt": [...]}); drafts sent one `proof` ({"proof_type", "jwt"}).
    proofs = request.get("proofs")
    proof = request.get("proof")
    if isinstance(proofs, dict) and proof is None:
        jwts = proofs.get("jwt")
        if isinstance(jwts, list) and len(jwts) == 1 and isinstance(jwts[0], str):
            return jwts[0]
    elif (
        isinstance(proof, dict)
        and proofs is None
        and proof.get("proof_type") == "jwt"
        and isinstance(proof.get("jwt"), str)
    ):
        return proof["jwt"]
    raise Oid4vciError("invalid_proof", "exactly one JWT proof of possession is required")


def _wallet_credential(certificate: Certificate, holder_did: str, fmt: str) -> Any:
    """The certificate's credential as the download has it, bound to the wallet's DID."""
    issue_credential(certificate)  # the canonical copy, its status entry and subject id
    keys = issuer_keys()
    credential = build_credential(certificate)
    credential["credentialSubject"]["id"] = holder_did
    key = signing_key(keys)
    signed = sign_credential(
        credential,
        key,
        verification_method=issuer_verification_method(key.key_id),
        created=timezone.now(),
    )
    if fmt == "ldp_vc":
        return signed
    jwt_key = jwt_signing_key(keys)
    return encode_vc_jwt(signed, jwt_key, kid=jwk_url(jwt_key.key_id))


# --------------------------------------------------------------------------- proof of possession


def verify_proof(jwt: str) -> str:
    """Check a key proof JWT (§ 8.2.1.1, Appendix F.1) and return the DID it binds to."""
    if not isinstance(jwt, str) or len(jwt) > MAX_PROOF_BYTES or jwt.count(".") != 2:
        raise Oid4vciError("invalid_proof", "the proof is not a compact JWT")
    header_b64, payload_b64, signature_b64 = jwt.split(".")
    try:
        header = json.loads(b64url_decode(header_b64))
        payload = json.loads(b64url_decode(payload_b64))
        signature = b64url_decode(signature_b64)
    except (ValueError, UnicodeDecodeError) as error:
        raise Oid4vciError("invalid_proof", "the proof is not a compact JWT") from error
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise Oid4vciError("invalid_proof", "the proof's header and payload must be objects")
    if header.get("typ") != PROOF_TYP:
        raise Oid4vciError("invalid_proof", f"the proof's typ must be {PROOF_TYP}")
    alg = header.get("alg")
    if alg not in _PROOF_ALGS:
        raise Oid4vciError("invalid_proof", f"the proof's alg must be one of {_PROOF_ALGS}")
    holder_did, public_key = _proof_key(header)
    signing_input = f"{header_b64}.{payload_b64}".encode("ascii")
    if not _signature_ok(alg, public_key, signing_input, signature):
        raise Oid4vciError("invalid_proof", "the proof's signature does not verify")
    if payload.get("aud") != credential_issuer():
        raise Oid4vciError("invalid_proof", "the proof's aud must be the credential issuer")
    iat = payload.get("iat")
    if not isinstance(iat, int | float) or abs(time.time() - iat) > PROOF_SKEW:
        raise Oid4vciError("invalid_proof", "the proof's iat is missing or not recent")
    if not _spend_nonce(payload.get("nonce")):
        raise Oid4vciError("invalid_nonce", "the proof's nonce is missing, unknown or used")
    return holder_did


def _proof_key(header: dict[str, Any]) -> tuple[str, Any]:
    kid, jwk = header.get("kid"), header.get("jwk")
    if (kid is None) == (jwk is None) or "x5c" in header:
        raise Oid4vciError("invalid_proof", "the proof names its key by exactly one of kid, jwk")
    try:
        if jwk is not None:
            if not isinstance(jwk, dict) or "d" in jwk:
                raise ValueError("a public JWK is required")
            public = {k: jwk[k] for k in ("kty", "crv", "x", "y") if k in jwk}
            did = "did:jwk:" + b64url_encode(
                json.dumps(public, separators=(",", ":"), sort_keys=True).encode()
            )
            return did, _jwk_public_key(public)
        if not isinstance(kid, str) or not kid.startswith("did:key:z"):
            raise ValueError("kid must be a did:key URL")
        did, _, fragment = kid.partition("#")
        identifier = did.removeprefix("did:key:")
        if fragment and fragment != identifier:
            raise ValueError("the did:key URL's fragment must be its own key")
        return did, _did_key_public_key(identifier)
    except (KeyError, TypeError, ValueError) as error:
        raise Oid4vciError("invalid_proof", f"the proof's key is unusable: {error}") from error


def _did_key_public_key(identifier: str) -> Any:
    raw = base58btc_decode(identifier[1:])
    if raw[:2] == b"\xed\x01" and len(raw) == 34:
        return ed25519.Ed25519PublicKey.from_public_bytes(raw[2:])
    if raw[:2] == b"\x80\x24" and len(raw) == 35:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:])
    raise ValueError("only Ed25519 and P-256 did:key are supported")


def _jwk_public_key(jwk: dict[str, Any]) -> Any:
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
        x, y = b64url_decode(jwk["x"]), b64url_decode(jwk["y"])
        if len(x) != 32 or len(y) != 32:
            raise ValueError("P-256 coordinates are 32 bytes")
        return ec.EllipticCurvePublicNumbers(
            int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()
        ).public_key()
    raise ValueError("only Ed25519 (OKP) and P-256 (EC) JWKs are supported")


def _signature_ok(alg: str, public_key: Any, signing_input: bytes, signature: bytes) -> bool:
    try:
        if alg == "EdDSA" and isinstance(public_key, ed25519.Ed25519PublicKey):
            public_key.verify(signature, signing_input)
            return True
        if alg == "ES256" and isinstance(public_key, ec.EllipticCurvePublicKey):
            if len(signature) != 64:
                return False
            der = encode_dss_signature(
                int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            )
            public_key.verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
            return True
    except InvalidSignature:
        return False
    return False
