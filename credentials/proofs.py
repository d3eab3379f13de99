"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C VC Data Integrity EdDSA).

Signing: canonicalize (RDFC-1.0) the document without its proof and the proof options with the
document's ``@context``; sign SHA-256(options) ‖ SHA-256(document) with Ed25519; embed the
proof with its ``proofValue`` as multibase base58btc. Verification repeats the same steps with
the key the ``verificationMethod`` names, which must be one of the keys the caller trusts.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from .codec import base58btc_decode, multibase_base58btc
from .contexts import VC_V2, CanonicalizationError, ContextNotBundled, DocumentLoader, canonicalize

__all__ = [
    "CRYPTOSUITE",
    "MAX_CREDENTIAL_BYTES",
    "PROOF_TYPE",
    "ProofError",
    "TrustedKey",
    "rfc3339",
    "sign_credential",
    "verify_credential",
]

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"
# Our credentials are a few kilobytes; canonicalization is superlinear in the worst case, so
# anything far larger is refused before it is parsed.
MAX_CREDENTIAL_BYTES = 64 * 1024
# A key's creation time and the proof's `created` come from different clocks.
_CLOCK_SKEW = timedelta(minutes=5)
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


class ProofError(Exception):
    """The proof cannot be created (bad key, document that cannot be canonicalized)."""


# What a verifier trusts: a public key, or anything with `public_key` (and optionally
# `created_at`, to reject a proof made before the key existed) such as certificates.keys.CredentialKey.
TrustedKey = Any


def rfc3339(moment: datetime) -> str:
    """UTC, whole seconds, ``Z``: the form every VC processor accepts."""
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _hash_data(
    document: Mapping[str, Any], proof_options: Mapping[str, Any], *, loader: DocumentLoader | None
) -> bytes:
    proof_config = dict(proof_options)
    proof_config["@context"] = document["@context"]
    canonical_config = canonicalize(proof_config, loader=loader)
    canonical_document = canonicalize(document, loader=loader)
    return (
        hashlib.sha256(canonical_config.encode("utf-8")).digest()
        + hashlib.sha256(canonical_document.encode("utf-8")).digest()
    )


def sign_credential(
    document: Mapping[str, Any],
    key: ed25519.Ed25519PrivateKey | Any,
    *,
    verification_method: str,
    created: datetime | None = None,
    loader: DocumentLoader | None = None,
) -> dict[str, Any]:
    """Return a copy of ``document`` with an ``eddsa-rdfc-2022`` proof.

    ``key`` is an Ed25519 private key, or a ``CredentialKey`` that carries one.
    """
    private_key = getattr(key, "private_key", key)
    if not isinstance(private_key, ed25519.Ed25519PrivateKey):
        raise ProofError("signing needs an Ed25519 private key")
    unsecured = copy.deepcopy(dict(document))
    unsecured.pop("proof", None)
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": rfc3339(created or datetime.now(UTC)),
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    try:
        hash_data = _hash_data(unsecured, options, loader=loader)
    except (CanonicalizationError, ContextNotBundled) as error:
        raise ProofError(str(error)) from error
    signature = private_key.sign(hash_data)
    secured = copy.deepcopy(dict(document))
    secured["proof"] = {**options, "proofValue": multibase_base58btc(signature)}
    return secured


def verify_credential(
    document: Mapping[str, Any] | bytes | str,
    public_keys: Mapping[str, TrustedKey],
    *,
    loader: DocumentLoader | None = None,
    max_bytes: int = MAX_CREDENTIAL_BYTES,
) -> tuple[bool, str]:
    """Check the document's ``eddsa-rdfc-2022`` proof. Never raises on bad input.

    ``public_keys`` maps verification method URLs (exactly as they appear in proofs) to the
    keys the caller trusts. Returns ``(True, "")`` or ``(False, reason)``.
    """
    parsed = _parse(document, max_bytes)
    if isinstance(parsed, str):
        return False, parsed
    doc = parsed
    contexts = doc.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != VC_V2:
        return False, "the first @context is not the VC 2.0 context"
    types = doc.get("type")
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list) or "VerifiableCredential" not in types:
        return False, "type does not include VerifiableCredential"

    proof = doc.get("proof")
    if isinstance(proof, list):
        proof = next(
            (p for p in proof if isinstance(p, dict) and p.get("cryptosuite") == CRYPTOSUITE), None
        )
    if not isinstance(proof, dict):
        return False, "no eddsa-rdfc-2022 proof"
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return False, "unsupported proof type or cryptosuite"
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        return False, "proofPurpose is not assertionMethod"
    created = proof.get("created")
    if created is not None and (not isinstance(created, str) or not _DATETIME.match(created)):
        return False, "proof created is not an RFC 3339 date-time"
    proof_value = proof.get("proofValue")
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        return False, "proofValue is not multibase base58btc"
    try:
        signature = base58btc_decode(proof_value[1:])
    except ValueError:
        return False, "proofValue is not multibase base58btc"
    if len(signature) != 64:
        return False, "proofValue is not an Ed25519 signature"

    method = proof.get("verificationMethod")
    trusted = _trusted_key(method, public_keys)
    if trusted is None:
        return False, "verificationMethod is not one of the issuer's keys"
    public_key = getattr(trusted, "public_key", trusted)
    if not isinstance(public_key, ed25519.Ed25519PublicKey):
        return False, "verificationMethod is not an Ed25519 key"
    key_created = getattr(trusted, "created_at", None)
    if created and key_created is not None:
        try:
            signed_at = datetime.fromisoformat(created.replace("Z", "+00:00"))
        except ValueError:
            return False, "proof created is not an RFC 3339 date-time"
        if signed_at.tzinfo is None or signed_at + _CLOCK_SKEW < key_created:
            return False, "the proof predates the key it names"

    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options.pop("@context", None)
    unsecured = {k: v for k, v in doc.items() if k != "proof"}
    try:
        hash_data = _hash_data(unsecured, options, loader=loader)
    except ContextNotBundled as error:
        return False, str(error)
    except CanonicalizationError as error:
        return False, f"cannot canonicalize: {error}"
    except Exception:  # noqa: BLE001 - hostile input must not surface as a server error
        return False, "cannot canonicalize the document"
    try:
        public_key.verify(signature, hash_data)
    except InvalidSignature:
        return (
            False,
            "signature does not match: the credential was altered or signed by another key",
        )
    return True, ""


def _parse(document: Mapping[str, Any] | bytes | str, max_bytes: int) -> dict[str, Any] | str:
    if isinstance(document, bytes | bytearray | str):
        if len(document) > max_bytes:
            return "credential too large"
        try:
            parsed = json.loads(document)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return "not JSON"
    else:
        try:
            size = len(json.dumps(document, ensure_ascii=False).encode("utf-8"))
        except (TypeError, ValueError, RecursionError):
            return "not JSON"
        if size > max_bytes:
            return "credential too large"
        parsed = document
    if not isinstance(parsed, dict):
        return "not a JSON object"
    return dict(parsed)


def _trusted_key(method: Any, public_keys: Mapping[str, TrustedKey]) -> TrustedKey | None:
    if not isinstance(method, str) or not method:
        return None
    if method in public_keys:
        return public_keys[method]
    return None
