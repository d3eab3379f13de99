"""A referee's one-use link: signed (Django's signer, the secret key) over the referee's row
and a random nonce kept on it. The link says nothing about the applicant; it stops working when
it expires (a date on the row), once the letter is in, or when a new link replaces the nonce."""

from __future__ import annotations

from django.core import signing

SALT = "applications.referee-letter"


def make(*, referee_id: int, nonce: str) -> str:
    # A plain signature (no timestamp): the same link every time it is rendered; expiry is the
    # row's date, so a re-sent e-mail carries the link the referee already has.
    return signing.Signer(salt=SALT).sign_object([referee_id, nonce])


def read(token: str) -> tuple[int, str] | None:
    """(referee id, nonce) from a genuine token, None from anything else."""
    if not token or len(token) > 200:
        return None
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        return None
    return value[0], value[1]
