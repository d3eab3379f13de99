"""Provisional stages, decided by the board: a holder asks for the one extension their program
allows, with a reason; a board reviewer approves it (the certificate is extended by the version's
extension length) or declines it with a reason the holder reads; and a board reviewer converts a
provisional certificate to the full credential once the remaining requirements are met (a new
certificate that supersedes the provisional one). The date arithmetic and the refusals are
certificates/stages.py's; the writes to the certificate are services.provisional_extend and
services.provisional_convert.

Selectors for the board's queue are here too: what waits (extension requests), and every
provisional certificate in force with whether it is ready to convert.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import roles
from core import jobs

from . import services, stages
from .jobs import send_extension_decision as decision_job
from .models import Certificate, ProvisionalExtensionRequest
from .requirements import Checklist
from .selectors import checklist_for

NOT_A_BOARD_REVIEWER = gettext_noop("Only a board reviewer may decide this.")
OWN_CERTIFICATE = gettext_noop("A board reviewer does not decide on their own certificate.")
ALREADY_REQUESTED = gettext_noop(
    "You have already asked for an extension; the board will decide it."
)
DECLINE_NEEDS = gettext_noop("Say why the extension is declined; the holder reads it.")


def is_board_reviewer(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or roles.has_role(user, roles.BOARD_REVIEWERS)
    )


def _require_board(user, certificate: Certificate) -> None:
    if not is_board_reviewer(user):
        raise PermissionDenied(_(NOT_A_BOARD_REVIEWER))
    if certificate.holder_id == user.pk:
        raise PermissionDenied(_(OWN_CERTIFICATE))


# --- the holder asks -------------------------------------------------------------------------


def extension_refusal(certificate: Certificate, *, reason: str = "-") -> str | None:
    """Why this certificate's holder cannot ask for an extension now (untranslated), or None."""
    return stages.extension_refusal(
        stage=certificate.stage,
        status=certificate.public_status,
        extensions_used=certificate.extensions,
        rules=services.stage_rules(certificate.version),
        reason=reason,
    )


@transaction.atomic
def extension_request(*, certificate_id: int, holder, reason: str) -> ProvisionalExtensionRequest:
    """The holder's request, with their reason (kept in the history, never public). One at a
    time; refused with the reason when the certificate has no extension left."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("version")
        .get(pk=certificate_id, holder=holder)
    )
    refusal = extension_refusal(certificate, reason=reason)
    if refusal == stages.REASON_NEEDED:
        raise ValidationError({"reason": _(refusal)})
    if refusal:
        raise ValidationError(_(refusal))
    if certificate.extension_requests.filter(
        status=ProvisionalExtensionRequest.Status.PENDING
    ).exists():
        raise ValidationError(_(ALREADY_REQUESTED))
    try:
        with transaction.atomic():
            return ProvisionalExtensionRequest.objects.create(
                certificate=certificate, holder_reason=reason.strip()[:1000]
            )
    except IntegrityError:  # a second tab's request won the race
        raise ValidationError(_(ALREADY_REQUESTED)) from None


# --- the board decides -----------------------------------------------------------------------


@transaction.atomic
def extension_decide(
    *, request_id: int, reviewer, approve: bool, reason: str = ""
) -> ProvisionalExtensionRequest:
    """Approve: the certificate is extended (services.provisional_extend checks again that it
    may be). Decline: with a reason the holder reads. Either way the holder is e-mailed once."""
    request = (
        ProvisionalExtensionRequest.objects.select_for_update(of=("self",))
        .select_related("certificate__version")
        .get(pk=request_id)
    )
    _require_board(reviewer, request.certificate)
    request.decide(actor=reviewer, approve=approve, reason=reason, decline_needs=_(DECLINE_NEEDS))
    if approve:
        note = f" (board: {reason.strip()})" if reason.strip() else ""
        services.provisional_extend(
            certificate_id=request.certificate_id,
            actor=reviewer,
            reason=f"{request.holder_reason}{note}",
        )
    jobs.enqueue(decision_job, request.pk)
    return request


@transaction.atomic
def conversion_decide(*, certificate_id: int, reviewer) -> Certificate:
    """The full credential: a new certificate, its own period from today, that supersedes the
    provisional one once issued. Refused while the remaining requirements are not met."""
    certificate = Certificate.objects.get(pk=certificate_id)
    _require_board(reviewer, certificate)
    if hasattr(certificate, "superseded_by"):
        raise ValidationError(_("The full credential has already been requested."))
    return services.provisional_convert(certificate_id=certificate_id, actor=reviewer)


# --- the board's queue -----------------------------------------------------------------------


def pending_extension_requests():
    return ProvisionalExtensionRequest.objects.filter(
        status=ProvisionalExtensionRequest.Status.PENDING
    ).select_related("certificate__holder", "certificate__version__program")


def provisional_in_force():
    """Valid provisional certificates not yet replaced by (or converting to) a full one."""
    return (
        Certificate.objects.filter(
            stage=Certificate.Stage.PROVISIONAL,
            status=Certificate.Status.VALID,
            superseded_by__isnull=True,
            expires_on__gte=timezone.localdate(),
        )
        .select_related("holder", "version__program")
        .order_by("expires_on", "pk")
    )


@dataclass(frozen=True)
class ProvisionalRow:
    certificate: Certificate
    checklist: Checklist

    @property
    def ready(self) -> bool:
        return self.checklist.met


def provisional_rows() -> list[ProvisionalRow]:
    """Each provisional certificate in force with its holder's checklist for the full
    credential, ready ones first. The checklist is read per holder: provisional certificates
    in force are few (each lasts months)."""
    rows = [
        ProvisionalRow(
            certificate=certificate,
            checklist=checklist_for(trainee=certificate.holder, version=certificate.version),
        )
        for certificate in provisional_in_force()
    ]
    return sorted(rows, key=lambda row: not row.ready)


@dataclass(frozen=True)
class BoardCounts:
    extension_requests: int
    provisional: int


def board_counts() -> BoardCounts:
    """For the board's home: two queries, whatever the queues hold."""
    return BoardCounts(
        extension_requests=pending_extension_requests().count(),
        provisional=provisional_in_force().count(),
    )
