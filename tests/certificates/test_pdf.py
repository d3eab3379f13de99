"""Certificate rendering: fetcher confinement, metadata hygiene, QR code, fonts, layout."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from certificates import pdf as pdf_module
from certificates.keys import init_issuer_keys
from certificates.pdf import (
    STATIC_DIR,
    CertificateLayoutError,
    RefusedURL,
    StaticOnlyURLFetcher,
    format_hours,
    render_certificate_pdf,
    render_html_to_pdf,
)
from certificates.qr import qr_png_data_uri, qr_svg_data_uri
from certificates.signing import sign_pdf, validate_pdf
from tests.conftest import require

HOLDER = "Marisol Quintero-Abernathy"
VERIFY_URL = "https://peercert.example/verify/K7QF3M9DXT2P8HWA"


def certificate_context(**overrides: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "holder_name": HOLDER,
        "program_title": "Certified Peer Recovery Specialist — Foundations",
        "program_version_label": "Curriculum 2025.2",
        "issuer_name": "Test Recovery Institute",
        "issued_on": date(2025, 3, 14),
        "expires_on": date(2027, 3, 14),
        "serial": "PC-2025-000123",
        "verification_code": "K7QF-3M9D-XT2P-8HWA",
        "verification_url": VERIFY_URL,
        "hours_total": Decimal("46.50"),
        "hours_by_domain": [
            ("Advocacy", Decimal("10")),
            ("Mentoring and Education", Decimal("12.50")),
            ("Recovery and Wellness Support", Decimal("14.00")),
            ("Ethical Responsibility", Decimal("10")),
        ],
    }
    context.update(overrides)
    return context


@pytest.fixture
def certificate_pdf(settings) -> bytes:
    settings.LANGUAGE_CODE = "en-us"
    return render_certificate_pdf(certificate_context())


def _reader(data: bytes) -> PdfFileReader:
    return PdfFileReader(BytesIO(data))


def _pdftotext(data: bytes, tmp_path: Path, *, mode: str = "-layout") -> str:
    require(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext)")
    source = tmp_path / "doc.pdf"
    source.write_bytes(data)
    completed = subprocess.run(
        ["pdftotext", mode, str(source), "-"], capture_output=True, check=True, timeout=60
    )
    return completed.stdout.decode()


def _strings_outside_content(reader: PdfFileReader) -> list[str]:
    """Every string in the object graph reachable from the trailer, except stream data.

    That covers the info dictionary, XMP packets (as stream dictionaries only, so checked
    separately), outlines, the structure tree's alt/actual text, annotations and names.
    """
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.root, reader.trailer["/Info"]]
    while stack:
        obj = stack.pop()
        if isinstance(obj, generic.IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, generic.TextStringObject):
            found.append(str(obj))
        elif isinstance(obj, generic.ByteStringObject):
            found.append(obj.original_bytes.decode("latin-1"))
        elif isinstance(obj, generic.DictionaryObject):  # includes stream dictionaries
            stack.extend(obj.values())
            stack.extend(generic.NameObject(k) for k in obj)
        elif isinstance(obj, generic.ArrayObject):
            stack.extend(obj)
        elif isinstance(obj, generic.NameObject):
            found.append(str(obj))
    return found


# --------------------------------------------------------------------------- URL fetcher


@pytest.fixture
def hostile_html(tmp_path: Path) -> tuple[str, Path]:
    canary = tmp_path / "outside.css"
    canary.write_text('body::after { content: "CANARY-7f3a91"; }')
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{canary.as_uri()}">
<link rel="stylesheet" href="https://attacker.example/steal.css">
<link rel="attachment" href="file:///etc/passwd">
<style>
@import url("file:///etc/passwd");
@font-face {{ font-family: Shipped; src: url(fonts/DejaVuSans.ttf); }}
@font-face {{ font-family: Local; src: url(file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf); }}
body {{ font-family: Shipped; background: url(http://169.254.169.254/latest/meta-data/iam/); }}
</style></head><body>
<p>Hello</p>
<img src="file:///etc/passwd" alt="">
<img src="http://169.254.169.254/latest/meta-data/" alt="">
<img src="../../../../../../../../etc/passwd" alt="">
<img src="{qr_png_data_uri(VERIFY_URL)}" alt="qr">
</body></html>"""
    return html, canary


def test_fetcher_refuses_everything_outside_static(hostile_html, tmp_path: Path):
    html, canary = hostile_html
    fetcher = StaticOnlyURLFetcher()

    pdf = render_html_to_pdf(html, title="Certificate X", url_fetcher=fetcher)

    refused = set(fetcher.refused)
    assert "file:///etc/passwd" in refused
    assert "http://169.254.169.254/latest/meta-data/" in refused
    assert "http://169.254.169.254/latest/meta-data/iam/" in refused
    assert "https://attacker.example/steal.css" in refused
    assert canary.as_uri() in refused
    assert "file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" in refused
    assert not any("etc/passwd" in url or "169.254" in url for url in fetcher.served)
    # The allowed resources really were fetched, so refusals are not just a dead fetcher.
    assert (STATIC_DIR / "fonts" / "DejaVuSans.ttf").as_uri() in fetcher.served
    assert any(url.startswith("data:image/png") for url in fetcher.served)

    assert pdf.startswith(b"%PDF-")
    assert b"root:" not in pdf
    assert b"/EmbeddedFiles" not in pdf
    text = _pdftotext(pdf, tmp_path)
    assert "Hello" in text
    assert "CANARY-7f3a91" not in text
    assert "root:" not in text


def test_fetcher_serves_static_font_with_content_type():
    fetcher = StaticOnlyURLFetcher()
    url = (STATIC_DIR / "fonts" / "DejaVuSerif.ttf").as_uri()
    response = fetcher.fetch(url)
    assert response.content_type == "font/ttf"
    assert response.read()[:4] in (b"\x00\x01\x00\x00", b"true")


def test_fetcher_decodes_data_uris():
    fetcher = StaticOnlyURLFetcher()
    assert fetcher.fetch("data:text/plain,hello%20world").read() == b"hello world"
    response = fetcher.fetch(qr_svg_data_uri(VERIFY_URL))
    assert response.content_type == "image/svg+xml"
    assert response.read().startswith(b"<svg")
    assert fetcher.fetch("data:;base64,aGk=").read() == b"hi"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "file://fileserver/share/secret.css",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/font.ttf",
        "ftp://example.org/x.css",
        "gopher://127.0.0.1:6379/_FLUSHALL",
        "data-nocomma",
        (STATIC_DIR / "fonts" / "LICENSE.txt").as_uri(),
        (STATIC_DIR / "fonts" / "missing.ttf").as_uri(),
        STATIC_DIR.as_uri() + "/fonts/%2e%2e/%2e%2e/%2e%2e/keys.py",
        STATIC_DIR.as_uri() + "/../../../../../../etc/passwd",
    ],
)
def test_fetcher_refuses(url: str):
    fetcher = StaticOnlyURLFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert fetcher.served == []


def test_fetcher_refuses_symlink_escaping_its_root(tmp_path: Path):
    root = tmp_path / "static"
    root.mkdir()
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    (root / "innocent.css").symlink_to(secret)
    (root / "ok.css").write_text("p { color: blue }")
    fetcher = StaticOnlyURLFetcher(roots=(root,))

    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"p { color: blue }"
    with pytest.raises(RefusedURL):
        fetcher.fetch((root / "innocent.css").as_uri())


# --------------------------------------------------------------------------- the certificate


def test_certificate_is_one_landscape_page(certificate_pdf: bytes, settings):
    reader = _reader(certificate_pdf)
    assert reader.root["/Pages"]["/Count"] == 1
    x0, y0, x1, y1 = (float(v) for v in reader.root["/Pages"]["/Kids"][0]["/MediaBox"])
    assert (round(x1 - x0), round(y1 - y0)) == (842, 595)

    letter = _reader(render_certificate_pdf(certificate_context(), page_size="letter"))
    x0, y0, x1, y1 = (float(v) for v in letter.root["/Pages"]["/Kids"][0]["/MediaBox"])
    assert (round(x1 - x0), round(y1 - y0)) == (792, 612)
    assert letter.root["/Pages"]["/Count"] == 1


def test_metadata_has_title_and_producer_but_no_personal_data(certificate_pdf: bytes, tmp_path):
    reader = _reader(certificate_pdf)
    info = reader.trailer["/Info"]
    assert info["/Title"] == "Certificate PC-2025-000123"
    assert info["/Creator"] == "PeerCert"
    assert info["/Producer"] == "PeerCert"
    assert "/Author" not in info and "/Subject" not in info and "/Keywords" not in info
    assert "/Outlines" not in reader.root
    assert "/Metadata" not in reader.root

    strings = _strings_outside_content(reader)
    assert "Certificate PC-2025-000123" in strings  # the walk does reach the info dict
    for fragment in ("Marisol", "Quintero", "Abernathy"):
        assert not any(fragment in s for s in strings), fragment
    for fragment in (b"Marisol", b"Quintero", "Marisol".encode("utf-16-be")):
        assert fragment not in certificate_pdf

    # The name is on the page, of course: the metadata test above is not vacuous.
    assert HOLDER in _pdftotext(certificate_pdf, tmp_path)


def test_page_shows_everything_a_verifier_needs(certificate_pdf: bytes, tmp_path: Path):
    text = _pdftotext(certificate_pdf, tmp_path)
    flat = " ".join(text.split())
    for expected in (
        "Certificate of Completion",
        "Certified Peer Recovery Specialist — Foundations",
        "Curriculum 2025.2",
        "Digitally signed by Test Recovery Institute",
        "K7QF-3M9D-XT2P-8HWA",
        "PC-2025-000123",
        "14 March 2025",
        "14 March 2027",
        "Mentoring and Education 12.5",
        "Total 46.5",
    ):
        assert expected in flat, expected
    # The URL may wrap inside its column; in content order its pieces are consecutive.
    raw = _pdftotext(certificate_pdf, tmp_path, mode="-raw")
    assert VERIFY_URL in raw.replace("\n", "")
    links = [
        annot.get_object()["/A"]["/URI"]
        for annot in _reader(certificate_pdf).root["/Pages"]["/Kids"][0]["/Annots"]
    ]
    assert links and set(links) == {VERIFY_URL}  # one link per line of a wrapped URL


def test_qr_code_decodes_to_verification_url(certificate_pdf: bytes, tmp_path: Path):
    require(shutil.which("pdftoppm") is not None, "poppler-utils (pdftoppm)")
    try:
        import zxingcpp
    except ImportError:
        zxingcpp = None
    require(zxingcpp is not None, "zxing-cpp")
    from PIL import Image

    source = tmp_path / "cert.pdf"
    source.write_bytes(certificate_pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(source), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    results = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))

    assert [r.text for r in results] == [VERIFY_URL]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    assert results[0].ec_level in {"M", "Q", "H"}


def test_fonts_are_embedded(certificate_pdf: bytes):
    reader = _reader(certificate_pdf)
    page = reader.root["/Pages"]["/Kids"][0].get_object()
    fonts = page["/Resources"]["/Font"]
    base_fonts = set()
    for ref in fonts.values():
        font = ref.get_object()
        base_fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"]
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert len(descriptor["/FontFile2"].get_object().data) > 1000
    assert {"PeerCert-Serif-Bold", "PeerCert-Sans", "PeerCert-Serif-Italic"} <= base_fonts


def test_pdffonts_reports_every_font_embedded(certificate_pdf: bytes, tmp_path: Path):
    require(shutil.which("pdffonts") is not None, "poppler-utils (pdffonts)")
    source = tmp_path / "cert.pdf"
    source.write_bytes(certificate_pdf)
    lines = (
        subprocess.run(["pdffonts", str(source)], capture_output=True, check=True, timeout=60)
        .stdout.decode()
        .splitlines()[2:]
    )
    assert lines
    for line in lines:
        emb = line.split()[-5]
        assert emb == "yes", line


def test_hostile_holder_name_is_text_not_markup(settings, tmp_path: Path, monkeypatch):
    requested: list[str] = []

    class Recording(StaticOnlyURLFetcher):
        def fetch(self, url, headers=None):
            requested.append(url)
            return super().fetch(url, headers)

    monkeypatch.setattr(pdf_module, "StaticOnlyURLFetcher", Recording)
    name = '<img src="file:///etc/passwd"> Ann'

    pdf = render_certificate_pdf(certificate_context(holder_name=name))

    assert not any("passwd" in url for url in requested)
    assert requested  # fonts and the QR code went through the recording fetcher
    assert '<img src="file:///etc/passwd"> Ann' in _pdftotext(pdf, tmp_path)


def test_long_content_falls_back_to_compact_layout_on_one_page(settings):
    context = certificate_context(
        holder_name="Alexandrina Konstantinopoulou-Van der Westhuizen y García de la Vega",
        program_title=(
            "Certified Peer Recovery Specialist — Advanced Practice in Co-occurring "
            "Disorders, Family Support and Youth Peer Mentoring"
        ),
        hours_by_domain=[
            (f"Domain {i}: recovery support practice", Decimal("8.25")) for i in range(10)
        ],
    )
    reader = _reader(render_certificate_pdf(context))
    assert reader.root["/Pages"]["/Count"] == 1


def test_content_that_cannot_fit_raises(settings):
    context = certificate_context(
        hours_by_domain=[(f"Domain {i}", Decimal(1)) for i in range(40)],
    )
    with pytest.raises(CertificateLayoutError):
        render_certificate_pdf(context)


def test_missing_context_keys_are_reported(settings):
    context = certificate_context()
    del context["verification_url"]
    with pytest.raises(KeyError, match="verification_url"):
        render_certificate_pdf(context)


def test_certificate_without_domains_or_expiry(settings, tmp_path: Path):
    pdf = render_certificate_pdf(certificate_context(hours_by_domain=[], expires_on=None))
    flat = " ".join(_pdftotext(pdf, tmp_path).split())
    assert "Training hours 46.5" in flat
    assert "Valid through" not in flat


def test_rendered_certificate_signs_and_validates(certificate_pdf: bytes, tmp_path: Path):
    keys = init_issuer_keys(tmp_path / "issuer", organisation="Test Recovery Institute")
    signed = sign_pdf(certificate_pdf, keys)
    result = validate_pdf(signed, keys.root_cert)
    assert result.ok, result.message
    info = _reader(signed).trailer["/Info"]
    assert info["/Title"] == "Certificate PC-2025-000123"
    assert not any("Marisol" in s for s in _strings_outside_content(_reader(signed)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("12.50"), "12.5"),
        (Decimal("40.00"), "40"),
        (Decimal("1E+1"), "10"),
        (Decimal("0.25"), "0.25"),
        (Decimal("7.125"), "7.13"),
        (3, "3"),
    ],
)
def test_format_hours(value, expected: str):
    assert format_hours(value) == expected
