"""The certificate status machine: one pure function over plain strings, no ORM.

Which status may follow which, and who may make the change:

- ``staff`` (a certificate manager, or the board acting on a case) may suspend, revoke,
  reinstate, mark inactive and reactivate, record a relinquishment or a surrender;
- ``holder`` may only give a certificate up (valid or inactive → relinquished), after
  confirming it, and nothing else;
- ``system`` is issuance (pending → valid), the nightly sweep (valid → expired) and a
  replacement being issued (→ superseded).

Probation is not a status: it is a public action on a certificate that stays valid
(certificates.models.PublicAction), so the status words stay CONTRACT.md's. Inactive and
relinquished exist only where a board uses them (Texas lists both); nothing moves a certificate
there on its own.
"""

from __future__ import annotations

from typing import Literal

Actor = Literal["staff", "holder", "system"]

PENDING = "pending"
VALID = "valid"
EXPIRED = "expired"
SUSPENDED = "suspended"
REVOKED = "revoked"
SUPERSEDED = "superseded"
INACTIVE = "inactive"
RELINQUISHED = "relinquished"

STATUSES = (PENDING, VALID, EXPIRED, SUSPENDED, REVOKED, SUPERSEDED, INACTIVE, RELINQUISHED)
# Nothing follows these: a new certificate is the only way back.
FINAL = frozenset({REVOKED, SUPERSEDED, RELINQUISHED})

_STAFF: dict[str, frozenset[str]] = {
    PENDING: frozenset({REVOKED}),
    VALID: frozenset({SUSPENDED, REVOKED, INACTIVE, RELINQUISHED}),
    SUSPENDED: frozenset({VALID, REVOKED, RELINQUISHED}),
    INACTIVE: frozenset({VALID, REVOKED, RELINQUISHED}),
    EXPIRED: frozenset({REVOKED}),
}
_HOLDER: dict[str, frozenset[str]] = {
    VALID: frozenset({RELINQUISHED}),
    INACTIVE: frozenset({RELINQUISHED}),
}
_SYSTEM: dict[str, frozenset[str]] = {
    PENDING: frozenset({VALID}),
    VALID: frozenset({EXPIRED, SUPERSEDED}),
    # A replacement (renewal, name change, provisional → full) may follow any of these.
    EXPIRED: frozenset({SUPERSEDED}),
    SUSPENDED: frozenset({SUPERSEDED}),
    INACTIVE: frozenset({EXPIRED, SUPERSEDED}),
}
_BY_ACTOR = {"staff": _STAFF, "holder": _HOLDER, "system": _SYSTEM}


def allowed_transitions(current: str, *, by: Actor = "staff") -> frozenset[str]:
    """The statuses ``by`` may move a certificate in ``current`` to (empty: none)."""
    if current in FINAL:
        return frozenset()
    return _BY_ACTOR[by].get(current, frozenset())


def may_transition(current: str, target: str, *, by: Actor = "staff") -> bool:
    return target in allowed_transitions(current, by=by)
