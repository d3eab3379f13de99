"""Byte encodings the credential specifications use: multibase base58btc (``z…``) and
base64url (``u…``), and Multikey for Ed25519 public keys."""

from __future__ import annotations

import base64

__all__ = [
    "ED25519_PUB_MULTICODEC",
    "b64url_decode",
    "b64url_encode",
    "base58btc_decode",
    "base58btc_encode",
    "ed25519_multikey",
    "multibase_base58btc",
    "multibase_base64url",
]

_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {ch: i for i, ch in enumerate(_B58_ALPHABET)}

# Multicodec "ed25519-pub" (0xed) as an unsigned varint: 0xed 0x01.
ED25519_PUB_MULTICODEC = b"\xed\x01"


def base58btc_encode(data: bytes) -> str:
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rem = divmod(number, 58)
        out.append(_B58_ALPHABET[rem])
    return "1" * zeros + "".join(reversed(out))


def base58btc_decode(text: str) -> bytes:
    number = 0
    for ch in text:
        try:
            number = number * 58 + _B58_INDEX[ch]
        except KeyError:
            raise ValueError(f"not base58btc: {ch!r}") from None
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_base58btc(data: bytes) -> str:
    return "z" + base58btc_encode(data)


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def multibase_base64url(data: bytes) -> str:
    """Multibase ``u`` prefix + base64url without padding (Bitstring Status List's encodedList)."""
    return "u" + b64url_encode(data)


def ed25519_multikey(public_key_raw: bytes) -> str:
    """``publicKeyMultibase`` of an Ed25519 key: always starts ``z6Mk``."""
    if len(public_key_raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return multibase_base58btc(ED25519_PUB_MULTICODEC + public_key_raw)
