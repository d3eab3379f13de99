"""Endorsement requirements over plain data, no ORM: signed-off hours against the minimums."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

NOT_MET = "The endorsement's requirements are not met: %(missing)s."


def endorsement_missing(
    *,
    min_practice_hours: Decimal,
    min_supervision_hours: Decimal,
    domain: str | None,
    signed_hours: Mapping[str, Decimal],
) -> list[str]:
    """What is still missing, in words; empty when met. ``signed_hours`` is keyed
    "kind:domain name" (certificates.selectors.supervision_totals)."""

    def total(kind: str) -> Decimal:
        return sum(
            (
                hours
                for key, hours in signed_hours.items()
                if key.split(":", 1)[0] == kind
                and (domain is None or key.split(":", 1)[1] == domain)
            ),
            Decimal("0"),
        )

    missing = []
    practice, supervision = total("practice"), total("supervision")
    where = f" in {domain}" if domain else ""
    if practice < min_practice_hours:
        missing.append(f"{min_practice_hours - practice} h of supervised practice{where}")
    if supervision < min_supervision_hours:
        missing.append(f"{min_supervision_hours - supervision} h of supervision{where}")
    return missing
