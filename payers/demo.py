"""Demo billing rules: two states, plainly marked as demo data.

The demo program stands in for a state's recognised credential. In Florida, Medicaid pays for
peer support delivered by a Certified Recovery Peer Specialist (CRPS, Florida Certification
Board); in Texas, by a peer specialist certified through a certification entity the Health and
Human Services Commission approves. Those are summaries to check against the sources named,
not legal advice; the demo program itself is neither credential."""

from __future__ import annotations

from datetime import date

from certificates.models import CertificationProgram

from .models import BillingRule

AS_OF = date(2026, 11, 1)

DEMO_RULES = (
    {
        "jurisdiction": "Florida",
        "payer": "Florida Medicaid",
        "service": "peer support services (behavioral health)",
        "source_title": "Florida Agency for Health Care Administration — Medicaid behavioral "
        "health coverage policies; CRPS credential by the Florida Certification Board",
        "source_url": "https://ahca.myflorida.com/medicaid",
        "citation": "Florida Medicaid community behavioral health services coverage policy",
        "note": "Demo rule. In Florida, peer support billed to Medicaid is delivered by a "
        "Certified Recovery Peer Specialist (CRPS); this demo credential stands in for it. "
        "Check the current coverage policy before relying on it.",
    },
    {
        "jurisdiction": "Texas",
        "payer": "Texas Medicaid",
        "service": "peer specialist services",
        "source_title": "Texas Health and Human Services Commission — peer specialist "
        "services in Texas Medicaid",
        "source_url": "https://www.hhs.texas.gov/",
        "citation": "1 TAC Chapter 354, Subchapter N (peer specialist services)",
        "note": "Demo rule. In Texas, Medicaid peer specialist services are delivered by a "
        "peer specialist certified by an HHSC-approved certification entity (MHPS or RSPS); "
        "this demo credential stands in for it. Check the current rule before relying on it.",
    },
)


def seed_billing_rules(*, program: CertificationProgram | None = None) -> int:
    """Idempotent: one demo rule per state for the demo program. Returns how many exist."""
    program = program or CertificationProgram.objects.order_by("pk").first()
    if program is None:
        return 0
    for values in DEMO_RULES:
        BillingRule.objects.update_or_create(
            program=program,
            jurisdiction=values["jurisdiction"],
            is_demo=True,
            defaults={**values, "as_of": AS_OF, "active": True},
        )
    return BillingRule.objects.filter(program=program, is_demo=True).count()
