"""The ethics committee's demo: the board's published discipline policy and code sections, one
closed complaint that ended in a public reprimand on a certificate that stays valid, and one
new complaint waiting to be opened. Fictional people only. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from certificates.demo import CODE_OF_ETHICS
from certificates.models import Certificate

from . import services
from .models import Complaint, DisciplinePolicy, EthicsCodeSection

REPRIMAND_SUMMARY = (
    "Public reprimand: shared details of a peer's recovery with a community group without the "
    "peer's consent, contrary to section 2 of the code of ethics. Completed further training in "
    "confidentiality."
)
CLOSED_COMPLAINT = {
    "complainant_name": "Pat Lindqvist",
    "complainant_email": "pat.lindqvist@example.net",
    "respondent_name": "Jamie Ortiz",
    "description": (
        "At a community meeting in the spring, the peer specialist who supports me told the "
        "group about my relapse and my treatment without asking me first."
    ),
}
NEW_COMPLAINT = {
    "complainant_name": "Chris Adeyemi",
    "complainant_email": "chris.adeyemi@example.net",
    "respondent_name": "(name not known)",
    "description": (
        "A peer worker at the drop-in centre offered to sell me a phone. I was not sure whether "
        "this is allowed and would like someone to look into it."
    ),
}


def _sections(body) -> list[EthicsCodeSection]:
    """The PeerCert demo code's ten sections, each titled by its first sentence."""
    sections = []
    for line in CODE_OF_ETHICS.splitlines():
        number, _, text = line.partition(". ")
        if not number.isdigit():
            continue
        section, _created = EthicsCodeSection.objects.get_or_create(
            body=body, reference=number, defaults={"title": text.split(". ")[0][:300]}
        )
        sections.append(section)
    return sections


def seed_discipline(*, users: dict) -> list[str]:
    ethics = users["ethics@example.org"]
    group, _ = Group.objects.get_or_create(name=roles.ETHICS_COMMITTEE)
    ethics.groups.add(group)
    renewal = (
        Certificate.objects.filter(holder__email="renewal@example.org")
        .select_related("version__program__body")
        .order_by("cycle")
        .first()
    )
    if renewal is None:
        return []
    body = renewal.version.program.body
    DisciplinePolicy.objects.get_or_create(
        body=body,
        defaults={
            "publish_conditions": False,
            "appeal_days": 30,
            "retention_years": 7,
            "source": (
                "PeerCert demo policy. Boards publish their own ethics and grievance procedure "
                "(which actions are public, appeal deadlines, how long files are kept): enter "
                "your board's and cite it here."
            ),
        },
    )
    sections = _sections(body)
    if not Complaint.objects.filter(
        complainant_email=CLOSED_COMPLAINT["complainant_email"]
    ).exists():
        today = timezone.localdate()
        case = services.complaint_submit(**CLOSED_COMPLAINT)
        Complaint.objects.filter(pk=case.pk).update(
            received_at=timezone.now() - timedelta(days=150)
        )
        services.case_link_certificate(case_id=case.pk, actor=ethics, code=renewal.code)
        services.case_set_sections(case_id=case.pk, actor=ethics, sections=sections[1:2])
        services.case_move(case_id=case.pk, actor=ethics, to_step="investigating")
        services.note_add(
            case_id=case.pk,
            actor=ethics,
            text="Spoke with the complainant and the peer specialist; both confirm the meeting.",
        )
        services.case_move(case_id=case.pk, actor=ethics, to_step="hearing")
        services.hearing_record(
            case_id=case.pk,
            actor=ethics,
            kind="hearing",
            held_on=today - timedelta(days=80),
            outcome="The peer specialist accepted the finding and apologised to the complainant.",
        )
        services.case_move(
            case_id=case.pk, actor=ethics, to_step="decided", today=today - timedelta(days=75)
        )
        services.sanction_add(
            case_id=case.pk,
            actor=ethics,
            kind="reprimand",
            decided_on=today - timedelta(days=75),
            public_summary=REPRIMAND_SUMMARY,
            conditions="Six hours of confidentiality training within 60 days (completed).",
        )
        services.case_close(
            case_id=case.pk, actor=ethics, note="No appeal within 30 days; training completed."
        )
    if not Complaint.objects.filter(complainant_email=NEW_COMPLAINT["complainant_email"]).exists():
        services.complaint_submit(**NEW_COMPLAINT)
    renewal.refresh_from_db()
    return [f"Demo public reprimand (certificate still valid): {renewal.verification_url}"]
