"""Who signs: the issuer's identifiers, its keys, and how they are published.

The issuer is the DID ``did:web:<host>`` (``%3A<port>`` when SITE_URL names a port), whose DID
document at ``/.well-known/did.json`` lists every Ed25519 key, current and retired, as a
Multikey verification method ``did:web:…#<key id>`` usable for ``assertionMethod``. That is
what wallets' verifiers resolve (DCC's resolves ``did:key`` and ``did:web``, not an https key
URL). The human-facing profile stays at ``SITE_URL/issuer/``, linked from the credential as the
issuer's ``url`` and from the DID document as ``alsoKnownAs``.

Credentials signed before the DID existed name ``SITE_URL/issuer/#<key id>``; asked for JSON,
``/issuer/`` answers with a controller document listing those same keys, so they still resolve.

VC-JWTs are signed ES256 with a P-256 key; its ``kid`` is ``SITE_URL/issuer/jwks/<key id>``,
which dereferences to that one JWK. ``/issuer/jwks.json`` lists every key. Keys are never
withdrawn: a retired key still verifies what it signed.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings

from certificates.keys import CredentialKey, IssuerKeyError, IssuerKeys, JwtKey, get_issuer_keys

from .codec import b64url_encode, ed25519_multikey
from .contexts import DID_V1, MULTIKEY_V1, OB_V3P0, VC_V2
from .proofs import rfc3339

__all__ = [
    "CredentialKeyUnavailable",
    "controller_document",
    "did_document",
    "did_document_path",
    "issuer_id",
    "issuer_keys",
    "issuer_name",
    "issuer_profile_document",
    "jwk_document",
    "jwk_url",
    "jwks_document",
    "jwt_signing_key",
    "legacy_verification_method",
    "profile_url",
    "signing_key",
    "status_list_url",
    "trusted_jwt_keys",
    "trusted_keys",
    "verification_method",
]


class CredentialKeyUnavailable(IssuerKeyError):
    """No usable credential key: nothing can be signed until one exists."""


def _site() -> tuple[str, str]:
    parts = urlsplit(settings.SITE_URL)
    return parts.netloc, parts.path.strip("/")


def issuer_id() -> str:
    """did:web of SITE_URL: the port's colon is percent-encoded, path segments become
    ``:``-separated (did:web method spec, § 3.2)."""
    host, path = _site()
    did = "did:web:" + quote(host, safe="")
    if path:
        did += ":" + ":".join(quote(segment, safe="") for segment in path.split("/"))
    return did


def did_document_path() -> str:
    """Where, under SITE_URL's host, the DID document must be: ``/.well-known/did.json`` for a
    bare origin, ``/<path>/did.json`` when SITE_URL has a path."""
    _host, path = _site()
    return f"/{path}/did.json" if path else "/.well-known/did.json"


def profile_url() -> str:
    return f"{settings.SITE_URL}/issuer/"


def issuer_name() -> str:
    return settings.PEERCERT_ISSUER_NAME


def verification_method(key_id: str) -> str:
    return f"{issuer_id()}#{key_id}"


def legacy_verification_method(key_id: str) -> str:
    """The https form credentials signed before the did:web identifier name."""
    return f"{profile_url()}#{key_id}"


def jwk_url(key_id: str) -> str:
    return f"{settings.SITE_URL}/issuer/jwks/{key_id}"


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


def jwt_signing_key(keys: IssuerKeys) -> JwtKey:
    """The current P-256 key for VC-JWTs, or a clear error saying what to run."""
    try:
        key = keys.current_jwt_key
    except KeyError as error:
        raise CredentialKeyUnavailable(
            "the issuer has no P-256 key for VC-JWTs (the key directory predates them); run "
            "`manage.py issuer_keys init`, which adds one and changes nothing else"
        ) from error
    if key.private_key is None:
        raise CredentialKeyUnavailable(
            f"the current JWT key {key.key_id} has no private key in {keys.key_dir}"
        )
    return key


def trusted_keys(keys: IssuerKeys) -> dict[str, CredentialKey]:
    """Every Ed25519 key, current and retired, by each verification method URL that names it
    (the did:web form, and the https form of credentials signed before it)."""
    trusted: dict[str, CredentialKey] = {}
    for key in keys.credential_keys:
        trusted[verification_method(key.key_id)] = key
        trusted[legacy_verification_method(key.key_id)] = key
    return trusted


def trusted_jwt_keys(keys: IssuerKeys) -> dict[str, JwtKey]:
    """Every P-256 key by the ``kid`` its tokens carry."""
    return {jwk_url(key.key_id): key for key in keys.jwt_keys}


def _p256_jwk(key: JwtKey) -> dict[str, Any]:
    numbers = key.public_key.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url_encode(numbers.x.to_bytes(32, "big")),
        "y": b64url_encode(numbers.y.to_bytes(32, "big")),
        "kid": jwk_url(key.key_id),
        "alg": "ES256",
        "use": "sig",
    }


def jwk_document(keys: IssuerKeys, key_id: str) -> dict[str, Any] | None:
    """The public JWK a VC-JWT's ``kid`` dereferences to; None for an unknown key id."""
    for key in keys.jwt_keys:
        if key.key_id == key_id:
            return _p256_jwk(key)
    return None


def jwks_document(keys: IssuerKeys) -> dict[str, Any]:
    """RFC 7517 key set: the P-256 keys of VC-JWTs (``kid`` = the key's own URL), then the
    Ed25519 keys of the Data Integrity proofs and of VC-JWTs signed before ES256 (``kid`` =
    the bare key id those tokens carry). ``iat`` and ``created`` are not JWK parameters;
    readers ignore what they do not know, and people want the dates."""
    p256 = [
        {
            **_p256_jwk(key),
            "iat": int(key.created_at.timestamp()),
            "created": rfc3339(key.created_at),
            "current": key.key_id == keys.current_jwt_key_id,
        }
        for key in keys.jwt_keys
    ]
    ed25519 = [
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
    return {"keys": p256 + ed25519}


def _multikey_methods(keys: IssuerKeys, *, controller: str, method) -> list[dict[str, Any]]:
    return [
        {
            "id": method(key.key_id),
            "type": "Multikey",
            "controller": controller,
            "publicKeyMultibase": ed25519_multikey(key.public_key_raw),
        }
        for key in keys.credential_keys
    ]


def did_document(keys: IssuerKeys) -> dict[str, Any]:
    """The did:web DID document: every Ed25519 key as a Multikey assertion method."""
    did = issuer_id()
    methods = _multikey_methods(keys, controller=did, method=verification_method)
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "alsoKnownAs": [profile_url()],
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
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
    "alsoKnownAs": {"@id": "https://www.w3.org/ns/activitystreams#alsoKnownAs", "@type": "@id"},
}


def controller_document(keys: IssuerKeys) -> dict[str, Any]:
    """What ``SITE_URL/issuer/`` answers to a JSON or JSON-LD request: the issuer's Open Badges
    Profile, which is also the controller document (W3C Controlled Identifiers) of the https
    verification methods older credentials name. Its id is the URL it is served from, and
    every method's controller is that id, as strict key lookups require."""
    profile = profile_url()
    methods = _multikey_methods(keys, controller=profile, method=legacy_verification_method)
    return {
        "@context": [VC_V2, OB_V3P0, MULTIKEY_V1, _VERIFICATION_TERMS],
        "id": profile,
        "type": "Profile",
        "name": issuer_name(),
        "url": profile,
        "alsoKnownAs": issuer_id(),
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


# The document /issuer/profile.json has always served.
issuer_profile_document = controller_document
