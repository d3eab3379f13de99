"""Reads for the employer tools and share links: who is an employer, what their pages list, and
what a share link shows. Services write; views read through these."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, CertificateEvent, SupervisionEntry
from certificates.selectors import supervision_totals
from continuing_education.transcript import assessment_results, transcript_for
from courses.permissions import EMPLOYERS_GROUP
from courses.selectors import dashboard_enrollments
from verification.models import VerificationReport

from .models import (
    ApiKey,
    EmployerAccessRequest,
    RosterEntry,
    ShareLink,
    WebhookDelivery,
    WebhookEndpoint,
)

# --- who is an employer -----------------------------------------------------------------------


def is_employer(user) -> bool:
    """Members of the "Employers" group. Cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_peercert_is_employer", None)
    if cached is None:
        cached = user.groups.filter(name=EMPLOYERS_GROUP).exists()
        user._peercert_is_employer = cached
    return cached


# --- an employer's own pages ------------------------------------------------------------------


# "Expiring soon" on the roster: time to remind someone to renew.
EXPIRING_WITHIN_DAYS = 60


def _public_status_now(today: date) -> Case:
    """The certificate's status as shown today: a valid one past its expiry date reads expired."""
    return Case(
        When(
            certificate__status=Certificate.Status.VALID,
            certificate__expires_on__lt=today,
            then=Value(Certificate.Status.EXPIRED),
        ),
        default=F("certificate__status"),
        output_field=CharField(),
    )


def _expiring_soon(today: date) -> Q:
    return Q(
        certificate__status=Certificate.Status.VALID,
        certificate__expires_on__gte=today,
        certificate__expires_on__lte=today + timedelta(days=EXPIRING_WITHIN_DAYS),
    )


def _changed(today: date) -> Q:
    """Its status is not the one the employer last saw, or it moved since their last visit
    (a suspension lifted in between still counts)."""
    moved_since_seen = CertificateEvent.objects.filter(
        certificate=OuterRef("certificate"), at__gt=OuterRef("seen_at")
    ).exclude(from_status=F("to_status"))
    return Q(Exists(moved_since_seen)) | ~Q(seen_status=_public_status_now(today))


def _with_flags(entries: QuerySet[RosterEntry], today: date) -> QuerySet[RosterEntry]:
    """Each entry with ``public_status_now``, ``expiring_soon`` (valid, expiring within
    EXPIRING_WITHIN_DAYS) and ``changed`` (since the employer's last visit), in SQL."""
    return entries.annotate(
        public_status_now=_public_status_now(today),
        expiring_soon=ExpressionWrapper(_expiring_soon(today), output_field=BooleanField()),
        changed=ExpressionWrapper(_changed(today), output_field=BooleanField()),
    )


def roster_entries(*, employer, today: date | None = None) -> QuerySet[RosterEntry]:
    """The roster with what its page prints, by holder, each with its flags (_with_flags)."""
    return _with_flags(
        RosterEntry.objects.filter(employer=employer)
        .select_related("certificate__version__program", "certificate__superseded_by")
        .order_by("certificate__holder_name", "added_at"),
        today or timezone.localdate(),
    )


@dataclass(frozen=True)
class RosterSummary:
    total: int
    expiring_soon: int
    changed: int


def roster_summary(*, employer, today: date | None = None) -> RosterSummary:
    """How many certificates the employer follows, expire within EXPIRING_WITHIN_DAYS, and
    changed since their last visit to the roster. One query."""
    today = today or timezone.localdate()
    # The conditions themselves, not the annotations' names: an aggregate's FILTER cannot
    # refer to an annotation it does not select.
    row = RosterEntry.objects.filter(employer=employer).aggregate(
        total=Count("pk"),
        expiring_soon=Count("pk", filter=_expiring_soon(today)),
        changed=Count("pk", filter=_changed(today)),
    )
    return RosterSummary(**row)


def roster_export_rows(*, employer, today: date | None = None) -> list[list]:
    """The roster as a spreadsheet: a header, then one row per certificate followed."""
    rows: list[list] = [list(ROSTER_EXPORT_COLUMNS)]
    for entry in roster_entries(employer=employer, today=today):
        certificate = entry.certificate
        rows.append(
            [
                certificate.display_code,
                certificate.holder_name,
                certificate.version.program.credential_name,
                entry.public_status_now,
                certificate.issued_on.isoformat() if certificate.issued_on else "",
                certificate.expires_on.isoformat() if certificate.expires_on else "",
                "yes" if entry.expiring_soon else "no",
                "yes" if entry.changed else "no",
                entry.label,
                timezone.localdate(entry.added_at).isoformat(),
                certificate.verification_url,
            ]
        )
    return rows


ROSTER_EXPORT_COLUMNS = (
    "code",
    "holder_name",
    "credential",
    "status",
    "issued_on",
    "expires_on",
    f"expires_within_{EXPIRING_WITHIN_DAYS}_days",
    "changed_since_last_visit",
    "your_reference",
    "added_on",
    "verification_url",
)


def approved_organisation(*, user) -> str | None:
    """The organisation an administrator approved the tools for, if they asked here."""
    return (
        EmployerAccessRequest.objects.filter(
            user=user, status=EmployerAccessRequest.Status.APPROVED
        )
        .order_by("-decided_at")
        .values_list("organisation", flat=True)
        .first()
    )


def pending_access_request(*, user) -> EmployerAccessRequest | None:
    return EmployerAccessRequest.objects.filter(
        user=user, status=EmployerAccessRequest.Status.PENDING
    ).first()


def latest_declined_access_request(*, user) -> EmployerAccessRequest | None:
    return (
        EmployerAccessRequest.objects.filter(
            user=user, status=EmployerAccessRequest.Status.DECLINED
        )
        .order_by("-decided_at")
        .first()
    )


def access_requests_waiting_count() -> int:
    """Requests for the employer tools waiting for a user manager."""
    return EmployerAccessRequest.objects.filter(status=EmployerAccessRequest.Status.PENDING).count()


def employer_api_keys(*, employer) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(employer=employer)


# --- a trainee's share links and what they show -----------------------------------------------


def holder_share_links(*, holder) -> QuerySet[ShareLink]:
    return ShareLink.objects.filter(holder=holder)


def shareable_assessment_results(*, holder) -> list[dict]:
    """The results a trainee may put on a shared transcript: the transcript's own choices."""
    return assessment_results(user=holder)


def shared_holder_name(holder) -> str:
    return holder.get_full_name() or _("(name not given)")


def shared_certificates(*, holder) -> QuerySet[Certificate]:
    return (
        Certificate.objects.for_holder(holder)
        .issued()
        .select_related("version__program")
        .order_by("-issued_on")
    )


def shared_courses(*, holder) -> list[dict]:
    """Each enrolled course's title and progress; nothing about attempts or answers."""
    return [
        {
            "title": row["course"].title,
            "percent": row["progress"].percent,
            "complete": row["progress"].complete,
        }
        for row in dashboard_enrollments(user=holder)
    ]


def shared_supervision(*, holder) -> dict:
    """Signed hours by kind and domain:
    {"practice": {"label": …, "rows": [(domain, hours)], "total": h}, "supervision": {...}}."""
    totals = supervision_totals(trainee=holder)
    grouped = {}
    for kind, label in SupervisionEntry.Kind.choices:
        rows = sorted(
            (key.split(":", 1)[1], hours)
            for key, hours in totals.items()
            if key.split(":", 1)[0] == kind
        )
        grouped[kind] = {
            "label": label,
            "rows": rows,
            "total": sum((h for _d, h in rows), Decimal("0")),
        }
    return grouped


def shared_transcript(link: ShareLink):
    """The holder's transcript as this link shares it: the transcript builder's own output,
    with the assessment results chosen for the link, and never the e-mail address (the
    transcript falls back to it when no name is given)."""
    holder = link.holder
    transcript = transcript_for(
        user=holder, include_assessments=frozenset(link.transcript_assessments or ())
    )
    return replace(transcript, holder_name=shared_holder_name(holder))


# --- webhooks ----------------------------------------------------------------------------------

DELIVERY_LOG_LENGTH = 50


def webhook_endpoints(*, employer):
    """The employer's own endpoints (removed ones too, greyed: their log stays readable)."""
    return WebhookEndpoint.objects.filter(employer=employer).annotate(
        delivered=Count("deliveries", filter=Q(deliveries__state="delivered")),
        failed=Count("deliveries", filter=Q(deliveries__state="failed")),
        waiting=Count("deliveries", filter=Q(deliveries__state="pending")),
    )


def webhook_endpoint(*, employer, endpoint_id: int) -> WebhookEndpoint:
    """One of the employer's own endpoints; DoesNotExist for anyone else's."""
    return WebhookEndpoint.objects.get(pk=endpoint_id, employer=employer)


def webhook_delivery_endpoint_id(*, employer, delivery_id: int) -> int | None:
    """The endpoint of one of the employer's own deliveries (None for anyone else's)."""
    return (
        WebhookDelivery.objects.filter(pk=delivery_id, endpoint__employer=employer)
        .values_list("endpoint_id", flat=True)
        .first()
    )


def webhook_deliveries(*, endpoint: WebhookEndpoint) -> list[WebhookDelivery]:
    """The newest deliveries with their attempts: two queries."""
    return list(
        endpoint.deliveries.select_related("certificate")
        .prefetch_related("attempt_log")
        .order_by("-created_at", "-pk")[:DELIVERY_LOG_LENGTH]
    )


# --- verification reports ---------------------------------------------------------------------


def employer_reports(*, employer):
    return VerificationReport.objects.filter(requested_by=employer).select_related(
        "certificate__version__program"
    )
