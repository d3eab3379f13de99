"""Reads for applications: the applicant's page, the board's queue with its deadlines, and the
answers certificates asks for through its hooks (may this certificate be issued yet; does an
external exam pass count)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.utils import timezone

from certificates.models import ProgramVersion
from certificates.requirements import Item
from certificates.selectors import versions_pursued_by

from . import rules
from .models import Application, ApplicationPolicy, ClockPause, ExamResult


def deadline(application: Application, *, today: date | None = None) -> date | None:
    """When the board's decision is due (None: no deadline, or the clock has not started).
    Reads application.pauses (prefetch it for lists)."""
    policy = getattr(application.version, "application_policy", None)
    if policy is None or policy.decision_days is None or application.clock_started_on is None:
        return None
    today = today or timezone.localdate()
    return rules.due_date(
        started_on=application.clock_started_on,
        days=policy.decision_days,
        pauses=[pause.as_pause() for pause in application.pauses.all()],
        today=today,
    )


@dataclass(frozen=True)
class QueueRow:
    application: Application
    due: date | None
    overdue: bool
    paused: bool


def board_queue(*, today: date | None = None) -> list[QueueRow]:
    """Open applications, oldest first, each with its due date and overdue flag. Three queries
    whatever the size of the queue."""
    today = today or timezone.localdate()
    applications = (
        Application.objects.open()
        .select_related("applicant", "version__program", "version__application_policy")
        .prefetch_related(Prefetch("pauses", queryset=ClockPause.objects.order_by("started_on")))
        .order_by("submitted_at", "pk")
    )
    rows = []
    for application in applications:
        due = deadline(application, today=today)
        rows.append(
            QueueRow(
                application=application,
                due=due,
                overdue=application.status != Application.Status.INFO_REQUESTED
                and rules.is_overdue(due=due, today=today),
                paused=application.status == Application.Status.INFO_REQUESTED,
            )
        )
    return rows


def appeals_waiting():
    return Application.objects.filter(appeal__outcome="pending").select_related(
        "applicant", "version__program", "appeal"
    )


@dataclass(frozen=True)
class BoardCounts:
    waiting: int  # under review: a decision is the board's to make
    overdue: int
    appeals: int


def board_counts(*, today: date | None = None) -> BoardCounts:
    rows = board_queue(today=today)
    return BoardCounts(
        waiting=sum(1 for row in rows if row.application.status == Application.Status.UNDER_REVIEW),
        overdue=sum(1 for row in rows if row.overdue),
        appeals=appeals_waiting().count(),
    )


def applications_of(user) -> list[Application]:
    return list(
        Application.objects.filter(applicant=user).select_related(
            "version__program", "version__application_policy"
        )
    )


def versions_taking_applications():
    return (
        ProgramVersion.objects.in_effect()
        .filter(application_policy__application_required=True)
        .select_related("program", "application_policy")
    )


def versions_needing_application(user) -> list[ProgramVersion]:
    """Versions the trainee pursues (enrolled in a required course) that take applications and
    for which they have no approved one yet: their home links to /apply/."""
    if not user.is_authenticated:
        return []
    approved = Application.objects.filter(
        applicant=user, status=Application.Status.APPROVED
    ).values("version_id")
    return list(
        versions_pursued_by(user)
        .filter(application_policy__application_required=True)
        .exclude(pk__in=approved)
    )


def has_application_home(user) -> bool:
    """Whether the trainee's home shows their applications: an application of theirs is in
    progress (not approved yet), or a program they pursue takes applications and they have no
    approved one. One query."""
    if not user.is_authenticated:
        return False
    approved = Application.objects.filter(
        applicant=user, status=Application.Status.APPROVED
    ).values("version_id")
    pursued = (
        versions_pursued_by(user)
        .filter(application_policy__application_required=True)
        .exclude(pk__in=approved)
        .values("pk")
    )
    in_progress = (
        Application.objects.filter(applicant=user)
        .exclude(status=Application.Status.APPROVED)
        .values("version_id")
    )
    return ProgramVersion.objects.filter(Q(pk__in=pursued) | Q(pk__in=in_progress)).exists()


@dataclass(frozen=True)
class ApplicantCounts:
    to_start: int  # programs the trainee pursues that need an application not started yet
    in_progress: int  # drafts, and applications with the referees or the board
    action_needed: int  # the board asked for more information


def applicant_counts(user) -> ApplicantCounts:
    """Two queries."""
    needing = versions_needing_application(user)
    mine = list(Application.objects.filter(applicant=user).values_list("version_id", "status"))
    started = {version for version, status in mine if status != Application.Status.DENIED}
    return ApplicantCounts(
        to_start=sum(1 for version in needing if version.pk not in started),
        in_progress=sum(
            1
            for _version, status in mine
            if status not in (Application.Status.APPROVED, Application.Status.DENIED)
        ),
        action_needed=sum(1 for _v, status in mine if status == Application.Status.INFO_REQUESTED),
    )


# --- answers to certificates' hooks ----------------------------------------------------------


def application_items(*, trainee, version) -> list[Item]:
    """The issuance gate, as a requirement: where the version requires an application, only a
    board's approval lets a certificate be issued."""
    policy = ApplicationPolicy.objects.filter(
        version_id=version.pk, application_required=True
    ).first()
    if policy is None:
        return []
    approved = Application.objects.filter(
        applicant=trainee, version_id=version.pk, status=Application.Status.APPROVED
    ).exists()
    return [
        Item(
            key=f"application:{policy.pk}",
            label="Application approved by the board",
            met=approved,
        )
    ]


def external_exam_items(*, trainee, version) -> list[Item]:
    """The external board exam as a requirement, when the version names one: met by a passing
    result imported from the vendor, like a PeerCert assessment's pass."""
    policy = ApplicationPolicy.objects.filter(version_id=version.pk).first()
    if policy is None or not policy.external_exam_name:
        return []
    passed = ExamResult.objects.filter(
        eligibility__application__applicant=trainee,
        eligibility__application__version_id=version.pk,
        passed=True,
    ).exists()
    return [
        Item(
            key=f"exam:{policy.pk}",
            label=f"Pass the {policy.external_exam_name}",
            met=passed,
        )
    ]
