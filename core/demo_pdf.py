"""A small, well-formed one-page PDF written by hand (no WeasyPrint): what the demo uploads
where a person would upload a document — a provider's certificate, an applicant's diploma.
Each says in its text that it is a fictional demo document."""

from __future__ import annotations

import zlib


def _escape(text: str) -> str:
    """Text for a PDF string literal: backslashes and parentheses escaped."""
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def one_page_pdf(heading: str, line: str = "") -> bytes:
    """A Letter page with a heading (20 pt) and, under it, one line of text (12 pt)."""
    content = f"BT /F1 20 Tf 72 700 Td ({_escape(heading)}) Tj"
    if line:
        content += f" 0 -32 Td /F1 12 Tf ({_escape(line)}) Tj"
    stream = zlib.compress((content + " ET").encode("latin-1", "replace"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
