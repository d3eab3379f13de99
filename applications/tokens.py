"""A referee's one-use link: signed (Django's signer, the secret key) over the referee's row
and a random nonce kept on it. The link says nothing about the applicant; it stops working when
it expires (a date on the row), once the letter is in, or when a new link replaces the nonce."""

from __future__ import annotations

from django.core import signing

SALT = "applications.referee-letter"


def make(*, referee_id: int, nonce: str) -> str:
    return signing.dumps([referee_id, nonce], salt=SALT)


def read(token: str) -> tuple[int, str] | None:
    """(referee id, nonce) from a genuine token, None from anything else."""
    if not token or len(token) > 200:
        return None
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        return None
    return value[0], value[1]
