"""Reads for continuing education: rows in, the pure rules' dataclasses out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import roles
from certificates.models import Certificate

from . import rules
from .models import (
    CEActivity,
    CEAllocation,
    CertificateLapse,
    CERules,
    DeliveryMode,
    RenewalApplication,
)

if TYPE_CHECKING:
    from accounts.models import User

# Statuses whose holder is still in a CE cycle (a suspended certificate keeps its cycle).
CURRENT_STATUSES = (
    Certificate.Status.VALID,
    Certificate.Status.EXPIRED,
    Certificate.Status.SUSPENDED,
)
RENEWABLE_STATUSES = (Certificate.Status.VALID, Certificate.Status.EXPIRED)

# Why the "Renew" action is not offered (services reuse them as error messages).
NO_RULES = "This credential has no CE rules yet."
NOT_RENEWABLE = "Only a valid or expired certificate can be renewed."
WINDOW_NOT_OPEN = "Renewal opens on %(date)s."
LAPSED = "The grace period has ended; the credential has lapsed. Apply again as a new candidate."
REQUIREMENTS_SHORT = "Not every CE requirement is met yet."
ALREADY_APPLIED = "A renewal for this certificate is already submitted."
ALREADY_RENEWED = "This certificate has already been renewed."


def ce_rules_for(version) -> CERules | None:
    try:
        return CERules.objects.prefetch_related(
            "category_minimums__category", "mode_caps", "ce_courses"
        ).get(version=version)
    except CERules.DoesNotExist:
        return None


def ce_course_ids(ce_rules: CERules) -> frozenset[int]:
    """The PeerCert courses whose modules earn CE under these rules (CECourse)."""
    return frozenset(row.course_id for row in ce_rules.ce_courses.all())


def counting_toward(ce_rules: CERules, activities: Iterable[CEActivity]) -> list[CEActivity]:
    """The records that may count toward these rules: every outside record, and platform
    credit only from a course the rules list. Initial certification training (the course the
    credential required) is never CE for it, whatever records exist."""
    courses = ce_course_ids(ce_rules)
    return [
        activity
        for activity in activities
        if activity.source != CEActivity.Source.PLATFORM or activity.source_course_id in courses
    ]


def rules_data(ce_rules: CERules) -> rules.Rules:
    return rules.Rules(
        total_hours=ce_rules.total_hours,
        category_minimums=tuple(
            (row.category.name, row.min_hours) for row in ce_rules.category_minimums.all()
        ),
        daily_cap=ce_rules.daily_cap_hours,
        daily_capped_modes=frozenset({ce_rules.daily_cap_mode})
        if ce_rules.daily_cap_hours
        else frozenset(),
        mode_caps=tuple((row.mode, row.max_hours) for row in ce_rules.mode_caps.all()),
    )


def holder_activities(*, user: User):
    return (
        CEActivity.objects.for_holder(user)
        .prefetch_related(
            Prefetch("allocations", queryset=CEAllocation.objects.select_related("category"))
        )
        .order_by("-date", "-submitted_at")
    )


def activity_data(activity: CEActivity) -> rules.Activity:
    return rules.Activity(
        id=activity.pk,
        date=activity.date,
        hours=activity.hours,
        mode=activity.delivery_mode,
        approved=activity.status == CEActivity.Status.APPROVED,
        allocations=tuple((row.category.name, row.hours) for row in activity.allocations.all()),
    )


def period_start(certificate: Certificate) -> date | None:
    """First day of the certificate's period. A reissue keeps its period; a renewal starts the
    day after the certificate it renewed expired, whenever it was approved."""
    first = certificate
    while first.supersedes_id and first.supersedes.cycle == first.cycle:
        first = first.supersedes
    if first.supersedes_id and first.supersedes.expires_on:
        return first.supersedes.expires_on + timedelta(days=1)
    return first.issued_on


def cycle_for(certificate: Certificate) -> rules.Cycle | None:
    start = period_start(certificate)
    if start is None or certificate.expires_on is None or certificate.expires_on < start:
        return None
    return rules.Cycle(start=start, end=certificate.expires_on)


@dataclass
class CertificateCE:
    """Everything the dashboard shows for one certificate's CE cycle."""

    certificate: Certificate
    ce_rules: CERules
    cycle: rules.Cycle
    checklist: rules.Checklist
    phase: rules.Phase
    today: date
    application: RenewalApplication | None
    lapse: CertificateLapse | None
    pending_hours: Decimal
    pending_count: int

    @property
    def days_left(self) -> int:
        return rules.days_left(self.cycle, self.today)

    @property
    def window_opens_on(self) -> date:
        return rules.window_opens_on(self.cycle, self.ce_rules.window_days)

    @property
    def grace_ends_on(self) -> date:
        return rules.grace_ends_on(self.cycle, self.ce_rules.grace_days)

    @property
    def lapsed(self) -> bool:
        return self.lapse is not None or self.phase == rules.Phase.LAPSED

    @property
    def renewal_refusal(self) -> str | None:
        """Why "Renew" is not offered now, or None when it is."""
        if (
            self.application is not None
            and self.application.status == RenewalApplication.Status.APPROVED
        ):
            return _(ALREADY_RENEWED)
        if self.application is not None and self.application.is_open:
            return _(ALREADY_APPLIED)
        if self.certificate.status not in RENEWABLE_STATUSES:
            return _(NOT_RENEWABLE)
        if self.lapsed:
            return _(LAPSED)
        if self.phase == rules.Phase.ACTIVE:
            return _(WINDOW_NOT_OPEN) % {"date": date_format(self.window_opens_on, "j F Y")}
        if not self.checklist.met:
            return _(REQUIREMENTS_SHORT)
        return None

    @property
    def can_renew(self) -> bool:
        return self.renewal_refusal is None

    @property
    def daily_cap_label(self) -> str:
        return dict(DeliveryMode.choices).get(self.ce_rules.daily_cap_mode, "")

    @property
    def mode_rooms(self) -> list[dict]:
        labels = dict(DeliveryMode.choices)
        return [
            {
                "label": labels.get(room.mode, room.mode),
                "cap": room.cap,
                "used": room.used,
                "remaining": room.remaining,
            }
            for room in self.checklist.mode_room
        ]


def certificate_ce(
    certificate: Certificate,
    *,
    today: date | None = None,
    activities: list[CEActivity] | None = None,
    ce_rules: CERules | None = None,
) -> CertificateCE | None:
    today = today or timezone.localdate()
    ce_rules = ce_rules or ce_rules_for(certificate.version)
    cycle = cycle_for(certificate)
    if ce_rules is None or cycle is None:
        return None
    if activities is None:
        activities = list(holder_activities(user=certificate.holder))
    activities = counting_toward(ce_rules, activities)
    checklist = rules.evaluate(rules_data(ce_rules), cycle, [activity_data(a) for a in activities])
    pending = [
        a for a in activities if a.status == CEActivity.Status.SUBMITTED and cycle.contains(a.date)
    ]
    application = (
        RenewalApplication.objects.filter(certificate=certificate)
        .order_by("-submitted_at", "-pk")
        .first()
    )
    lapse = CertificateLapse.objects.filter(certificate=certificate).first()
    return CertificateCE(
        certificate=certificate,
        ce_rules=ce_rules,
        cycle=cycle,
        checklist=checklist,
        phase=rules.phase(
            cycle, today, window_days=ce_rules.window_days, grace_days=ce_rules.grace_days
        ),
        today=today,
        application=application,
        lapse=lapse,
        pending_hours=sum((a.hours for a in pending), Decimal("0")),
        pending_count=len(pending),
    )


def current_certificates(*, user: User):
    return (
        Certificate.objects.for_holder(user)
        .filter(status__in=CURRENT_STATUSES)
        .select_related("version__program", "supersedes__supersedes")
        .order_by("-issued_on")
    )


def dashboard_ce(*, user: User, today: date | None = None) -> list[CertificateCE]:
    """One CE section per current certificate. Queries grow with the number of certificates a
    person holds (one or two), never with their CE records."""
    activities = list(holder_activities(user=user))
    rows = []
    for certificate in current_certificates(user=user):
        row = certificate_ce(certificate, today=today, activities=activities)
        if row is not None:
            rows.append(row)
    return rows


def can_review(user: User) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or roles.has_role(user, roles.REVIEWERS))
    )


def review_queue(*, reviewer: User) -> dict:
    """What waits for a decision, oldest first; never the reviewer's own submissions."""
    return {
        "activities": CEActivity.objects.awaiting_review()
        .exclude(holder=reviewer)
        .select_related("holder")
        .prefetch_related(
            Prefetch("allocations", queryset=CEAllocation.objects.select_related("category"))
        )
        .order_by("submitted_at"),
        "renewals": RenewalApplication.objects.filter(status__in=RenewalApplication.OPEN)
        .exclude(holder=reviewer)
        .select_related("holder", "certificate__version__program")
        .order_by("submitted_at"),
    }


@dataclass(frozen=True)
class ReviewCounts:
    records: int  # CE records waiting for a decision
    renewals: int  # renewal applications waiting for a decision
    audits: int  # renewals selected for audit, waiting for their proofs to be checked


def review_counts(*, reviewer) -> ReviewCounts:
    """How much waits in the review queue, never counting the reviewer's own. Two queries."""
    renewals = (
        RenewalApplication.objects.filter(status__in=RenewalApplication.OPEN)
        .exclude(holder=reviewer)
        .aggregate(
            submitted=Count("pk", filter=Q(status=RenewalApplication.Status.SUBMITTED)),
            audit=Count("pk", filter=Q(status=RenewalApplication.Status.AUDIT)),
        )
    )
    return ReviewCounts(
        records=CEActivity.objects.awaiting_review().exclude(holder=reviewer).count(),
        renewals=renewals["submitted"],
        audits=renewals["audit"],
    )


def counted_activities(application: RenewalApplication) -> list[dict]:
    """The records a renewal relied on, with their proofs, for the reviewer or auditor."""
    counted = {int(k): v for k, v in application.snapshot.get("counted", {}).items()}
    activities = (
        CEActivity.objects.filter(pk__in=counted)
        .prefetch_related(
            Prefetch("allocations", queryset=CEAllocation.objects.select_related("category"))
        )
        .order_by("date")
    )
    return [{"activity": a, "counted_hours": Decimal(counted[a.pk])} for a in activities]
