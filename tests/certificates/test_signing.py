"""PAdES certification signing and offline validation, including hostile input."""

from __future__ import annotations

import zlib
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm

from certificates.keys import (
    IssuerKeys,
    clear_issuer_keys_cache,
    get_issuer_keys,
    init_issuer_keys,
    rotate_signing_key,
)
from certificates.pdf import render_html_to_pdf
from certificates.signing import sha256_hex, sign_pdf, validate_pdf

HOLDER = "Jordan Q. Example"

HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ignored</title>
<style>
@font-face {{ font-family: T; src: url(fonts/DejaVuSerif.ttf); }}
@page {{ size: A4 landscape; margin: 10mm; }}
body {{ font-family: T; }}
.name {{ font-size: 30pt; }}
</style></head>
<body><p>This certifies that</p><p class="name">{HOLDER}</p><p>completed training.</p></body>
</html>"""


@pytest.fixture(scope="module")
def unsigned_pdf() -> bytes:
    return render_html_to_pdf(HTML, title="Certificate TEST-1")


@pytest.fixture(scope="module")
def issuer(tmp_path_factory) -> IssuerKeys:
    key_dir = tmp_path_factory.mktemp("issuer")
    init_issuer_keys(key_dir, organisation="Test Recovery Institute")
    clear_issuer_keys_cache()
    return get_issuer_keys(key_dir)


@pytest.fixture(scope="module")
def signed_pdf(unsigned_pdf: bytes, issuer: IssuerKeys) -> bytes:
    return sign_pdf(unsigned_pdf, issuer)


def _reader(pdf: bytes) -> PdfFileReader:
    return PdfFileReader(BytesIO(pdf))


def test_signed_pdf_validates(signed_pdf: bytes, issuer: IssuerKeys):
    result = validate_pdf(signed_pdf, issuer.root_cert)

    assert result.intact
    assert result.valid
    assert result.trusted
    assert result.covers_whole_file
    assert result.docmdp_ok
    assert result.ok
    assert "Document Signing" in (result.signer_subject or "")
    assert result.signed_at is not None


def test_signature_is_pades_certification_with_no_changes(signed_pdf: bytes, issuer: IssuerKeys):
    reader = _reader(signed_pdf)
    [embedded] = reader.embedded_regular_signatures
    # PAdES B-LTA: one document timestamp after the signature and its DSS.
    [archive] = reader.embedded_timestamp_signatures
    assert archive.field_name == "PeerCertSignatureArchive1"

    assert embedded.field_name == "PeerCertSignature"
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert embedded.docmdp_level is MDPPerm.NO_CHANGES
    assert reader.root["/Perms"]["/DocMDP"].get_object() is embedded.sig_object
    assert embedded.signer_cert.dump() == issuer.signer_cert.dump()
    embedded_certs = {c.dump() for c in embedded.other_embedded_certs}
    assert issuer.root_cert.dump() in embedded_certs
    assert embedded.sig_object["/Name"] == "Test Recovery Institute"


def test_signer_objects_are_loaded_once(issuer: IssuerKeys, unsigned_pdf: bytes):
    assert get_issuer_keys(issuer.key_dir) is issuer
    assert get_issuer_keys(issuer.key_dir).signer is issuer.signer


def test_embedded_files_are_covered_by_the_signature(unsigned_pdf: bytes, issuer: IssuerKeys):
    payload = b'{"type": ["VerifiableCredential", "OpenBadgeCredential"]}'
    signed = sign_pdf(
        unsigned_pdf,
        issuer,
        embedded_files=[("credential.json", payload, "application/json")],
    )

    assert validate_pdf(signed, issuer.root_cert).ok
    reader = _reader(signed)
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == "credential.json"
    filespec = names[1].get_object()
    stream = filespec["/EF"]["/F"].get_object()
    assert stream.data == payload
    assert stream["/Subtype"] == "/application/json"


def test_flipping_a_byte_in_signed_content_fails(signed_pdf: bytes, issuer: IssuerKeys):
    # Flip a byte inside the page's compressed content stream: the file still parses, so
    # this exercises the digest check rather than the parser.
    start = signed_pdf.index(b"stream\n") + len(b"stream\n")
    tampered = bytearray(signed_pdf)
    tampered[start + 40] ^= 0x01

    result = validate_pdf(bytes(tampered), issuer.root_cert)

    assert not result.intact
    assert not result.ok
    assert "does not match" in result.message


@pytest.mark.parametrize("fraction", [0.02, 0.3, 0.6, 0.97])
def test_flipping_bytes_anywhere_never_validates_nor_raises(
    signed_pdf: bytes, issuer: IssuerKeys, fraction: float
):
    tampered = bytearray(signed_pdf)
    contents_at = signed_pdf.index(b"/Contents <")
    # Every byte up to the end of the document timestamp is vouched for. After it comes the
    # DSS update carrying that timestamp's own CRL and certificates, which PAdES leaves
    # unsealed until the next document timestamp and whose changes cannot alter the page.
    archive = _reader(signed_pdf).embedded_timestamp_signatures[-1]
    sealed = archive.byte_range[2] + archive.byte_range[3]
    position = int(sealed * fraction)
    if contents_at <= position < contents_at + 20_000:
        position = contents_at - 10
    tampered[position] ^= 0x20
    assert not validate_pdf(bytes(tampered), issuer.root_cert).ok


def _draw_over_holder_with_freetext(signed: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    page_ref, _resources = writer.find_page_for_modification(0)
    annotation = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/FreeText"),
            generic.pdf_name("/Rect"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (20, 440, 820, 540)]
            ),
            generic.pdf_name("/Contents"): generic.TextStringObject("Mallory Impostor"),
            generic.pdf_name("/DA"): generic.pdf_string("/Helv 30 Tf 0 g"),
            generic.pdf_name("/C"): generic.ArrayObject([generic.FloatObject(1)] * 3),
            generic.pdf_name("/F"): generic.NumberObject(4),
        }
    )
    writer.register_annotation(page_ref, writer.add_object(annotation))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _paint_over_page(signed: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    # A white rectangle over the whole page, then different text where the name was.
    content = b"q 1 1 1 rg 0 0 842 595 re f Q BT /F1 30 Tf 80 480 Td (Mallory Impostor) Tj ET"
    stream = generic.StreamObject(stream_data=content)
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("tamper", [_draw_over_holder_with_freetext, _paint_over_page])
def test_incremental_update_over_holder_name_fails(signed_pdf, issuer, tamper):
    tampered = tamper(signed_pdf)
    assert tampered.startswith(signed_pdf)  # the signed revision itself is untouched

    result = validate_pdf(tampered, issuer.root_cert)

    assert result.intact and result.valid and result.trusted
    assert not result.covers_whole_file
    assert not result.docmdp_ok
    assert not result.ok
    assert "changed after signing" in result.message


def test_pdf_signed_by_another_ca_is_not_trusted(unsigned_pdf: bytes, issuer, tmp_path: Path):
    impostor = init_issuer_keys(tmp_path / "impostor", organisation="Test Recovery Institute")
    forged = sign_pdf(unsigned_pdf, impostor)

    result = validate_pdf(forged, issuer.root_cert)

    assert result.intact and result.valid
    assert not result.trusted
    assert not result.ok
    assert "not trusted" in result.message
    assert validate_pdf(forged, impostor.root_cert).ok


def test_pdf_signed_before_rotation_still_validates(unsigned_pdf: bytes, tmp_path: Path):
    key_dir = tmp_path / "issuer"
    before = init_issuer_keys(key_dir, organisation="Test Recovery Institute")
    old_pdf = sign_pdf(unsigned_pdf, before)

    after = rotate_signing_key(key_dir)
    new_pdf = sign_pdf(unsigned_pdf, after)

    assert after.signing_key_id != before.signing_key_id
    assert validate_pdf(old_pdf, after.root_cert).ok
    assert validate_pdf(old_pdf, after.trust_roots).ok
    assert validate_pdf(new_pdf, after.root_cert).ok
    old_signer = _reader(old_pdf).embedded_signatures[0].signer_cert
    new_signer = _reader(new_pdf).embedded_signatures[0].signer_cert
    assert old_signer.dump() != new_signer.dump()


def test_validate_accepts_cryptography_certificates(signed_pdf: bytes, issuer: IssuerKeys):
    from cryptography import x509

    root = x509.load_pem_x509_certificate(issuer.root_cert_pem)
    assert validate_pdf(signed_pdf, root).ok
    assert validate_pdf(signed_pdf, [root]).ok


def test_unsigned_pdf_reports_no_signature(unsigned_pdf: bytes, issuer: IssuerKeys):
    result = validate_pdf(unsigned_pdf, issuer.root_cert)
    assert not result.ok
    assert result.message == "no signature"


def _hostile_inputs(signed: bytes) -> list[bytes]:
    return [
        b"",
        b"garbage",
        b"\x00" * 4096,
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-1.7\nxref\n0 999999999\n0000000000 65535 f \ntrailer<</Size 3/Root 1 0 R>>\nstartxref\n9\n%%EOF",
        zlib.compress(signed),
        signed[: len(signed) // 2],
        signed[: len(signed) - 200],
        signed[:-6],
        signed[2000:],
        signed.replace(b"/ByteRange", b"/ByteRangX", 1),
        signed.replace(b"%%EOF", b"", 1),
    ]


def test_hostile_input_never_raises(signed_pdf: bytes, issuer: IssuerKeys):
    for index, data in enumerate(_hostile_inputs(signed_pdf)):
        result = validate_pdf(data, issuer.root_cert)
        assert not result.ok, index
        assert result.message, index


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"garbage", "not a readable PDF"), (b"", "not a readable PDF")],
)
def test_garbage_messages(data: bytes, message: str, issuer: IssuerKeys):
    assert validate_pdf(data, issuer.root_cert).message == message


def test_truncated_pdf_is_rejected(signed_pdf: bytes, issuer: IssuerKeys):
    result = validate_pdf(signed_pdf[: len(signed_pdf) // 2], issuer.root_cert)
    assert not result.ok
    assert result.message == "not a readable PDF"


def test_oversized_input_is_refused_unparsed(signed_pdf: bytes, issuer: IssuerKeys):
    result = validate_pdf(signed_pdf, issuer.root_cert, max_bytes=1000)
    assert not result.ok
    assert "too large" in result.message


def test_non_bytes_input(issuer: IssuerKeys):
    assert not validate_pdf("not bytes", issuer.root_cert).ok  # type: ignore[arg-type]


def test_sha256_hex():
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert len(sha256_hex(b"certificate")) == 64
