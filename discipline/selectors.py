"""Reads for discipline: the committee's case list and counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .models import Complaint


def open_cases() -> QuerySet[Complaint]:
    return Complaint.objects.exclude(step=Complaint.Step.CLOSED).select_related("certificate")


def open_case_count() -> int:
    return open_cases().count()


def cases_for_committee() -> QuerySet[Complaint]:
    return Complaint.objects.select_related("certificate").order_by("step", "-received_at")


@dataclass(frozen=True)
class CommitteeCounts:
    new: int  # received, nobody has started on it
    open: int  # every case not closed


def committee_counts() -> CommitteeCounts:
    """The ethics committee's home section: one query."""
    counts = Complaint.objects.exclude(step=Complaint.Step.CLOSED).aggregate(
        new=Count("pk", filter=Q(step=Complaint.Step.RECEIVED)), open=Count("pk")
    )
    return CommitteeCounts(new=counts["new"], open=counts["open"])
