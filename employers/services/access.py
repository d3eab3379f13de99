"""Asking for the employer tools: a signed-in person asks for their organisation, an
administrator decides (core.decisions), the person is told once by e-mail."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import jobs
from courses.permissions import EMPLOYERS_GROUP, ensure_role_groups

from ..jobs import send_access_decision as send_access_decision_job
from ..models import EmployerAccessRequest
from ..selectors import is_employer

ACCESS_ALREADY_GRANTED = "Your account already has the employer tools."


@transaction.atomic
def employer_access_request(*, user, organisation: str) -> EmployerAccessRequest:
    """Ask for the employer tools; a newer request replaces one still waiting."""
    if is_employer(user):
        raise ValidationError(_(ACCESS_ALREADY_GRANTED))
    EmployerAccessRequest.objects.filter(
        user=user, status=EmployerAccessRequest.Status.PENDING
    ).delete()
    return EmployerAccessRequest.objects.create(user=user, organisation=organisation.strip())


@transaction.atomic
def employer_access_decide(
    *, request_id: int, actor, approve: bool, reason: str = ""
) -> EmployerAccessRequest:
    """Approve: the person joins the Employers group. Decline: the reason is shown to them.
    Either way they are e-mailed once."""
    access = EmployerAccessRequest.objects.select_for_update().get(pk=request_id)
    access.decide(
        actor=actor,
        approve=approve,
        reason=reason,
        decline_needs=_("Say why access is declined; the person sees it."),
    )
    if approve:
        ensure_role_groups()
        access.user.groups.add(Group.objects.get(name=EMPLOYERS_GROUP))
    jobs.enqueue(send_access_decision_job, access.pk)
    return access
