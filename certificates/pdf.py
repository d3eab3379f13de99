"""HTML → PDF rendering of certificates with WeasyPrint, without network or filesystem reach.

The certificate template is rendered by Django, then laid out by WeasyPrint with a URL
fetcher that can read only this app's own static files (fonts, images) and ``data:`` URIs.
Anything else a template, a stylesheet or a crafted value might point at — local files,
cloud metadata endpoints, any http(s) URL — is refused, and WeasyPrint skips it.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

import pydyf
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .qr import qr_svg_data_uri

__all__ = [
    "CERTIFICATE_TEMPLATE",
    "STATIC_DIR",
    "CertificateLayoutError",
    "PageSize",
    "RefusedURL",
    "StaticOnlyURLFetcher",
    "certificate_title",
    "format_hours",
    "render_certificate_pdf",
    "render_html_to_pdf",
]

logger = logging.getLogger(__name__)

STATIC_DIR = (Path(__file__).resolve().parent / "static" / "certificates").resolve()
CERTIFICATE_TEMPLATE = "certificates/certificate.html"
PRODUCER = "PeerCert"

PageSize = Literal["A4", "letter"]

# Only what a printable page can use; anything else under static/ (a LICENSE, a stray
# source file) is not the renderer's business.
_ALLOWED_SUFFIXES = {
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}

# Holder names and titles must never reach the PDF outline: bookmarks are shown by every
# viewer's sidebar and indexed like metadata. A user stylesheet with !important beats
# any author rule a template edit might add.
_PRIVACY_CSS = "* { bookmark-level: none !important; }"

# Above this many characters the holder's name switches to a smaller size so it stays on
# one or two lines instead of pushing the layout onto a second page.
_LONG_NAME = 34
_VERY_LONG_NAME = 60


class RefusedURL(ValueError):
    """Raised by the fetcher so WeasyPrint skips a resource outside the allow-list."""


class CertificateLayoutError(RuntimeError):
    """The certificate did not fit on one page even in its compact layout."""


class StaticOnlyURLFetcher(URLFetcher):
    """WeasyPrint URL fetcher that serves files under ``roots`` and ``data:`` URIs only.

    Keeps a record of what it served and refused, so callers (and tests) can see exactly
    which resources a rendering tried to reach. One instance per rendering.
    """

    def __init__(self, *, roots: Sequence[Path] = (STATIC_DIR,)) -> None:
        # No redirects, short timeout: belt and braces, as fetch() never reaches urllib's
        # network handlers anyway.
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        try:
            if scheme == "data":
                response = _data_response(url)
            elif scheme == "file":
                response = self._file_response(url)
            else:
                raise RefusedURL(f"scheme {scheme or '(none)'!r} is not allowed")
        except Exception as exc:
            self.refused.append(url)
            # Truncated: a refused data: URI can be megabytes long.
            logger.info("certificate renderer refused %.200s: %s", url, exc)
            raise
        self.served.append(url)
        return response

    def _file_response(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL("remote file URLs are not allowed")
        # resolve() follows symlinks and collapses "..", so the containment check below
        # is made on the file that would actually be opened.
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedURL("path is outside the certificate static directory")
        content_type = _ALLOWED_SUFFIXES.get(path.suffix.lower())
        if content_type is None:
            raise RefusedURL(f"file type {path.suffix!r} is not allowed")
        if not path.is_file():
            raise RefusedURL("no such static file")
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def _data_response(url: str) -> URLFetcherResponse:
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise RefusedURL("malformed data: URI")
    params = header.split(";")
    is_base64 = params[-1].strip().lower() == "base64"
    if is_base64:
        params = params[:-1]
    media_type = params[0].strip() or "text/plain"
    raw = unquote_to_bytes(payload)
    body = base64.b64decode(raw, validate=False) if is_base64 else raw
    content_type = "; ".join([media_type, *[p.strip() for p in params[1:] if p.strip()]])
    return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


# Building a FontConfiguration loads the system Fontconfig setup and re-registers our
# @font-face files; doing it once per thread saves ~30 ms of a ~200 ms render. Fontconfig and
# Pango objects are not shared across threads, hence thread-local rather than global.
_fonts = threading.local()


def _font_config() -> FontConfiguration:
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def _fits(document: Any, *, gap: float) -> bool:
    """True when the flow content ends above the bottom-pinned footer, on a single page.

    The certificate frame has a fixed height, so overflowing content would be painted over
    the footer rather than pushed onto another page; only the laid-out boxes reveal it.
    Boxes are marked in the template with ``data-fit="content"`` / ``data-fit="footer"``.
    """
    if len(document.pages) != 1:
        return False
    content_bottom: float | None = None
    footer_top: float | None = None
    # WeasyPrint has no public box API; _page_box is stable across recent releases and a
    # change would surface as a test failure, not as a wrong certificate.
    for box in document.pages[0]._page_box.descendants():
        element = getattr(box, "element", None)
        role = element.get("data-fit") if element is not None else None
        if role == "content":
            bottom = box.position_y + box.margin_height()
            content_bottom = bottom if content_bottom is None else max(content_bottom, bottom)
        elif role == "footer":
            top = box.position_y + box.margin_top
            footer_top = top if footer_top is None else min(footer_top, top)
    if content_bottom is None or footer_top is None:
        # A marker missing after layout means its box was split off and dropped by the
        # fixed-height frame: the worst kind of overflow.
        return False
    return content_bottom + gap <= footer_top


# CSS pixels: WeasyPrint lays out in px at 96 per inch, so 3 mm ≈ 11.3 px of clear space
# between the last line of content and the signature block.
_FIT_GAP = 3 / 25.4 * 96


def _render(
    html: str,
    *,
    title: str,
    base_dir: Path,
    url_fetcher: StaticOnlyURLFetcher,
    must_fit: bool,
) -> bytes | None:
    options: dict[str, Any] = {
        # Tagged PDF: screen readers get reading order and the QR code's alt text.
        "pdf_tags": True,
        "pdf_version": "1.7",
        "stylesheets": [CSS(string=_PRIVACY_CSS)],
    }
    document = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=url_fetcher).render(
        font_config=_font_config(), **options
    )
    if must_fit and not _fits(document, gap=_FIT_GAP):
        return None

    # Metadata comes from us, not from whatever <meta> tags the template carries: the
    # holder's name belongs on the page, never in fields that indexers and mail scanners
    # read without opening the document.
    meta = document.metadata
    meta.title = title
    meta.authors = []
    meta.description = None
    meta.keywords = []
    meta.generator = PRODUCER
    meta.created = None
    meta.modified = None
    meta.custom = {}
    meta.attachments = []
    meta.xmp_metadata = []

    def finisher(_document: Any, pdf: pydyf.PDF) -> None:
        pdf.info["Producer"] = pydyf.String(PRODUCER)
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})

    return document.write_pdf(finisher=finisher, **options)


def render_html_to_pdf(
    html: str,
    *,
    title: str,
    base_dir: Path = STATIC_DIR,
    url_fetcher: StaticOnlyURLFetcher | None = None,
) -> bytes:
    """Render an HTML string to PDF bytes with the restricted fetcher and clean metadata.

    Relative URLs resolve against ``base_dir`` (the certificate static directory), which is
    also the only directory the default fetcher may read.
    """
    fetcher = url_fetcher or StaticOnlyURLFetcher(roots=(base_dir,))
    rendered = _render(html, title=title, base_dir=base_dir, url_fetcher=fetcher, must_fit=False)
    if rendered is None:  # unreachable without must_fit; keeps the return type honest
        raise CertificateLayoutError("rendering produced no document")
    return rendered


def certificate_title(serial: str) -> str:
    """The PDF's title (its metadata and the viewer's window), in the rendering language."""
    return _("Certificate %(serial)s") % {"serial": serial}


def format_hours(value: Decimal | int | float | str) -> str:
    """``Decimal("12.50")`` → ``"12.5"``, ``Decimal("40.00")`` → ``"40"``; never exponent form.

    Half-up rounding to hundredths: what a reader checking the sum by hand expects, unlike
    Decimal's default banker's rounding.
    """
    quantised = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{quantised:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _domain_rows(rows: Iterable[tuple[str, Any]]) -> list[dict[str, str]]:
    return [{"domain": str(name), "hours": format_hours(hours)} for name, hours in rows]


def _name_size(name: str) -> str:
    length = len(name)
    if length > _VERY_LONG_NAME:
        return "name--xs"
    if length > _LONG_NAME:
        return "name--s"
    return "name--m"


def _template_context(
    context: Mapping[str, Any], *, page_size: PageSize, compact: bool
) -> dict[str, Any]:
    missing = {
        "holder_name",
        "program_title",
        "issuer_name",
        "issued_on",
        "serial",
        "verification_code",
        "verification_url",
        "hours_total",
    } - set(context)
    if missing:
        raise KeyError(f"certificate context lacks {', '.join(sorted(missing))}")
    issued_on = context["issued_on"]
    expires_on = context.get("expires_on")
    if not isinstance(issued_on, date) or (
        expires_on is not None and not isinstance(expires_on, date)
    ):
        raise TypeError("issued_on and expires_on must be dates")
    rows = _domain_rows(context.get("hours_by_domain") or ())
    return {
        **context,
        "hours_total_display": format_hours(context["hours_total"]),
        "hours_rows": rows,
        "qr_data_uri": qr_svg_data_uri(str(context["verification_url"])),
        "page_size": page_size,
        "compact": compact,
        "name_size": _name_size(str(context["holder_name"])),
        "document_title": certificate_title(str(context["serial"])),
    }


def render_certificate_pdf(context: Mapping[str, Any], *, page_size: PageSize = "A4") -> bytes:
    """Render the printable certificate as a one-page landscape PDF (unsigned).

    ``context`` carries holder_name, program_title, program_version_label, issuer_name,
    issued_on, expires_on, serial, verification_code, verification_url, hours_total and
    hours_by_domain. A second, compact pass is tried before giving up on one page.
    """
    for compact in (False, True):
        tpl_context = _template_context(context, page_size=page_size, compact=compact)
        tpl_context["lang"] = get_language() or "en"
        html = render_to_string(CERTIFICATE_TEMPLATE, tpl_context)
        rendered = _render(
            html,
            title=tpl_context["document_title"],
            base_dir=STATIC_DIR,
            url_fetcher=StaticOnlyURLFetcher(),
            must_fit=True,
        )
        if rendered is not None:
            return rendered
    raise CertificateLayoutError(
        f"certificate {context['serial']} does not fit on one {page_size} page"
    )
