"""PAdES B-LTA certificate PDFs: trusted by desktop readers (Poppler/NSS), timestamped by a TSA,
revocation data in the DSS, still valid after the signing certificate expires, extended before
the TSA certificate does, and a revoked signer caught."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import crl as asn1_crl
from asn1crypto import tsp
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import ades
from pyhanko.sign.validation.policy_decl import (
    LocalKnowledge,
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)
from pyhanko_certvalidator.registry import SimpleTrustManager
from pyhanko_certvalidator.revinfo.archival import CRLContainer

from certificates import keys as keys_module
from certificates.archival import archive_expiry, extend_archive
from certificates.keys import (
    IssuerKeys,
    clear_issuer_keys_cache,
    init_issuer_keys,
    revocation_lists,
    revoke_key,
    rotate_signing_key,
    rotate_timestamping_key,
)
from certificates.pdf import render_html_to_pdf
from certificates.signing import IssuerTimeStamper, sign_pdf, validate_pdf

ORG = "PeerCert Test Institute"
SITE = "https://certs.example.org"


@pytest.fixture(scope="module")
def unsigned_pdf() -> bytes:
    return render_html_to_pdf(
        '<html lang="en"><body><p>This certifies that Jordan Rivera completed.</p></body></html>',
        title="Certificate LTV-1",
    )


@pytest.fixture
def issuer(tmp_path: Path) -> IssuerKeys:
    keys = init_issuer_keys(tmp_path / "issuer", organisation=ORG, public_url=SITE)
    yield keys
    clear_issuer_keys_cache()


def _pyca(cert) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())


def _crls(keys: IssuerKeys) -> list[bytes]:
    return list(revocation_lists(keys.key_dir).values())


def _ades_spec(keys: IssuerKeys, *, crls: list[bytes]) -> PdfSignatureValidationSpec:
    """What `pyhanko sign adesverify` does with revocation checking required, as an API call:
    trust only our root, require a CRL or OCSP answer for every certificate, fetch nothing
    (the CRLs given are what a validator would download from /issuer/crl/ today)."""
    required = RevocationCheckingPolicy(
        ee_certificate_rule=RevocationCheckingRule.CRL_OR_OCSP_REQUIRED,
        intermediate_ca_cert_rule=RevocationCheckingRule.CRL_OR_OCSP_REQUIRED,
    )
    return PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(trust_roots=list(keys.trust_roots)),
                revinfo_policy=CertRevTrustPolicy(required),
            ),
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
            local_knowledge=LocalKnowledge(
                known_crls=[CRLContainer(asn1_crl.CertificateList.load(c)) for c in crls]
            ),
        )
    )


def _ades(pdf: bytes, keys: IssuerKeys, *, crls: list[bytes] | None = None):
    signature = PdfFileReader(BytesIO(pdf)).embedded_regular_signatures[0]
    spec = _ades_spec(keys, crls=_crls(keys) if crls is None else crls)
    return asyncio.run(ades.ades_lta_validation(signature, spec))


# --------------------------------------------------------------------------- certificates


def test_signer_certificate_allows_email_protection_and_document_signing(issuer: IssuerKeys):
    cert = _pyca(issuer.signer_cert)
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert ObjectIdentifier("1.3.6.1.5.5.7.3.36") in eku  # id-kp-documentSigning
    points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    root_id = next(
        r.key_id for r in keys_module.list_key_records(issuer.key_dir) if r.kind == "root-ca"
    )
    assert points[0].full_name[0].value == f"{SITE}/issuer/crl/{root_id}.crl"


def test_timestamping_certificate_is_a_tsa_certificate_under_our_root(issuer: IssuerKeys):
    assert issuer.timestamping is not None
    cert = _pyca(issuer.timestamping.certificate)
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical and list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    assert cert.issuer == _pyca(issuer.root_cert).subject


def test_init_succeeds_a_signer_without_email_protection(tmp_path: Path, monkeypatch):
    key_dir = tmp_path / "issuer"
    monkeypatch.setattr(
        keys_module, "_EKU_EMAIL_PROTECTION", ObjectIdentifier("1.3.6.1.5.5.7.3.36")
    )
    old = init_issuer_keys(key_dir, organisation=ORG)
    monkeypatch.undo()

    new = init_issuer_keys(key_dir, organisation=ORG)

    assert new.signing_key_id != old.signing_key_id
    assert {s.key_id for s in new.signing_certificates} == {old.signing_key_id, new.signing_key_id}
    assert init_issuer_keys(key_dir, organisation=ORG).signing_key_id == new.signing_key_id


@pytest.mark.django_db
def test_crl_is_published_under_issuer(client, settings, issuer: IssuerKeys):
    settings.ISSUER_KEY_DIR = issuer.key_dir
    root_id, der = next(iter(revocation_lists(issuer.key_dir).items()))

    response = client.get(f"/issuer/crl/{root_id}.crl")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pkix-crl"
    crl = x509.load_der_x509_crl(response.content)
    assert crl.is_signature_valid(_pyca(issuer.root_cert).public_key())
    assert crl.next_update_utc > datetime.now(UTC) + timedelta(days=6)
    assert client.get("/issuer/crl/root-unknown.crl").status_code == 404


# --------------------------------------------------------------------------- B-T, B-LT, B-LTA


def test_signature_is_timestamped_with_revocation_data_and_archive_timestamp(
    unsigned_pdf: bytes, issuer: IssuerKeys
):
    signed = sign_pdf(unsigned_pdf, issuer)
    reader = PdfFileReader(BytesIO(signed))
    [signature] = reader.embedded_regular_signatures
    [archive] = reader.embedded_timestamp_signatures

    unsigned = {a["type"].native for a in signature.signer_info["unsigned_attrs"]}
    assert "signature_time_stamp_token" in unsigned  # B-T: an RFC 3161 signature timestamp
    dss = reader.root["/DSS"]
    assert len(dss["/CRLs"]) >= 1 and len(dss["/Certs"]) >= 2  # B-LT
    assert archive.sig_object["/SubFilter"] == "/ETSI.RFC3161"  # B-LTA

    result = validate_pdf(signed, issuer.trust_roots, crls=_crls(issuer))
    assert result.ok and result.extended
    assert result.timestamped_at is not None
    assert abs(result.timestamped_at - datetime.now(UTC)) < timedelta(minutes=2)


def test_ades_validation_with_revocation_checking_says_valid(unsigned_pdf, issuer):
    signed = sign_pdf(unsigned_pdf, issuer)

    result = _ades(signed, issuer)

    assert result.ades_subindic.status.name == "PASSED", result.ades_subindic
    assert result.api_status.bottom_line  # pyHanko's "The signature is judged VALID"


def test_ades_still_valid_after_the_signing_certificate_expires(unsigned_pdf, issuer):
    signed = sign_pdf(unsigned_pdf, issuer)
    signer_expires = issuer.signer_cert.not_valid_after
    signature = PdfFileReader(BytesIO(signed)).embedded_regular_signatures[0]

    result = asyncio.run(
        ades.simulate_future_ades_lta_validation(
            signature,
            _ades_spec(issuer, crls=[]),
            future_validation_time=signer_expires + timedelta(days=365),
        )
    )

    assert result.ades_subindic.status.name == "PASSED", result.ades_subindic


def test_our_verifier_trusts_an_expired_signer_through_its_timestamps(
    unsigned_pdf, tmp_path: Path, monkeypatch
):
    # A signer that expires four seconds after it is made, as any signer will one day.
    monkeypatch.setattr(keys_module, "SIGNER_VALIDITY", timedelta(seconds=4))
    keys = init_issuer_keys(tmp_path / "issuer", organisation=ORG)
    signed = sign_pdf(unsigned_pdf, keys)
    time.sleep(max(0.0, (keys.signer_cert.not_valid_after - datetime.now(UTC)).total_seconds()) + 1)

    result = validate_pdf(signed, keys.trust_roots, crls=_crls(keys))

    assert result.ok, result.message
    assert result.long_term
    assert result.as_of == result.timestamped_at


def test_revoked_signer_is_caught(unsigned_pdf, issuer: IssuerKeys):
    # The compromise dates from before this signature: no time-stamp can then vouch for it (a
    # revocation dated after the time-stamp leaves an AdES validator free to pass the signature,
    # and how far after depended on the machine's speed).
    compromised_at = datetime.now(UTC) - timedelta(seconds=5)
    signed = sign_pdf(unsigned_pdf, issuer)
    rotated = rotate_signing_key(issuer.key_dir, credential=False)
    assert validate_pdf(signed, rotated.trust_roots, crls=_crls(rotated)).ok

    revoked = revoke_key(
        issuer.key_dir, issuer.signing_key_id, reason="key_compromise", at=compromised_at
    )
    crls = _crls(revoked)

    crl = x509.load_der_x509_crl(crls[0])
    assert crl.get_revoked_certificate_by_serial_number(_pyca(issuer.signer_cert).serial_number)
    result = validate_pdf(signed, revoked.trust_roots, crls=crls)
    assert not result.ok and result.revoked
    assert result.message == "the signing certificate has been revoked"
    assert _ades(signed, revoked, crls=crls).ades_subindic.status.name != "PASSED"
    # The current signer cannot be revoked: issuance would sign with a disowned certificate.
    with pytest.raises(keys_module.IssuerKeyError, match="current"):
        revoke_key(issuer.key_dir, rotated.signing_key_id)


def test_old_certificates_validate_after_key_rotation(unsigned_pdf, issuer: IssuerKeys):
    signed = sign_pdf(unsigned_pdf, issuer)
    rotated = rotate_signing_key(issuer.key_dir)
    rotated = rotate_timestamping_key(issuer.key_dir)

    assert validate_pdf(signed, rotated.trust_roots, crls=_crls(rotated)).ok
    assert _ades(signed, rotated).ades_subindic.status.name == "PASSED"


# --------------------------------------------------------------------------- archival


def test_archive_extension_adds_a_document_timestamp_and_keeps_validating(unsigned_pdf, issuer):
    signed = sign_pdf(unsigned_pdf, issuer)
    later = rotate_timestamping_key(issuer.key_dir)

    extended = extend_archive(signed, later)

    assert extended.startswith(signed)
    stamps = PdfFileReader(BytesIO(extended)).embedded_timestamp_signatures
    assert [s.field_name for s in stamps] == [
        "PeerCertSignatureArchive1",
        "PeerCertSignatureArchive2",
    ]
    assert archive_expiry(extended) == later.timestamping.not_after
    assert validate_pdf(extended, later.trust_roots, crls=_crls(later)).ok
    assert _ades(extended, later).ades_subindic.status.name == "PASSED"


def test_archive_extension_upgrades_a_pdf_signed_before_long_term_signatures(unsigned_pdf, issuer):
    plain = sign_pdf(unsigned_pdf, issuer, timestamper=None)
    # Without a TSA (an imported PKCS#12 and no PEERCERT_TSA_URL) signing is PAdES B-B.
    bare = sign_pdf(unsigned_pdf, _without_tsa(issuer))
    assert not PdfFileReader(BytesIO(bare)).embedded_timestamp_signatures
    assert PdfFileReader(BytesIO(plain)).embedded_timestamp_signatures

    extended = extend_archive(bare, issuer)

    assert archive_expiry(extended) == issuer.timestamping.not_after
    assert PdfFileReader(BytesIO(extended)).root["/DSS"]["/CRLs"]
    assert validate_pdf(extended, issuer.trust_roots, crls=_crls(issuer)).ok


def _without_tsa(keys: IssuerKeys) -> IssuerKeys:
    from dataclasses import replace

    return replace(keys, timestamping=None)


# --------------------------------------------------------------------------- external TSA


class _TsaHandler(BaseHTTPRequestHandler):
    stamper: IssuerTimeStamper

    def do_POST(self):  # noqa: N802  (http.server's naming)
        request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
        body = self.stamper.request_tsa_response(request).dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_configured_tsa_url_is_used(unsigned_pdf, settings, tmp_path: Path):
    """An RFC 3161 TSA over HTTP on 127.0.0.1, with its own key and certificate chained to
    the issuer root (another issuer directory stands in for the TSA operator)."""
    keys = init_issuer_keys(tmp_path / "issuer", organisation=ORG)
    operator = rotate_timestamping_key(keys.key_dir)
    assert operator.timestamping.key_id != keys.timestamping.key_id
    handler = type("Handler", (_TsaHandler,), {"stamper": IssuerTimeStamper(operator.timestamping)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.PEERCERT_TSA_URL = f"http://127.0.0.1:{server.server_port}/tsa"
        signed = sign_pdf(unsigned_pdf, keys)
    finally:
        server.shutdown()
        thread.join(timeout=5)

    reader = PdfFileReader(BytesIO(signed))
    archive = reader.embedded_timestamp_signatures[0]
    assert archive.signer_cert.dump() == operator.timestamping.certificate.dump()
    assert validate_pdf(signed, keys.trust_roots, crls=_crls(keys)).ok


# --------------------------------------------------------------------------- desktop readers


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing: scripts/system-deps.sh test installs it")
        pytest.skip(f"{name} not installed (scripts/system-deps.sh test)")
    return path


def test_pdfsig_trusts_the_certificate_with_our_root_in_an_nss_store(
    unsigned_pdf, issuer: IssuerKeys, tmp_path: Path
):
    pdfsig, certutil = _require_tool("pdfsig"), _require_tool("certutil")
    nss = tmp_path / "nss"
    nss.mkdir()
    root = tmp_path / "root.pem"
    root.write_bytes(issuer.root_cert_pem)
    subprocess.run([certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{nss}", "-n", "PeerCert root", "-t", "C,C,C", "-i", root],
        check=True,
    )
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(sign_pdf(unsigned_pdf, issuer))

    out = subprocess.run(
        [pdfsig, "-nssdir", f"sql:{nss}", pdf], capture_output=True, text=True, timeout=60
    ).stdout

    first = out.split("Signature #2")[0]
    assert "Signature is Valid." in first, out
    assert "Certificate is Trusted." in first, out

    # The same file with a flipped byte in the signed page is not valid for Poppler either.
    data = bytearray(pdf.read_bytes())
    start = data.index(b"stream\n") + len(b"stream\n")
    data[start + 40] ^= 0x01
    pdf.write_bytes(bytes(data))
    tampered = subprocess.run(
        [pdfsig, "-nssdir", f"sql:{nss}", pdf], capture_output=True, text=True, timeout=60
    ).stdout
    assert "Signature is Valid." not in tampered.split("Signature #2")[0]
