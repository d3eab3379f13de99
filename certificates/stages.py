"""Provisional and full stages: pure date arithmetic and rules over plain data, no ORM.

A stage is not a status. A provisional certificate lasts the version's provisional validity,
may be extended as many times as the version allows (Texas: once), each time by the version's
extension length, and becomes full only by a new certificate that supersedes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_noop  # marks the messages for the catalogue

PROVISIONAL = "provisional"
FULL = "full"

NO_PROVISIONAL_STAGE = gettext_noop("This program has no provisional stage.")
NOT_PROVISIONAL = gettext_noop("Only a provisional certificate can be extended or converted.")
NOT_VALID = gettext_noop("Only a valid provisional certificate can be extended or converted.")
NO_EXTENSIONS_LEFT = gettext_noop(
    "This provisional certificate has used every extension its program allows."
)
REASON_NEEDED = gettext_noop("Give the reason for the extension; it is kept in the history.")
REQUIREMENTS_NOT_MET = gettext_noop("The full credential's requirements are not all met yet.")


@dataclass(frozen=True, slots=True)
class StageRules:
    provisional_months: int | None
    extensions_allowed: int
    extension_months: int | None
    full_months: int

    @property
    def has_provisional(self) -> bool:
        return bool(self.provisional_months)

    @property
    def each_extension_months(self) -> int:
        return self.extension_months or self.provisional_months or 0


def expiry_for(*, stage: str, issued_on: date, rules: StageRules) -> date:
    if stage == PROVISIONAL:
        if not rules.has_provisional:
            raise ValueError(NO_PROVISIONAL_STAGE)
        return issued_on + relativedelta(months=rules.provisional_months)
    return issued_on + relativedelta(months=rules.full_months)


def extension_refusal(
    *, stage: str, status: str, extensions_used: int, rules: StageRules, reason: str
) -> str | None:
    """Why this certificate cannot be extended now, or None when it can."""
    if stage != PROVISIONAL:
        return NOT_PROVISIONAL
    if status != "valid":
        return NOT_VALID
    if extensions_used >= rules.extensions_allowed:
        return NO_EXTENSIONS_LEFT
    if not reason.strip():
        return REASON_NEEDED
    return None


def extended_expiry(*, expires_on: date, rules: StageRules) -> date:
    return expires_on + relativedelta(months=rules.each_extension_months)


def conversion_refusal(*, stage: str, status: str, requirements_met: bool) -> str | None:
    """Why a provisional certificate cannot become full now, or None when it can."""
    if stage != PROVISIONAL:
        return NOT_PROVISIONAL
    if status != "valid":
        return NOT_VALID
    if not requirements_met:
        return REQUIREMENTS_NOT_MET
    return None
