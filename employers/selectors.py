"""Reads for the employer tools and share links: who is an employer, what their pages list, and
what a share link shows. Services write; views read through these."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from certificates.models import Certificate, SupervisionEntry
from certificates.selectors import supervision_totals
from continuing_education.transcript import assessment_results, transcript_for
from courses.permissions import EMPLOYERS_GROUP
from courses.selectors import dashboard_enrollments

from .models import ApiKey, EmployerAccessRequest, RosterEntry, ShareLink

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


def roster_entries(*, employer) -> QuerySet[RosterEntry]:
    """The roster with what its page prints, by holder."""
    return (
        RosterEntry.objects.filter(employer=employer)
        .select_related("certificate__version__program", "certificate__superseded_by")
        .order_by("certificate__holder_name", "added_at")
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
