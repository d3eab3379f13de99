"""Issuer key material: a private root CA, document-signing certificates, Ed25519 credential keys.

Everything lives in one directory described by ``manifest.json``. Keys are never deleted:
rotation appends a new key and moves the ``current`` pointer, so certificates signed years
ago still chain to a root we publish. Functions here take the directory explicitly and know
nothing about Django, so they can run from a management command, a worker or a test.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

__all__ = [
    "DEFAULT_ORGANISATION",
    "CredentialKey",
    "JwtKey",
    "RevocationReason",
    "TimestampingKey",
    "IssuerKeyError",
    "IssuerKeys",
    "IssuerKeysMissing",
    "KeyKind",
    "KeyRecord",
    "SigningCertificate",
    "clear_issuer_keys_cache",
    "get_issuer_keys",
    "import_pkcs12",
    "init_issuer_keys",
    "list_key_records",
    "load_issuer_keys",
    "revocation_lists",
    "revoke_key",
    "rotate_signing_key",
    "rotate_timestamping_key",
]

DEFAULT_ORGANISATION = "PeerCert Training Institute"

KeyKind = Literal[
    "root-ca", "document-signing", "credential-ed25519", "credential-es256", "timestamping"
]
ROOT_CA: KeyKind = "root-ca"
DOCUMENT_SIGNING: KeyKind = "document-signing"
CREDENTIAL: KeyKind = "credential-ed25519"
# P-256 for VC-JWTs: Open Badges 3.0 verifiers (1EdTech's among them) accept RS256 and ES256,
# not EdDSA. The Ed25519 keys keep signing the Data Integrity proofs.
JWT_SIGNING: KeyKind = "credential-es256"
# The issuer's own RFC 3161 time-stamping unit, used when no external TSA is configured.
TIMESTAMPING: KeyKind = "timestamping"

RevocationReason = Literal["key_compromise", "superseded", "cessation_of_operation", "unspecified"]

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
_LOCK_NAME = ".lock"

ROOT_VALIDITY = timedelta(days=365 * 20 + 5)
SIGNER_VALIDITY = timedelta(days=365 * 5 + 1)
# A document timestamp is only as good as its TSA certificate: the archival job
# (certificates/archival.py) re-timestamps every PDF before the certificate that made its last
# document timestamp expires, and rotates this key once less than a year of it is left.
TSA_VALIDITY = timedelta(days=365 * 6 + 1)
# Validators must see a fresh list; a CRL is re-signed every hour (see revocation_lists).
CRL_VALIDITY = timedelta(days=7)
# Clock skew between the issuing host and whoever validates must not make a fresh
# certificate "not yet valid".
_BACKDATE = timedelta(hours=1)

# Microsoft's documentSigning purpose is what Acrobat recognises today; RFC 9336's
# id-kp-documentSigning is the standard one. Listing both keeps either kind of reader happy.
_EKU_MS_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")
_EKU_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
# NSS (Poppler's pdfsig, Evince, Okular, Firefox's PDF viewer) only trusts a PDF signer whose
# certificate allows emailProtection; without it they report "Unknown issue with Certificate".
_EKU_EMAIL_PROTECTION = ExtendedKeyUsageOID.EMAIL_PROTECTION

_PEM_PRIVATE = serialization.PrivateFormat.PKCS8
_NO_ENCRYPTION = serialization.NoEncryption()


class IssuerKeyError(Exception):
    """Key material is unusable, inconsistent, or an operation cannot apply to it."""


class IssuerKeysMissing(IssuerKeyError):
    """The key directory has not been initialised."""


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """One manifest entry, as stored: enough to list keys without loading any of them."""

    key_id: str
    kind: KeyKind
    created_at: datetime
    source: Literal["generated", "pkcs12"]
    current: bool
    not_after: datetime | None
    subject: str | None
    revoked_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SigningCertificate:
    """A document-signing certificate, current or retired, with what it chains to."""

    key_id: str
    created_at: datetime
    source: Literal["generated", "pkcs12"]
    certificate: asn1_x509.Certificate
    chain: tuple[asn1_x509.Certificate, ...]
    trust_anchor: asn1_x509.Certificate


@dataclass(frozen=True, slots=True)
class CredentialKey:
    """An Ed25519 key for signing Open Badges credentials.

    Only the current key carries its private half: a retired key must still verify
    what it signed but should never sign anything new.
    """

    key_id: str
    created_at: datetime
    public_key: ed25519.Ed25519PublicKey
    private_key: ed25519.Ed25519PrivateKey | None

    @property
    def public_key_raw(self) -> bytes:
        return self.public_key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )


@dataclass(frozen=True, slots=True)
class JwtKey:
    """A P-256 key for signing VC-JWTs (ES256). As with Ed25519 keys, only the current one
    carries its private half; retired ones stay published so old tokens still verify."""

    key_id: str
    created_at: datetime
    public_key: ec.EllipticCurvePublicKey
    private_key: ec.EllipticCurvePrivateKey | None


@dataclass(frozen=True, slots=True)
class TimestampingKey:
    """The issuer's own time-stamping unit: a P-256 key whose certificate chains to our root."""

    key_id: str
    created_at: datetime
    certificate: asn1_x509.Certificate
    chain: tuple[asn1_x509.Certificate, ...]
    private_key: ec.EllipticCurvePrivateKey

    @property
    def not_after(self) -> datetime:
        return self.certificate.not_valid_after


@dataclass(frozen=True, slots=True)
class IssuerKeys:
    """Everything a worker needs to sign certificates and credentials, loaded once."""

    key_dir: Path
    organisation: str
    root_cert: asn1_x509.Certificate
    trust_roots: tuple[asn1_x509.Certificate, ...]
    signer: SimpleSigner
    signing_key_id: str
    signing_certificates: tuple[SigningCertificate, ...]
    credential_keys: tuple[CredentialKey, ...]
    current_credential_key_id: str
    # None when our root's key is not here (an imported PKCS#12): timestamps then need an
    # external TSA (settings.PEERCERT_TSA_URL).
    timestamping: TimestampingKey | None = None
    # Where the CRLs are published, e.g. "https://certs.example.org" (no trailing slash).
    public_url: str = ""
    # Empty in a directory made before VC-JWTs were ES256, until `issuer_keys init` runs.
    jwt_keys: tuple[JwtKey, ...] = ()
    current_jwt_key_id: str | None = None

    @property
    def signer_cert(self) -> asn1_x509.Certificate:
        return self.signer.signing_cert

    @property
    def root_cert_pem(self) -> bytes:
        return _asn1_to_pem(self.root_cert)

    @property
    def current_credential_key(self) -> CredentialKey:
        return self.credential_key(self.current_credential_key_id)

    def credential_key(self, key_id: str) -> CredentialKey:
        for key in self.credential_keys:
            if key.key_id == key_id:
                return key
        raise KeyError(key_id)

    @property
    def current_jwt_key(self) -> JwtKey:
        for key in self.jwt_keys:
            if key.key_id == self.current_jwt_key_id:
                return key
        raise KeyError(self.current_jwt_key_id)


# --------------------------------------------------------------------------- public API


def init_issuer_keys(
    key_dir: Path, *, organisation: str = DEFAULT_ORGANISATION, public_url: str | None = None
) -> IssuerKeys:
    """Create whatever key material is missing and return the loaded keys.

    Safe to run on every deploy: existing keys are never replaced. A document-signing key
    (and so the root CA) is only generated when none is current, which also means an
    imported PKCS#12 signer is left alone. A generated signer from before emailProtection
    was required (desktop readers distrust it) is succeeded by one that has it; the old one
    stays, so what it signed keeps validating. ``public_url`` (the site's address) goes into
    new certificates as their CRL distribution point.
    """
    key_dir = Path(key_dir)
    with _locked(key_dir, create=True):
        manifest = _read_manifest(key_dir) or _empty_manifest(organisation)
        original = json.dumps(manifest, sort_keys=True)
        if public_url:
            manifest["public_url"] = public_url.rstrip("/")
        now = _now()
        if _current_id(manifest, DOCUMENT_SIGNING) is None or _signer_outdated(key_dir, manifest):
            root_id = _current_id(manifest, ROOT_CA)
            if root_id is None:
                root_id = _generate_root(key_dir, manifest, organisation=organisation, now=now)
            _generate_signer(key_dir, manifest, root_id=root_id, organisation=organisation, now=now)
        if _current_id(manifest, CREDENTIAL) is None:
            _generate_credential_key(key_dir, manifest, now=now)
        if _current_id(manifest, JWT_SIGNING) is None:
            _generate_jwt_key(key_dir, manifest, now=now)
        root_id = _own_root_id(key_dir, manifest)
        if _current_id(manifest, TIMESTAMPING) is None and root_id is not None:
            _generate_tsa(key_dir, manifest, root_id=root_id, organisation=organisation, now=now)
        _write_manifest_if_changed(key_dir, manifest, original)
    return load_issuer_keys(key_dir)


def rotate_timestamping_key(key_dir: Path, *, organisation: str | None = None) -> IssuerKeys:
    """A new time-stamping certificate from our root; timestamps made by old ones stay valid."""
    key_dir = Path(key_dir)
    with _locked(key_dir, create=False):
        manifest = _require_manifest(key_dir)
        organisation = organisation or manifest.get("organisation") or DEFAULT_ORGANISATION
        root_id = _own_root_id(key_dir, manifest)
        if root_id is None:
            raise IssuerKeyError(
                "no generated root CA key to issue a time-stamping certificate; "
                "configure an external TSA (PEERCERT_TSA_URL) instead"
            )
        _generate_tsa(key_dir, manifest, root_id=root_id, organisation=organisation, now=_now())
        _write_manifest(key_dir, manifest)
    clear_issuer_keys_cache(key_dir)
    return load_issuer_keys(key_dir)


def revoke_key(
    key_dir: Path,
    key_id: str,
    *,
    reason: RevocationReason = "key_compromise",
    at: datetime | None = None,
) -> IssuerKeys:
    """Put a document-signing or time-stamping certificate on our root's CRL.

    A current key cannot be revoked: rotate first, so issuance never signs with a certificate
    the published list disowns. Revoking twice keeps the first date.
    """
    key_dir = Path(key_dir)
    with _locked(key_dir, create=False):
        manifest = _require_manifest(key_dir)
        record = _record(manifest, key_id)
        if record["kind"] not in (DOCUMENT_SIGNING, TIMESTAMPING):
            raise IssuerKeyError(f"{key_id} is a {record['kind']} key; only certificates revoke")
        if key_id in manifest["current"].values():
            raise IssuerKeyError(f"{key_id} is current; rotate it first, then revoke it")
        if record.get("issuer") is None:
            raise IssuerKeyError(f"{key_id} was not issued by our root; ask its CA to revoke it")
        if "revoked_at" not in record:
            record["revoked_at"] = (at or _now()).isoformat()
            record["revocation_reason"] = reason
            _write_manifest(key_dir, manifest)
    clear_issuer_keys_cache(key_dir)
    return load_issuer_keys(key_dir)


def rotate_signing_key(
    key_dir: Path,
    *,
    organisation: str | None = None,
    document_signing: bool = True,
    credential: bool = True,
) -> IssuerKeys:
    """Add a new document-signing certificate and/or Ed25519 key and make them current.

    Old keys stay in the directory and in the manifest so anything they signed keeps
    validating. A new document-signing certificate needs our own root CA's private key;
    an organisation that imported its own PKCS#12 rotates by importing a new one.
    """
    key_dir = Path(key_dir)
    with _locked(key_dir, create=False):
        manifest = _require_manifest(key_dir)
        organisation = organisation or manifest.get("organisation") or DEFAULT_ORGANISATION
        now = _now()
        if document_signing:
            current_signer = _current_id(manifest, DOCUMENT_SIGNING)
            if current_signer and _record(manifest, current_signer).get("source") == "pkcs12":
                # Generating here would silently replace the organisation's own certificate
                # with one from our private root.
                raise IssuerKeyError(
                    "the current document-signing certificate was imported from PKCS#12; "
                    "import its successor instead, or rotate the credential key only"
                )
            root_id = _current_id(manifest, ROOT_CA)
            if (
                root_id is None
                or not (key_dir / _record(manifest, root_id)["private_key"]).exists()
            ):
                raise IssuerKeyError(
                    "no generated root CA key to issue a new document-signing certificate; "
                    "import the organisation's new PKCS#12 instead, or rotate the credential "
                    "key only"
                )
            _generate_signer(key_dir, manifest, root_id=root_id, organisation=organisation, now=now)
        if credential:
            _generate_credential_key(key_dir, manifest, now=now)
            _generate_jwt_key(key_dir, manifest, now=now)
        _write_manifest(key_dir, manifest)
    clear_issuer_keys_cache(key_dir)
    return load_issuer_keys(key_dir)


def import_pkcs12(
    key_dir: Path,
    p12_path: Path,
    password: bytes | str | None,
    *,
    organisation: str = DEFAULT_ORGANISATION,
) -> IssuerKeys:
    """Install an organisation's own signing certificate, key and chain as the current signer.

    The previous signer is kept (retired) so documents it signed still validate. Importing
    the same certificate twice is a no-op. An Ed25519 credential key is created if none
    exists yet, so the directory is complete afterwards.
    """
    key_dir = Path(key_dir)
    if isinstance(password, str):
        password = password.encode()
    data = Path(p12_path).read_bytes()
    try:
        private_key, cert, extra_certs = pkcs12.load_key_and_certificates(data, password)
    except ValueError as exc:
        raise IssuerKeyError(
            f"cannot read PKCS#12 {p12_path}: wrong password or not PKCS#12"
        ) from exc
    if private_key is None or cert is None:
        raise IssuerKeyError(f"PKCS#12 {p12_path} lacks a private key or its certificate")
    _check_importable_signer(private_key, cert)
    chain = _order_chain(cert, list(extra_certs))

    with _locked(key_dir, create=True):
        manifest = _read_manifest(key_dir) or _empty_manifest(organisation)
        original = json.dumps(manifest, sort_keys=True)
        fingerprint = cert.fingerprint(hashes.SHA256()).hex()
        existing = next(
            (
                r
                for r in manifest["keys"]
                if r["kind"] == DOCUMENT_SIGNING and r.get("sha256") == fingerprint
            ),
            None,
        )
        now = _now()
        if existing is None:
            key_id = _new_key_id("docsign", now)
            _write_private(key_dir / f"{key_id}.key.pem", _private_pem(private_key))
            _write_private(key_dir / f"{key_id}.cert.pem", _cert_pem(cert))
            _write_private(key_dir / f"{key_id}.chain.pem", b"".join(_cert_pem(c) for c in chain))
            manifest["keys"].append(
                {
                    "id": key_id,
                    "kind": DOCUMENT_SIGNING,
                    "created_at": now.isoformat(),
                    "source": "pkcs12",
                    "certificate": f"{key_id}.cert.pem",
                    "private_key": f"{key_id}.key.pem",
                    "chain": f"{key_id}.chain.pem",
                    "sha256": fingerprint,
                    "subject": cert.subject.rfc4514_string(),
                    "not_after": cert.not_valid_after_utc.isoformat(),
                }
            )
            existing = manifest["keys"][-1]
        manifest["current"][DOCUMENT_SIGNING] = existing["id"]
        if _current_id(manifest, CREDENTIAL) is None:
            _generate_credential_key(key_dir, manifest, now=now)
        if _current_id(manifest, JWT_SIGNING) is None:
            _generate_jwt_key(key_dir, manifest, now=now)
        _write_manifest_if_changed(key_dir, manifest, original)
    clear_issuer_keys_cache(key_dir)
    return load_issuer_keys(key_dir)


def list_key_records(key_dir: Path) -> list[KeyRecord]:
    """The manifest's entries, oldest first; empty when the directory is not initialised."""
    manifest = _read_manifest(Path(key_dir))
    if manifest is None:
        return []
    current = set(manifest["current"].values())
    records = []
    for raw in manifest["keys"]:
        not_after = raw.get("not_after")
        revoked_at = raw.get("revoked_at")
        records.append(
            KeyRecord(
                key_id=raw["id"],
                kind=raw["kind"],
                created_at=datetime.fromisoformat(raw["created_at"]),
                source=raw.get("source", "generated"),
                current=raw["id"] in current,
                not_after=datetime.fromisoformat(not_after) if not_after else None,
                subject=raw.get("subject"),
                revoked_at=datetime.fromisoformat(revoked_at) if revoked_at else None,
            )
        )
    return records


def load_issuer_keys(key_dir: Path) -> IssuerKeys:
    """Read the directory into an :class:`IssuerKeys`; no caching (see :func:`get_issuer_keys`)."""
    key_dir = Path(key_dir)
    manifest = _require_manifest(key_dir)
    signer_id = _current_id(manifest, DOCUMENT_SIGNING)
    credential_id = _current_id(manifest, CREDENTIAL)
    if signer_id is None or credential_id is None:
        raise IssuerKeysMissing(f"{key_dir} is incomplete; run `manage.py issuer_keys init`")

    signing_certs = tuple(
        _load_signing_certificate(key_dir, raw)
        for raw in manifest["keys"]
        if raw["kind"] == DOCUMENT_SIGNING
    )
    current_signing = next(s for s in signing_certs if s.key_id == signer_id)
    signer = _build_signer(key_dir, _record(manifest, signer_id), current_signing)

    anchors: list[asn1_x509.Certificate] = [current_signing.trust_anchor]
    for sc in signing_certs:
        if all(sc.trust_anchor.sha256 != a.sha256 for a in anchors):
            anchors.append(sc.trust_anchor)

    credential_keys = tuple(
        _load_credential_key(key_dir, raw, with_private=raw["id"] == credential_id)
        for raw in manifest["keys"]
        if raw["kind"] == CREDENTIAL
    )
    jwt_id = _current_id(manifest, JWT_SIGNING)
    jwt_keys = tuple(
        _load_jwt_key(key_dir, raw, with_private=raw["id"] == jwt_id)
        for raw in manifest["keys"]
        if raw["kind"] == JWT_SIGNING
    )
    tsa_id = _current_id(manifest, TIMESTAMPING)
    timestamping = _load_timestamping_key(key_dir, _record(manifest, tsa_id)) if tsa_id else None
    if timestamping is not None and all(timestamping.chain[-1].sha256 != a.sha256 for a in anchors):
        anchors.append(timestamping.chain[-1])
    return IssuerKeys(
        key_dir=key_dir,
        organisation=manifest.get("organisation") or DEFAULT_ORGANISATION,
        root_cert=current_signing.trust_anchor,
        trust_roots=tuple(anchors),
        signer=signer,
        signing_key_id=signer_id,
        signing_certificates=signing_certs,
        credential_keys=credential_keys,
        current_credential_key_id=credential_id,
        timestamping=timestamping,
        public_url=manifest.get("public_url", ""),
        jwt_keys=jwt_keys,
        current_jwt_key_id=jwt_id,
    )


# Keyed by resolved directory; the stamp is the manifest's stat, so a rotation done by a
# management command is picked up by long-running workers without a restart, at the cost
# of one stat() per certificate rather than re-parsing keys.
_cache: dict[Path, tuple[tuple[int, int, int], IssuerKeys]] = {}
_cache_lock = threading.Lock()


def get_issuer_keys(key_dir: Path) -> IssuerKeys:
    """Process-wide cached :func:`load_issuer_keys`.

    Never creates keys: a worker that silently generated a fresh root because a volume was
    not mounted would issue certificates nobody can verify against the published root.
    """
    key_dir = Path(key_dir).resolve()
    stamp = _manifest_stamp(key_dir)
    with _cache_lock:
        cached = _cache.get(key_dir)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        keys = load_issuer_keys(key_dir)
        _cache[key_dir] = (stamp, keys)
        return keys


def clear_issuer_keys_cache(key_dir: Path | None = None) -> None:
    """Forget cached keys for one directory, or for all when ``key_dir`` is None."""
    with _cache_lock:
        if key_dir is None:
            _cache.clear()
        else:
            _cache.pop(Path(key_dir).resolve(), None)


# --------------------------------------------------------------------------- revocation

_REASON_FLAGS: dict[str, x509.ReasonFlags] = {
    "key_compromise": x509.ReasonFlags.key_compromise,
    "superseded": x509.ReasonFlags.superseded,
    "cessation_of_operation": x509.ReasonFlags.cessation_of_operation,
    "unspecified": x509.ReasonFlags.unspecified,
}
_crl_cache: dict[Path, tuple[tuple[tuple[int, int, int], datetime], dict[str, bytes]]] = {}


def revocation_lists(key_dir: Path, *, now: datetime | None = None) -> dict[str, bytes]:
    """DER-encoded CRLs of every root whose key we hold, by root key id.

    The same lists are published at /issuer/crl/<root id>.crl and embedded in each signed
    PDF's DSS, so a validator years from now has the revocation status as it was at signing.
    Re-signed once an hour (thisUpdate on the hour, the CRL number counts hours), so every
    process serves the same content and an old list is never newer than a fresh one.
    """
    key_dir = Path(key_dir).resolve()
    hour = (now or _now()).replace(minute=0, second=0, microsecond=0)
    stamp = (_manifest_stamp(key_dir), hour)
    with _cache_lock:
        cached = _crl_cache.get(key_dir)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    manifest = _require_manifest(key_dir)
    lists = {
        raw["id"]: _sign_crl(key_dir, manifest, raw, this_update=hour)
        for raw in manifest["keys"]
        if raw["kind"] == ROOT_CA and (key_dir / raw["private_key"]).exists()
    }
    with _cache_lock:
        _crl_cache[key_dir] = (stamp, lists)
    return lists


def _sign_crl(
    key_dir: Path, manifest: dict[str, Any], root: dict[str, Any], *, this_update: datetime
) -> bytes:
    root_key = serialization.load_pem_private_key(
        (key_dir / root["private_key"]).read_bytes(), password=None
    )
    if not isinstance(root_key, ec.EllipticCurvePrivateKey):
        raise IssuerKeyError(f"root CA key {root['id']} is not an EC key")
    root_cert = x509.load_pem_x509_certificate((key_dir / root["certificate"]).read_bytes())
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root_cert.subject)
        .last_update(this_update)
        .next_update(this_update + CRL_VALIDITY)
        .add_extension(x509.CRLNumber(int(this_update.timestamp()) // 3600), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
    )
    for raw in manifest["keys"]:
        if raw.get("issuer") != root["id"] or "revoked_at" not in raw:
            continue
        cert = x509.load_pem_x509_certificate((key_dir / raw["certificate"]).read_bytes())
        reason = _REASON_FLAGS.get(raw.get("revocation_reason", ""), x509.ReasonFlags.unspecified)
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(datetime.fromisoformat(raw["revoked_at"]))
            .add_extension(x509.CRLReason(reason), critical=False)
            .build()
        )
    return builder.sign(root_key, hashes.SHA384()).public_bytes(serialization.Encoding.DER)


# --------------------------------------------------------------------------- generation


def _generate_root(
    key_dir: Path, manifest: dict[str, Any], *, organisation: str, now: datetime
) -> str:
    key = ec.generate_private_key(ec.SECP384R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{organisation} Certificate Root CA"),
        ]
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + ROOT_VALIDITY)
        # pathlen 0: this root only ever signs end-entity signing certificates.
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA384())
    )
    key_id = _new_key_id("root", now)
    _write_private(key_dir / f"{key_id}.key.pem", _private_pem(key))
    _write_private(key_dir / f"{key_id}.cert.pem", _cert_pem(cert))
    manifest["keys"].append(
        {
            "id": key_id,
            "kind": ROOT_CA,
            "created_at": now.isoformat(),
            "source": "generated",
            "certificate": f"{key_id}.cert.pem",
            "private_key": f"{key_id}.key.pem",
            "sha256": cert.fingerprint(hashes.SHA256()).hex(),
            "subject": cert.subject.rfc4514_string(),
            "not_after": cert.not_valid_after_utc.isoformat(),
        }
    )
    manifest["current"][ROOT_CA] = key_id
    return key_id


def _generate_signer(
    key_dir: Path, manifest: dict[str, Any], *, root_id: str, organisation: str, now: datetime
) -> str:
    return _generate_end_entity(
        key_dir,
        manifest,
        root_id=root_id,
        now=now,
        kind=DOCUMENT_SIGNING,
        prefix="docsign",
        common_name=f"{organisation} Document Signing",
        organisation=organisation,
        validity=SIGNER_VALIDITY,
        usage=x509.ExtendedKeyUsage(
            [_EKU_DOCUMENT_SIGNING, _EKU_MS_DOCUMENT_SIGNING, _EKU_EMAIL_PROTECTION]
        ),
        usage_critical=False,
    )


def _generate_tsa(
    key_dir: Path, manifest: dict[str, Any], *, root_id: str, organisation: str, now: datetime
) -> str:
    return _generate_end_entity(
        key_dir,
        manifest,
        root_id=root_id,
        now=now,
        kind=TIMESTAMPING,
        prefix="tsa",
        common_name=f"{organisation} Time Stamping",
        organisation=organisation,
        validity=TSA_VALIDITY,
        # RFC 3161 §2.3: a TSA certificate has exactly this EKU, marked critical.
        usage=x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
        usage_critical=True,
    )


def _generate_end_entity(
    key_dir: Path,
    manifest: dict[str, Any],
    *,
    root_id: str,
    now: datetime,
    kind: str,
    prefix: str,
    common_name: str,
    organisation: str,
    validity: timedelta,
    usage: x509.ExtendedKeyUsage,
    usage_critical: bool,
) -> str:
    """A new key and certificate under the root CA (document signing or time stamping), written
    beside its chain and made the current one of its kind."""
    root_record = _record(manifest, root_id)
    root_key = serialization.load_pem_private_key(
        (key_dir / root_record["private_key"]).read_bytes(), password=None
    )
    root_pem = (key_dir / root_record["certificate"]).read_bytes()
    root_cert = x509.load_pem_x509_certificate(root_pem)
    if not isinstance(root_key, ec.EllipticCurvePrivateKey):
        raise IssuerKeyError(f"root CA key {root_id} is not an EC key")

    key = ec.generate_private_key(ec.SECP256R1())
    key_id = _new_key_id(prefix, now)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            # Distinguishes successive keys in a validator's UI without exposing anything.
            x509.NameAttribute(NameOID.SERIAL_NUMBER, key_id),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(min(now + validity, root_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_end_entity_key_usage(), critical=True)
        .add_extension(usage, critical=usage_critical)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
    )
    cert = _with_crl_pointer(builder, manifest, root_id).sign(root_key, hashes.SHA384())
    _write_private(key_dir / f"{key_id}.key.pem", _private_pem(key))
    _write_private(key_dir / f"{key_id}.cert.pem", _cert_pem(cert))
    _write_private(key_dir / f"{key_id}.chain.pem", root_pem)
    manifest["keys"].append(
        {
            "id": key_id,
            "kind": kind,
            "created_at": now.isoformat(),
            "source": "generated",
            "issuer": root_id,
            "certificate": f"{key_id}.cert.pem",
            "private_key": f"{key_id}.key.pem",
            "chain": f"{key_id}.chain.pem",
            "sha256": cert.fingerprint(hashes.SHA256()).hex(),
            "subject": cert.subject.rfc4514_string(),
            "not_after": cert.not_valid_after_utc.isoformat(),
        }
    )
    manifest["current"][kind] = key_id
    return key_id


def _end_entity_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def crl_path(root_id: str) -> str:
    """The CRL's path on the site, below the issuer's public address."""
    return f"/issuer/crl/{root_id}.crl"


def _with_crl_pointer(
    builder: x509.CertificateBuilder, manifest: dict[str, Any], root_id: str
) -> x509.CertificateBuilder:
    # Without a known public address there is nowhere to point; the CRL still travels inside
    # every signed PDF (its DSS), which is what offline validators use.
    base = manifest.get("public_url")
    if not base:
        return builder
    point = x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(base + crl_path(root_id))],
        relative_name=None,
        reasons=None,
        crl_issuer=None,
    )
    return builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)


def _own_root_id(key_dir: Path, manifest: dict[str, Any]) -> str | None:
    """The current root CA, if we generated it and hold its private key."""
    root_id = _current_id(manifest, ROOT_CA)
    if root_id is None:
        return None
    if not (key_dir / _record(manifest, root_id)["private_key"]).exists():
        return None
    return root_id


def _signer_outdated(key_dir: Path, manifest: dict[str, Any]) -> bool:
    signer_id = _current_id(manifest, DOCUMENT_SIGNING)
    if signer_id is None:
        return False
    record = _record(manifest, signer_id)
    if record.get("source") != "generated" or _own_root_id(key_dir, manifest) is None:
        return False
    cert = x509.load_pem_x509_certificate((key_dir / record["certificate"]).read_bytes())
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return _EKU_EMAIL_PROTECTION not in eku


def _generate_credential_key(key_dir: Path, manifest: dict[str, Any], *, now: datetime) -> str:
    key = ed25519.Ed25519PrivateKey.generate()
    key_id = _new_key_id("cred", now)
    _write_private(key_dir / f"{key_id}.key.pem", _private_pem(key))
    _write_private(
        key_dir / f"{key_id}.pub.pem",
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    )
    manifest["keys"].append(
        {
            "id": key_id,
            "kind": CREDENTIAL,
            "created_at": now.isoformat(),
            "source": "generated",
            "private_key": f"{key_id}.key.pem",
            "public_key": f"{key_id}.pub.pem",
        }
    )
    manifest["current"][CREDENTIAL] = key_id
    return key_id


def _generate_jwt_key(key_dir: Path, manifest: dict[str, Any], *, now: datetime) -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    key_id = _new_key_id("jwt", now)
    _write_private(key_dir / f"{key_id}.key.pem", _private_pem(key))
    _write_private(
        key_dir / f"{key_id}.pub.pem",
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    )
    manifest["keys"].append(
        {
            "id": key_id,
            "kind": JWT_SIGNING,
            "created_at": now.isoformat(),
            "source": "generated",
            "private_key": f"{key_id}.key.pem",
            "public_key": f"{key_id}.pub.pem",
        }
    )
    manifest["current"][JWT_SIGNING] = key_id
    return key_id


# --------------------------------------------------------------------------- loading


def _load_signing_certificate(key_dir: Path, raw: dict[str, Any]) -> SigningCertificate:
    cert = _load_asn1_certs((key_dir / raw["certificate"]).read_bytes())[0]
    chain_file = raw.get("chain")
    chain = tuple(_load_asn1_certs((key_dir / chain_file).read_bytes())) if chain_file else ()
    return SigningCertificate(
        key_id=raw["id"],
        created_at=datetime.fromisoformat(raw["created_at"]),
        source=raw.get("source", "generated"),
        certificate=cert,
        chain=chain,
        trust_anchor=_trust_anchor(cert, chain),
    )


def _load_timestamping_key(key_dir: Path, raw: dict[str, Any]) -> TimestampingKey:
    private = serialization.load_pem_private_key(
        (key_dir / raw["private_key"]).read_bytes(), password=None
    )
    if not isinstance(private, ec.EllipticCurvePrivateKey):
        raise IssuerKeyError(f"time-stamping key {raw['id']} is not an EC key")
    return TimestampingKey(
        key_id=raw["id"],
        created_at=datetime.fromisoformat(raw["created_at"]),
        certificate=_load_asn1_certs((key_dir / raw["certificate"]).read_bytes())[0],
        chain=tuple(_load_asn1_certs((key_dir / raw["chain"]).read_bytes())),
        private_key=private,
    )


def _trust_anchor(
    cert: asn1_x509.Certificate, chain: Sequence[asn1_x509.Certificate]
) -> asn1_x509.Certificate:
    # An imported chain may stop at an intermediate (the root is in the OS store, not in
    # the .p12); the topmost certificate we hold is then the best anchor we can pin.
    for candidate in chain:
        if candidate.self_signed != "no":
            return candidate
    return chain[-1] if chain else cert


def _build_signer(key_dir: Path, raw: dict[str, Any], signing: SigningCertificate) -> SimpleSigner:
    key_info = load_private_key_from_pemder_data(
        (key_dir / raw["private_key"]).read_bytes(), passphrase=None
    )
    registry = SimpleCertificateStore.from_certs(list(signing.chain))
    return SimpleSigner(
        signing_cert=signing.certificate,
        signing_key=key_info,
        cert_registry=registry,
        # Embedding the root lets an offline validator build the whole path from the PDF;
        # trust still comes only from the root the validator pins.
        embed_roots=True,
    )


def _load_credential_key(
    key_dir: Path, raw: dict[str, Any], *, with_private: bool
) -> CredentialKey:
    private: ed25519.Ed25519PrivateKey | None = None
    if with_private:
        loaded = serialization.load_pem_private_key(
            (key_dir / raw["private_key"]).read_bytes(), password=None
        )
        if not isinstance(loaded, ed25519.Ed25519PrivateKey):
            raise IssuerKeyError(f"credential key {raw['id']} is not Ed25519")
        private = loaded
        public = loaded.public_key()
    else:
        loaded_pub = serialization.load_pem_public_key((key_dir / raw["public_key"]).read_bytes())
        if not isinstance(loaded_pub, ed25519.Ed25519PublicKey):
            raise IssuerKeyError(f"credential key {raw['id']} is not Ed25519")
        public = loaded_pub
    return CredentialKey(
        key_id=raw["id"],
        created_at=datetime.fromisoformat(raw["created_at"]),
        public_key=public,
        private_key=private,
    )


def _load_jwt_key(key_dir: Path, raw: dict[str, Any], *, with_private: bool) -> JwtKey:
    private: ec.EllipticCurvePrivateKey | None = None
    if with_private:
        loaded = serialization.load_pem_private_key(
            (key_dir / raw["private_key"]).read_bytes(), password=None
        )
        if not isinstance(loaded, ec.EllipticCurvePrivateKey) or loaded.curve.name != "secp256r1":
            raise IssuerKeyError(f"JWT key {raw['id']} is not a P-256 key")
        private = loaded
        public = loaded.public_key()
    else:
        loaded_pub = serialization.load_pem_public_key((key_dir / raw["public_key"]).read_bytes())
        if not isinstance(loaded_pub, ec.EllipticCurvePublicKey):
            raise IssuerKeyError(f"JWT key {raw['id']} is not a P-256 key")
        public = loaded_pub
    return JwtKey(
        key_id=raw["id"],
        created_at=datetime.fromisoformat(raw["created_at"]),
        public_key=public,
        private_key=private,
    )


def _load_asn1_certs(pem: bytes) -> list[asn1_x509.Certificate]:
    if not pem.strip():
        # An imported PKCS#12 without a chain leaves an empty chain file.
        return []
    return [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
        for c in x509.load_pem_x509_certificates(pem)
    ]


def _asn1_to_pem(cert: asn1_x509.Certificate) -> bytes:
    return _cert_pem(x509.load_der_x509_certificate(cert.dump()))


# --------------------------------------------------------------------------- PKCS#12 import


def _check_importable_signer(private_key: Any, cert: x509.Certificate) -> None:
    if not isinstance(
        private_key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey
    ):
        raise IssuerKeyError(f"unsupported signing key type {type(private_key).__name__}")
    public_der = serialization.Encoding.DER
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    if private_key.public_key().public_bytes(public_der, spki) != cert.public_key().public_bytes(
        public_der, spki
    ):
        raise IssuerKeyError("the PKCS#12 private key does not match its certificate")
    now = _now()
    if not cert.not_valid_before_utc <= now < cert.not_valid_after_utc:
        raise IssuerKeyError(
            f"signing certificate is not valid now (valid {cert.not_valid_before_utc:%Y-%m-%d} "
            f"to {cert.not_valid_after_utc:%Y-%m-%d})"
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise IssuerKeyError(
            "certificate key usage allows neither digitalSignature nor nonRepudiation"
        )
    with contextlib.suppress(x509.ExtensionNotFound):
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        acceptable = {
            _EKU_DOCUMENT_SIGNING,
            _EKU_MS_DOCUMENT_SIGNING,
            ExtendedKeyUsageOID.EMAIL_PROTECTION,
            ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
            ObjectIdentifier("1.2.840.113583.1.1.5"),  # Adobe Authentic Documents Trust
        }
        if not acceptable.intersection(eku):
            raise IssuerKeyError("certificate's extended key usage does not allow document signing")


def _order_chain(leaf: x509.Certificate, others: list[x509.Certificate]) -> list[x509.Certificate]:
    """Issuer order from the leaf upwards; unrelated certificates are appended, not dropped."""
    ordered: list[x509.Certificate] = []
    remaining = list(others)
    current = leaf
    while remaining:
        parent = next((c for c in remaining if c.subject == current.issuer), None)
        if parent is None or parent == current:
            break
        ordered.append(parent)
        remaining.remove(parent)
        if parent.subject == parent.issuer:
            break
        current = parent
    return ordered + remaining


# --------------------------------------------------------------------------- storage


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _new_key_id(prefix: str, now: datetime) -> str:
    # The random suffix keeps ids unique when two rotations land in the same second.
    return f"{prefix}-{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _empty_manifest(organisation: str) -> dict[str, Any]:
    return {"format": MANIFEST_FORMAT, "organisation": organisation, "keys": [], "current": {}}


def _read_manifest(key_dir: Path) -> dict[str, Any] | None:
    path = key_dir / MANIFEST_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IssuerKeyError(f"{path} is not valid JSON") from exc
    if manifest.get("format") != MANIFEST_FORMAT:
        raise IssuerKeyError(f"{path} has unknown format {manifest.get('format')!r}")
    return manifest


def _require_manifest(key_dir: Path) -> dict[str, Any]:
    manifest = _read_manifest(key_dir)
    if manifest is None:
        raise IssuerKeysMissing(f"no issuer keys in {key_dir}; run `manage.py issuer_keys init`")
    return manifest


def _manifest_stamp(key_dir: Path) -> tuple[int, int, int]:
    try:
        st = (key_dir / MANIFEST_NAME).stat()
    except FileNotFoundError as exc:
        raise IssuerKeysMissing(
            f"no issuer keys in {key_dir}; run `manage.py issuer_keys init`"
        ) from exc
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _current_id(manifest: dict[str, Any], kind: KeyKind) -> str | None:
    return manifest["current"].get(kind)


def _record(manifest: dict[str, Any], key_id: str) -> dict[str, Any]:
    for raw in manifest["keys"]:
        if raw["id"] == key_id:
            return raw
    raise IssuerKeyError(f"manifest names {key_id} as current but has no entry for it")


def _write_manifest(key_dir: Path, manifest: dict[str, Any]) -> None:
    # Written last, atomically: a crash mid-generation leaves orphan key files but never a
    # manifest pointing at something half-written.
    payload = json.dumps(manifest, indent=2, sort_keys=True).encode() + b"\n"
    _write_private(key_dir / MANIFEST_NAME, payload, replace=True)


def _write_manifest_if_changed(key_dir: Path, manifest: dict[str, Any], original: str) -> None:
    # Rewriting an unchanged manifest would change its stat stamp and make every worker
    # reload its keys after each deploy's `init`.
    if json.dumps(manifest, sort_keys=True) != original or not (key_dir / MANIFEST_NAME).exists():
        _write_manifest(key_dir, manifest)


def _write_private(path: Path, data: bytes, *, replace: bool = False) -> None:
    if path.exists() and not replace:
        raise IssuerKeyError(f"refusing to overwrite {path}")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp already creates 0600; chmod anyway so a permissive umask or ACL default
        # cannot widen it.
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(key_dir: Path, *, create: bool) -> Iterator[None]:
    """Serialise writers: two deploy hooks running ``init`` at once must not make two roots."""
    if create and not key_dir.exists():
        key_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(key_dir, 0o700)
    elif not key_dir.is_dir():
        raise IssuerKeysMissing(f"no issuer keys in {key_dir}; run `manage.py issuer_keys init`")
    fd = os.open(key_dir / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _private_pem(key: Any) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, _PEM_PRIVATE, _NO_ENCRYPTION)


def _cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)
