"""Issuer key management: permissions, idempotency, rotation, PKCS#12 import, caching."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from certificates import keys as keys_module
from certificates.keys import (
    IssuerKeyError,
    IssuerKeysMissing,
    clear_issuer_keys_cache,
    get_issuer_keys,
    import_pkcs12,
    init_issuer_keys,
    list_key_records,
    load_issuer_keys,
    rotate_signing_key,
)

ORG = "Test Recovery Institute"


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_issuer_keys_cache()
    yield
    clear_issuer_keys_cache()


def _snapshot(key_dir: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(key_dir.iterdir())
        if p.name != ".lock"
    }


def _pyca(cert) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())


def test_init_creates_private_directory_and_0600_files(tmp_path: Path):
    key_dir = tmp_path / "var" / "issuer"
    init_issuer_keys(key_dir, organisation=ORG)

    assert stat.S_IMODE(key_dir.stat().st_mode) == 0o700
    files = [p for p in key_dir.iterdir() if p.is_file()]
    assert any(p.name.endswith(".key.pem") for p in files)
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    kinds = sorted(r.kind for r in list_key_records(key_dir))
    assert {"credential-ed25519", "document-signing", "root-ca", "timestamping"} <= set(kinds)
    assert kinds.count("document-signing") == kinds.count("root-ca") == 1


def test_init_is_idempotent(tmp_path: Path):
    key_dir = tmp_path / "issuer"
    first = init_issuer_keys(key_dir, organisation=ORG)
    before = _snapshot(key_dir)

    second = init_issuer_keys(key_dir, organisation="Some Other Name")

    assert _snapshot(key_dir) == before
    assert second.signing_key_id == first.signing_key_id
    assert second.root_cert.dump() == first.root_cert.dump()
    assert second.organisation == ORG


def test_certificate_profiles(tmp_path: Path):
    keys = init_issuer_keys(tmp_path / "issuer", organisation=ORG)
    root = _pyca(keys.root_cert)
    signer = _pyca(keys.signer_cert)
    now = datetime.now(UTC)

    assert isinstance(root.public_key(), ec.EllipticCurvePublicKey)
    assert root.public_key().curve.name == "secp384r1"
    assert root.subject == root.issuer
    basic = root.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and basic.value.ca
    usage = root.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign
    assert root.not_valid_after_utc - now > timedelta(days=365 * 19)
    assert root.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == ORG

    assert signer.public_key().curve.name == "secp256r1"
    assert signer.issuer == root.subject
    signer.verify_directly_issued_by(root)
    assert not signer.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usage = signer.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    eku = signer.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36") in eku
    assert timedelta(days=365 * 4) < signer.not_valid_after_utc - now < timedelta(days=365 * 6)

    credential = keys.current_credential_key
    assert isinstance(credential.private_key, ed25519.Ed25519PrivateKey)
    assert len(credential.public_key_raw) == 32
    signature = credential.private_key.sign(b"badge")
    credential.public_key.verify(signature, b"badge")


def test_signer_is_usable_by_pyhanko(tmp_path: Path):
    keys = init_issuer_keys(tmp_path / "issuer", organisation=ORG)
    assert keys.signer.signing_cert.dump() == keys.signer_cert.dump()
    registry = list(keys.signer.cert_registry)
    assert [c.dump() for c in registry] == [keys.root_cert.dump()]


def test_rotate_adds_new_current_keys_and_keeps_old(tmp_path: Path):
    key_dir = tmp_path / "issuer"
    old = init_issuer_keys(key_dir, organisation=ORG)
    old_files = _snapshot(key_dir)

    new = rotate_signing_key(key_dir)

    assert new.signing_key_id != old.signing_key_id
    assert new.current_credential_key_id != old.current_credential_key_id
    assert new.root_cert.dump() == old.root_cert.dump()
    for name, (content, _mtime, _ino) in old_files.items():
        if name != "manifest.json":
            assert (key_dir / name).read_bytes() == content, name
    assert {s.key_id for s in new.signing_certificates} == {old.signing_key_id, new.signing_key_id}
    retired = new.credential_key(old.current_credential_key_id)
    assert retired.private_key is None
    assert retired.public_key_raw == old.current_credential_key.public_key_raw
    manifest = json.loads((key_dir / "manifest.json").read_text())
    assert manifest["current"]["document-signing"] == new.signing_key_id
    for path in key_dir.iterdir():
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_rotate_credential_only(tmp_path: Path):
    key_dir = tmp_path / "issuer"
    old = init_issuer_keys(key_dir, organisation=ORG)
    new = rotate_signing_key(key_dir, document_signing=False)
    assert new.signing_key_id == old.signing_key_id
    assert new.current_credential_key_id != old.current_credential_key_id


def test_get_issuer_keys_caches_per_directory(tmp_path: Path):
    a = tmp_path / "a"
    b = tmp_path / "b"
    init_issuer_keys(a, organisation=ORG)
    init_issuer_keys(b, organisation=ORG)

    first = get_issuer_keys(a)
    assert get_issuer_keys(a) is first
    assert get_issuer_keys(tmp_path / "x" / ".." / "a") is first
    assert get_issuer_keys(b) is not first

    clear_issuer_keys_cache(a)
    assert get_issuer_keys(a) is not first


def test_get_issuer_keys_notices_rotation_by_another_process(tmp_path: Path, monkeypatch):
    key_dir = tmp_path / "issuer"
    init_issuer_keys(key_dir, organisation=ORG)
    cached = get_issuer_keys(key_dir)
    # A management command rotating in another process cannot clear this process's cache;
    # the manifest stamp must be enough.
    monkeypatch.setattr(keys_module, "clear_issuer_keys_cache", lambda *a, **k: None)

    rotated = rotate_signing_key(key_dir)

    fresh = get_issuer_keys(key_dir)
    assert fresh is not cached
    assert fresh.signing_key_id == rotated.signing_key_id


def test_get_issuer_keys_never_creates_keys(tmp_path: Path):
    key_dir = tmp_path / "missing"
    with pytest.raises(IssuerKeysMissing):
        get_issuer_keys(key_dir)
    assert not key_dir.exists()
    with pytest.raises(IssuerKeysMissing):
        rotate_signing_key(key_dir)


def test_corrupt_manifest_is_reported(tmp_path: Path):
    key_dir = tmp_path / "issuer"
    init_issuer_keys(key_dir, organisation=ORG)
    (key_dir / "manifest.json").write_text("{not json")
    with pytest.raises(IssuerKeyError):
        load_issuer_keys(key_dir)


# --------------------------------------------------------------------------- PKCS#12


def _organisation_p12(
    tmp_path: Path, password: bytes
) -> tuple[Path, x509.Certificate, x509.Certificate]:
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Org Own Root")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Org Own Signer")]))
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"org",
        leaf_key,
        leaf_cert,
        [ca_cert],
        serialization.BestAvailableEncryption(password),
    )
    path = tmp_path / "org.p12"
    path.write_bytes(data)
    return path, leaf_cert, ca_cert


def test_import_pkcs12_installs_organisation_signer(tmp_path: Path):
    key_dir = tmp_path / "issuer"
    generated = init_issuer_keys(key_dir, organisation=ORG)
    p12, leaf, ca = _organisation_p12(tmp_path, b"s3cret")

    keys = import_pkcs12(key_dir, p12, "s3cret")

    assert _pyca(keys.signer_cert) == leaf
    assert _pyca(keys.root_cert) == ca
    # The generated root stays trusted so certificates issued before the import validate.
    assert {_pyca(r) for r in keys.trust_roots} == {ca, _pyca(generated.root_cert)}
    current = [r for r in list_key_records(key_dir) if r.current and r.kind == "document-signing"]
    assert current[0].source == "pkcs12"
    for path in key_dir.iterdir():
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600

    before = _snapshot(key_dir)
    again = import_pkcs12(key_dir, p12, b"s3cret")
    assert again.signing_key_id == keys.signing_key_id
    assert {k: v[0] for k, v in _snapshot(key_dir).items()} == {k: v[0] for k, v in before.items()}

    with pytest.raises(IssuerKeyError, match="PKCS#12"):
        rotate_signing_key(key_dir)
    assert rotate_signing_key(key_dir, document_signing=False).signing_key_id == keys.signing_key_id


def test_import_pkcs12_into_empty_directory_generates_no_root(tmp_path: Path):
    key_dir = tmp_path / "issuer"
    p12, leaf, ca = _organisation_p12(tmp_path, b"pw")
    keys = import_pkcs12(key_dir, p12, b"pw", organisation=ORG)
    kinds = sorted(r.kind for r in list_key_records(key_dir))
    assert {"credential-ed25519", "document-signing"} <= set(kinds)
    # Without our root's key there is nothing to certify a time-stamping key with.
    assert "root-ca" not in kinds and "timestamping" not in kinds
    assert keys.timestamping is None
    assert _pyca(keys.root_cert) == ca
    # init afterwards must not add a generated signer on top of the imported one.
    assert init_issuer_keys(key_dir, organisation=ORG).signing_key_id == keys.signing_key_id


def test_import_pkcs12_rejects_wrong_password(tmp_path: Path):
    p12, _leaf, _ca = _organisation_p12(tmp_path, b"right")
    with pytest.raises(IssuerKeyError, match="wrong password"):
        import_pkcs12(tmp_path / "issuer", p12, b"wrong")
    assert not (tmp_path / "issuer" / "manifest.json").exists()


# --------------------------------------------------------------------------- management command


def _call(*args: str) -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("issuer_keys", *args, stdout=out)
    return out.getvalue()


def test_command_init_rotate_list(settings, tmp_path: Path):
    key_dir = tmp_path / "issuer"
    settings.ISSUER_KEY_DIR = key_dir
    settings.PEERCERT_ISSUER_NAME = ORG

    first = _call("init")
    assert "Created in" in first
    assert "root-ca" in first and "document-signing" in first and "credential-ed25519" in first
    assert load_issuer_keys(key_dir).organisation == ORG

    assert "already exist" in _call("init")

    before = load_issuer_keys(key_dir)
    rotated = _call("rotate")
    after = load_issuer_keys(key_dir)
    assert after.signing_key_id in rotated
    assert after.signing_key_id != before.signing_key_id

    listing = _call("list")
    assert listing.count("document-signing") == 2
    current = [line.split()[0] for line in listing.splitlines() if "CURRENT" in line]
    assert {"root-ca", "document-signing", "credential-ed25519", "timestamping"} <= set(current)
    assert current.count("document-signing") == 1


def test_command_imports_pkcs12_with_password_from_environment(
    settings, tmp_path: Path, monkeypatch
):
    from django.core.management.base import CommandError

    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    p12, leaf, _ca = _organisation_p12(tmp_path, b"from-env")
    monkeypatch.setenv("P12_PASSWORD", "from-env")

    output = _call("init", "--import-pkcs12", str(p12), "--password-env", "P12_PASSWORD")

    assert "from pkcs12" in output
    assert _pyca(load_issuer_keys(tmp_path / "issuer").signer_cert) == leaf
    with pytest.raises(CommandError, match="not set"):
        _call("init", "--import-pkcs12", str(p12), "--password-env", "NO_SUCH_VARIABLE")
    with pytest.raises(CommandError, match="PKCS#12"):
        _call("rotate")
    assert "New credential key" in _call("rotate", "--credential-only")


def test_command_key_dir_option_overrides_settings(settings, tmp_path: Path):
    settings.ISSUER_KEY_DIR = tmp_path / "unused"
    _call("--key-dir", str(tmp_path / "explicit"), "init")
    assert (tmp_path / "explicit" / "manifest.json").exists()
    assert not (tmp_path / "unused").exists()
