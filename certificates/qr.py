"""QR codes for printed certificates, as data: URIs so rendering never fetches anything."""

from __future__ import annotations

from typing import Literal

import segno

__all__ = ["ErrorLevel", "qr_png_data_uri", "qr_svg_data_uri"]

ErrorLevel = Literal["M", "Q", "H"]

# Level Q survives a fold, a staple hole or a coffee ring on a framed certificate while
# keeping a verification URL at a version small enough to scan from arm's length.
DEFAULT_ERROR: ErrorLevel = "Q"
# The quiet zone the QR specification requires; cropping it is the usual cause of
# phones failing to read a printed code.
QUIET_ZONE = 4


def _make(data: str, error: ErrorLevel) -> segno.QRCode:
    if not data:
        raise ValueError("QR payload must not be empty")
    # boost_error lets segno raise the level further when that costs no extra modules.
    return segno.make_qr(data, error=error, boost_error=True)


def qr_svg_data_uri(data: str, *, error: ErrorLevel = DEFAULT_ERROR, dark: str = "#000") -> str:
    """An SVG data: URI without a fixed size, so CSS decides how large it prints.

    Vector output stays sharp at any print resolution, unlike a PNG scaled by the renderer.
    """
    return _make(data, error).svg_data_uri(
        scale=1, border=QUIET_ZONE, dark=dark, light="#fff", omitsize=True
    )


def qr_png_data_uri(
    data: str, *, error: ErrorLevel = DEFAULT_ERROR, scale: int = 8, dark: str = "#000"
) -> str:
    """A PNG data: URI, for consumers that cannot display SVG (e-mail clients)."""
    return _make(data, error).png_data_uri(scale=scale, border=QUIET_ZONE, dark=dark, light="#fff")
