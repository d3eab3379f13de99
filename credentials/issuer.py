"""Who signs: the issuer's identifiers, its Ed25519 keys, and how they are published.

The issuer has no DID. Its identifier is the profile page ``SITE_URL/issuer/``; each Ed25519
key is the verification method ``SITE_URL/issuer/#<key id>``, published as a Multikey in
``/issuer/profile.json`` and as a JWK (``kid`` = key id) in ``/issuer/jwks.json``. Keys are
never withdrawn: a retired key still verifies what it signed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from certificates.keys import CredentialKey, IssuerKeyError, IssuerKeys, get_issuer_keys

from .codec import b64url_encode, ed25519_multikey
from .contexts import MULTIKEY_V1, OB_V3P0, VC_V2
from .proofs import rfc3339

__all__ = [
    "CredentialKeyUnavailable",
    "issuer_id",
    "issuer_keys",
    "issuer_name",
    "issuer_profile_document",
    "jwks_document",
    "signing_key",
    "status_list_url",
    "trusted_keys",
    "verification_method",
]


class CredentialKeyUnavailable(IssuerKeyError):
    """No usable Ed25519 credential key: nothing can be signed until one exists."""


def issuer_id() -> str:
    return f"{settings.SITE_URL}/issuer/"


def issuer_name() -> str:
    return settings.PEERCERT_ISSUER_NAME


def verification_method(key_id: str) -> str:
    return f"{issuer_id()}#{key_id}"


def status_list_url(slug: str) -> str:
    return f"{settings.SITE_URL}/issuer/status/{slug}"


def issuer_keys() -> IssuerKeys:
    return get_issuer_keys(settings.ISSUER_KEY_DIR)


def signing_key(keys: IssuerKeys) -> CredentialKey:
    """The current Ed25519 key, with its private half, or a clear error saying what to run."""
    try:
        key = keys.current_credential_key
    except KeyError as error:
        raise CredentialKeyUnavailable(
            "the issuer has no current Ed25519 credential key; run "
            "`manage.py issuer_keys init` (or `issuer_keys rotate`) before issuing"
        ) from error
    if key.private_key is None:
        raise CredentialKeyUnavailable(
            f"the current credential key {key.key_id} has no private key in "
            f"{keys.key_dir}; credentials cannot be signed"
        )
    return key


def trusted_keys(keys: IssuerKeys) -> dict[str, CredentialKey]:
    """Every credential key, current and retired, by its verification method URL."""
    return {verification_method(key.key_id): key for key in keys.credential_keys}


def jwks_document(keys: IssuerKeys) -> dict[str, Any]:
    """RFC 7517 key set. ``iat`` (when the key was made, as in RFC 7519) and ``created`` are
    not JWK parameters; readers ignore what they do not know, and people want the dates."""
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": b64url_encode(key.public_key_raw),
                "kid": key.key_id,
                "alg": "EdDSA",
                "use": "sig",
                "iat": int(key.created_at.timestamp()),
                "created": rfc3339(key.created_at),
                "current": key.key_id == keys.current_credential_key_id,
            }
            for key in keys.credential_keys
        ]
    }


_VERIFICATION_TERMS = {
    # Not defined by the Open Badges or Multikey contexts; the security vocabulary's terms.
    "verificationMethod": {
        "@id": "https://w3id.org/security#verificationMethod",
        "@type": "@id",
        "@container": "@set",
    },
    "assertionMethod": {
        "@id": "https://w3id.org/security#assertionMethod",
        "@type": "@id",
        "@container": "@set",
    },
}


def issuer_profile_document(keys: IssuerKeys) -> dict[str, Any]:
    """The Open Badges Profile of the issuer with its keys as Multikey verification methods."""
    methods = [
        {
            "id": verification_method(key.key_id),
            "type": "Multikey",
            "controller": issuer_id(),
            "publicKeyMultibase": ed25519_multikey(key.public_key_raw),
        }
        for key in keys.credential_keys
    ]
    return {
        "@context": [VC_V2, OB_V3P0, MULTIKEY_V1, _VERIFICATION_TERMS],
        "id": issuer_id(),
        "type": "Profile",
        "name": issuer_name(),
        "url": issuer_id(),
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
