"""Reads for continuing education: rows in, the pure rules' dataclasses out."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, F, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import roles
from certificates.models import Certificate
from core import json_rows

from . import cache as rules_cache
from . import rules
from .models import (
    CEActivity,
    CEAllocation,
    CECategoryMinimum,
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


def _read_rules(version_ids: list[int]) -> dict[int, CERules]:
    """The versions' rules with everything they are evaluated on: four queries for any number
    of versions."""
    return {
        row.version_id: row
        for row in CERules.objects.filter(version_id__in=version_ids).prefetch_related(
            Prefetch(
                "category_minimums", queryset=CECategoryMinimum.objects.select_related("category")
            ),
            "mode_caps",
            "ce_courses",
        )
    }


def ce_rules_by_version(version_ids: Iterable[int]) -> dict[int, CERules | None]:
    """version id → its CE rules (None: the version has none), from the cache until an
    administrator edits them (continuing_education/cache.py); no query when cached."""
    return rules_cache.rules_for_versions(version_ids, _read_rules)


def ce_rules_for(version) -> CERules | None:
    """One version's CE rules (a ProgramVersion or its id)."""
    version_id = getattr(version, "pk", version)
    return ce_rules_by_version([version_id]).get(version_id)


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


# What _activities_with_allocations adds to each record: [[category name, hours], …] as JSON.
_ALLOCATIONS = "ce_allocations_json"
_CENTS = Decimal("0.01")  # CEAllocation.hours has two decimal places


def _activities_with_allocations(*, user: User) -> list[CEActivity]:
    """The holder's CE records with what the rules read of their allocations (each category's
    name and hours) in the same query: one query, where holder_activities takes two. Databases
    other than SQLite and PostgreSQL get holder_activities."""
    if not json_rows.supported():
        return list(holder_activities(user=user))
    allocations = (
        CEAllocation.objects.filter(activity=OuterRef("pk"))
        .annotate(c=F("category__name"), h=F("hours"))
        .values("c", "h")
    )
    return list(
        CEActivity.objects.for_holder(user)
        .annotate(**{_ALLOCATIONS: json_rows.JSONRows(allocations, "c", "h")})
        .order_by("-date", "-submitted_at")
    )


def _allocations(activity: CEActivity) -> tuple[tuple[str, Decimal], ...]:
    folded = getattr(activity, _ALLOCATIONS, None)
    if folded is None:
        return tuple((row.category.name, row.hours) for row in activity.allocations.all())
    return tuple(
        (name, Decimal(str(hours)).quantize(_CENTS))
        for name, hours in json.loads(folded, parse_float=Decimal)
    )


def activity_data(activity: CEActivity) -> rules.Activity:
    return rules.Activity(
        id=activity.pk,
        date=activity.date,
        hours=activity.hours,
        mode=activity.delivery_mode,
        approved=activity.status == CEActivity.Status.APPROVED,
        allocations=_allocations(activity),
    )


def _supersedes(certificate: Certificate, known: dict[int, Certificate] | None):
    if known is not None and certificate.supersedes_id in known:
        return known[certificate.supersedes_id]
    return certificate.supersedes


def period_start(
    certificate: Certificate, *, known: dict[int, Certificate] | None = None
) -> date | None:
    """First day of the certificate's period. A reissue keeps its period; a renewal starts the
    day after the certificate it renewed expired, whenever it was approved. ``known``: the
    holder's certificates by id, already read (the chain is looked up there, not queried)."""
    first = certificate
    while first.supersedes_id and _supersedes(first, known).cycle == first.cycle:
        first = _supersedes(first, known)
    if first.supersedes_id and _supersedes(first, known).expires_on:
        return _supersedes(first, known).expires_on + timedelta(days=1)
    return first.issued_on


def cycle_for(
    certificate: Certificate, *, known: dict[int, Certificate] | None = None
) -> rules.Cycle | None:
    start = period_start(certificate, known=known)
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
    rows = _certificate_rows(
        [certificate],
        today=today or timezone.localdate(),
        activities=(
            (lambda: activities)
            if activities is not None
            else (lambda: list(holder_activities(user=certificate.holder_id)))
        ),
        ce_rules={certificate.version_id: ce_rules} if ce_rules is not None else None,
    )
    return rows[0] if rows else None


def _certificate_rows(
    certificates: list[Certificate],
    *,
    today: date,
    activities: Callable[[], list[CEActivity]],
    ce_rules: dict[int, CERules | None] | None = None,
    known: dict[int, Certificate] | None = None,
) -> list[CertificateCE]:
    """certificate_ce for several certificates of one holder, in their order: the rules from
    the cache, then the holder's CE records (``activities`` reads them), their renewal
    applications and their lapses, one query each whatever the number of certificates — and
    none of them when no certificate has CE rules and a cycle."""
    if ce_rules is None:
        ce_rules = ce_rules_by_version(c.version_id for c in certificates)
    cycles = []
    for certificate in certificates:
        certificate_rules = ce_rules.get(certificate.version_id)
        cycle = cycle_for(certificate, known=known)
        if certificate_rules is not None and cycle is not None:
            cycles.append((certificate, certificate_rules, cycle))
    if not cycles:
        return []
    records = activities()
    ids = [certificate.pk for certificate, _rules, _cycle in cycles]
    applications: dict[int, RenewalApplication] = {}
    # Newest first: the first one met for a certificate is its latest application.
    for application in (
        RenewalApplication.objects.filter(certificate_id__in=ids)
        .select_related("new_certificate")
        .order_by("-submitted_at", "-pk")
    ):
        applications.setdefault(application.certificate_id, application)
    lapses = {
        lapse.certificate_id: lapse
        for lapse in CertificateLapse.objects.filter(certificate_id__in=ids)
    }
    rows = []
    for certificate, certificate_rules, cycle in cycles:
        application = applications.get(certificate.pk)
        if application is not None:
            application.certificate = certificate
        lapse = lapses.get(certificate.pk)
        if lapse is not None:
            lapse.certificate = certificate
        counted = counting_toward(certificate_rules, records)
        checklist = rules.evaluate(
            rules_data(certificate_rules), cycle, [activity_data(a) for a in counted]
        )
        pending = [
            a for a in counted if a.status == CEActivity.Status.SUBMITTED and cycle.contains(a.date)
        ]
        rows.append(
            CertificateCE(
                certificate=certificate,
                ce_rules=certificate_rules,
                cycle=cycle,
                checklist=checklist,
                phase=rules.phase(
                    cycle,
                    today,
                    window_days=certificate_rules.window_days,
                    grace_days=certificate_rules.grace_days,
                ),
                today=today,
                application=application,
                lapse=lapse,
                pending_hours=sum((a.hours for a in pending), Decimal("0")),
                pending_count=len(pending),
            )
        )
    return rows


def current_certificates(*, user: User):
    return (
        Certificate.objects.for_holder(user)
        .filter(status__in=CURRENT_STATUSES)
        .select_related("version__program", "supersedes__supersedes")
        .order_by("-issued_on")
    )


def _newest_issued_first(certificate: Certificate) -> tuple:
    # As current_certificates orders them (-issued_on), a certificate not issued yet last.
    issued = certificate.issued_on
    return (issued is not None, issued or date.min)


def dashboard_ce(
    *,
    user: User,
    today: date | None = None,
    certificates: Iterable[Certificate] | None = None,
) -> list[CertificateCE]:
    """One CE section per current certificate, newest first. ``certificates``: the holder's
    certificates already read for the page (certificates.selectors.holder_certificates, every
    status: the current ones get a section, the older ones give each cycle its start), so they
    are not read again. The rules come from the cache; then, only when a certificate has CE
    rules and a cycle, the CE records with their allocations, the renewal applications and the
    lapses, one query each, whatever the number of certificates or records."""
    if certificates is None:
        current = list(current_certificates(user=user))
        known = None
    else:
        held = list(certificates)
        known = {certificate.pk: certificate for certificate in held}
        current = sorted(
            (c for c in held if c.status in CURRENT_STATUSES),
            key=_newest_issued_first,
            reverse=True,
        )
    if not current:
        return []
    return _certificate_rows(
        current,
        today=today or timezone.localdate(),
        activities=lambda: _activities_with_allocations(user=user),
        known=known,
    )


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
