"""An employer's primary-source verification report for a certificate on their roster: the
issuer's signed record of what the certificate said, when, and that this organisation asked
(verification.reports writes it). The holder sees who checked them."""

from __future__ import annotations

from verification.models import VerificationReport
from verification.reports import report_create

from ..models import RosterEntry
from ..selectors import approved_organisation


def organisation_of(employer) -> str:
    """The organisation an administrator approved the tools for; else the account's name."""
    return (
        approved_organisation(user=employer) or employer.get_full_name().strip() or employer.email
    )


def report_for_roster_entry(*, employer, entry_id: int) -> VerificationReport:
    """RosterEntry.DoesNotExist unless the entry is the employer's own."""
    entry = RosterEntry.objects.select_related("certificate").get(pk=entry_id, employer=employer)
    return report_create(
        certificate=entry.certificate,
        organisation=organisation_of(employer),
        requested_by=employer,
    )
