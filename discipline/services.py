"""Writes for discipline: keyword-only, typed, atomic. Nothing half-saved: every service
validates before it writes, inside one transaction."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from certificates.models import Certificate, PublicAction, normalise_code
from certificates.services import public_action_record

from . import policy
from .models import (
    Complaint,
    DisciplinePolicy,
    EthicsCodeSection,
    Hearing,
    InvestigationNote,
    Sanction,
)

logger = logging.getLogger(__name__)

NOT_COMMITTEE = "Only the ethics committee may open cases."
CASE_CLOSED = "This case is closed."
NO_CERTIFICATE = "Link the case to the certificate first: a public sanction needs one."
NO_SUCH_CERTIFICATE = "No issued certificate has this code or serial."
APPEAL_WINDOW_CLOSED = "The appeal window closed on %(day)s."


def require_committee(user) -> None:
    if not roles.has_role(user, roles.ETHICS_COMMITTEE):
        raise PermissionDenied(_(NOT_COMMITTEE))


def policy_for(case: Complaint) -> DisciplinePolicy | None:
    if case.certificate_id is None:
        return None
    return DisciplinePolicy.objects.filter(body_id=case.certificate.version.program.body_id).first()


@transaction.atomic
def complaint_submit(
    *,
    complainant_name: str,
    complainant_email: str,
    complainant_phone: str = "",
    respondent_name: str,
    respondent_code: str = "",
    description: str,
) -> Complaint:
    complaint = Complaint(
        complainant_name=complainant_name.strip(),
        complainant_email=complainant_email.strip(),
        complainant_phone=complainant_phone.strip(),
        respondent_name=respondent_name.strip(),
        respondent_code=respondent_code.strip(),
        description=description.strip(),
    )
    complaint.full_clean()
    complaint.save()
    # The id only: nothing of the complaint goes to the logs.
    logger.info("complaint received", extra={"complaint_id": complaint.pk})
    return complaint


def _open_case(case_id: int, actor) -> Complaint:
    require_committee(actor)
    case = Complaint.objects.select_for_update().get(pk=case_id)
    if case.step == Complaint.Step.CLOSED:
        raise ValidationError(_(CASE_CLOSED))
    return case


@transaction.atomic
def case_link_certificate(*, case_id: int, actor, code: str) -> Complaint:
    case = _open_case(case_id, actor)
    cleaned = code.strip()
    certificate = (
        Certificate.objects.issued().filter(code=normalise_code(cleaned)).first()
        or Certificate.objects.issued().filter(serial__iexact=cleaned).first()
    )
    if certificate is None:
        raise ValidationError({"code": _(NO_SUCH_CERTIFICATE)})
    case.certificate = certificate
    case.save(update_fields=["certificate"])
    return case


@transaction.atomic
def case_set_sections(*, case_id: int, actor, sections: list[EthicsCodeSection]) -> Complaint:
    case = _open_case(case_id, actor)
    case.sections_alleged.set(sections)
    return case


@transaction.atomic
def note_add(*, case_id: int, actor, text: str) -> InvestigationNote:
    case = _open_case(case_id, actor)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    return InvestigationNote.objects.create(case=case, author=actor, text=text.strip())


@transaction.atomic
def case_move(*, case_id: int, actor, to_step: str, today: date | None = None) -> Complaint:
    case = _open_case(case_id, actor)
    today = today or timezone.localdate()
    if not policy.may_move(case.step, to_step):
        raise ValidationError(
            _("A case at “%(from)s” cannot go to “%(to)s”.") % {"from": case.step, "to": to_step}
        )
    if to_step == Complaint.Step.APPEAL:
        board = policy_for(case)
        days = board.appeal_days if board else 30
        if case.decided_on and not policy.appeal_open(
            decided_on=case.decided_on, appeal_days=days, today=today
        ):
            last = case.decided_on + timedelta(days=days)
            raise ValidationError(_(APPEAL_WINDOW_CLOSED) % {"day": last.isoformat()})
    case.step = to_step
    if to_step == Complaint.Step.DECIDED:
        case.decided_on = today
    case.save(update_fields=["step", "decided_on"])
    return case


@transaction.atomic
def hearing_record(*, case_id: int, actor, kind: str, held_on: date, outcome: str) -> Hearing:
    case = _open_case(case_id, actor)
    hearing = Hearing(case=case, kind=kind, held_on=held_on, outcome=outcome.strip())
    hearing.full_clean()
    hearing.save()
    return hearing


@transaction.atomic
def sanction_add(
    *,
    case_id: int,
    actor,
    kind: str,
    decided_on: date,
    public_summary: str,
    conditions: str = "",
    ends_on: date | None = None,
) -> Sanction:
    case = _open_case(case_id, actor)
    sanction = Sanction(
        case=case,
        kind=kind,
        decided_on=decided_on,
        ends_on=ends_on,
        conditions=conditions.strip(),
        public_summary=public_summary.strip(),
    )
    sanction.full_clean()
    if kind == PublicAction.Kind.PROBATION and ends_on is None:
        raise ValidationError({"ends_on": _("Probation needs the day it ends.")})
    if ends_on and ends_on < decided_on:
        raise ValidationError({"ends_on": _("Ends before it starts.")})
    sanction.save()
    return sanction


@transaction.atomic
def sanction_withdraw(*, sanction_id: int, actor) -> Sanction:
    """Set aside (e.g. on appeal) before the case closes: it will not be published."""
    sanction = Sanction.objects.select_related("case").get(pk=sanction_id)
    _open_case(sanction.case_id, actor)
    sanction.withdrawn = True
    sanction.save(update_fields=["withdrawn"])
    return sanction


@transaction.atomic
def case_close(*, case_id: int, actor, note: str = "") -> Complaint:
    """Close the case and publish each standing sanction the board's policy makes public, as a
    public action on the certificate (type, date, public summary; nothing else)."""
    case = _open_case(case_id, actor)
    if not policy.may_move(case.step, Complaint.Step.CLOSED):
        raise ValidationError(_(CASE_CLOSED))
    standing = list(case.sanctions.filter(withdrawn=False, public_action__isnull=True))
    board = policy_for(case)
    public_kinds = board.public_kinds if board else frozenset()
    to_publish = [s for s in standing if policy.is_public(s.kind, public_kinds)]
    if standing and case.certificate_id is None:
        raise ValidationError(_(NO_CERTIFICATE))
    for sanction in to_publish:
        sanction.public_action = public_action_record(
            certificate_id=case.certificate_id,
            kind=sanction.kind,
            taken_on=sanction.decided_on,
            ends_on=sanction.ends_on,
            summary=sanction.public_summary,
            actor=actor,
        )
        sanction.save(update_fields=["public_action"])
    case.step = Complaint.Step.CLOSED
    case.closed_on = timezone.localdate()
    case.closure_note = note.strip()
    case.save(update_fields=["step", "closed_on", "closure_note"])
    return case


@transaction.atomic
def purge_due(*, today: date) -> int:
    """Retention: closed cases kept their board's years lose their private file (complaint,
    contact, notes, hearings, conditions). Sanctions' public actions stay on the certificate.
    Returns how many cases were purged."""
    purged = 0
    default_years = DisciplinePolicy._meta.get_field("retention_years").default
    cases = Complaint.objects.filter(
        step=Complaint.Step.CLOSED, purged_on__isnull=True
    ).select_related("certificate__version__program")
    years_by_body = dict(DisciplinePolicy.objects.values_list("body_id", "retention_years"))
    for case in cases:
        body_id = case.certificate.version.program.body_id if case.certificate_id else None
        years = years_by_body.get(body_id, default_years)
        if not policy.retention_due(closed_on=case.closed_on, retention_years=years, today=today):
            continue
        case.notes.all().delete()
        case.hearings.all().delete()
        case.sanctions.update(conditions="")
        Complaint.objects.filter(pk=case.pk).update(
            complainant_name="",
            complainant_email="purged@invalid",
            complainant_phone="",
            respondent_code="",
            description="",
            closure_note="",
            purged_on=today,
        )
        purged += 1
    return purged
