"""The demo's hand-written one-page PDFs are documents a reader opens and reads back."""

import subprocess

from core.demo_pdf import one_page_pdf


def test_a_demo_pdf_reads_back_with_its_heading_and_line(tmp_path):
    path = tmp_path / "demo.pdf"
    path.write_bytes(one_page_pdf("Certificate of completion", "Ethics (6 h) \\ fictional demo"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Certificate of completion" in text
    assert "Ethics (6 h) \\ fictional demo" in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Pages:           1" in info.stdout
