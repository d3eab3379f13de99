"""The transcript as a verifiable credential (1EdTech CLR 2.0), for a share link and for the
trainee's own download. continuing_education builds the transcript and credentials signs; they
are siblings that may not import each other, so the records pass through here, above both."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse, JsonResponse

from certificates.models import Certificate
from continuing_education.transcript import Transcript
from credentials.clr import (
    CourseRecord,
    CycleRecord,
    LiveTrainingRecord,
    SkillRecord,
    issue_transcript_credential,
)
from credentials.models import TranscriptCredential

__all__ = [
    "SIGNING_UNAVAILABLE",
    "credential_response",
    "shared_link_credential",
    "signing_unavailable",
    "transcript_credential",
]

MEDIA_TYPE = "application/vc"
SIGNING_UNAVAILABLE = "Credential signing is not available right now."


def _records(transcript: Transcript) -> tuple[list[CourseRecord], list[CycleRecord]]:
    courses = [
        CourseRecord(
            title=row["title"],
            hours=row["hours"],
            completed_on=row["completed_on"],
            complete=bool(row["complete"]),
        )
        for row in transcript.courses
    ]
    cycles = [
        CycleRecord(
            credential=block.credential,
            start=block.cycle.start,
            end=block.cycle.end,
            total=block.total,
            required=block.required,
            by_category=list(block.by_category),
        )
        for block in transcript.cycles
    ]
    return courses, cycles


def _live_records(transcript: Transcript) -> list[LiveTrainingRecord]:
    """Attended sessions summed per course and way of taking part (in person, live video)."""
    totals: dict[tuple[str, str], list] = {}
    for row in transcript.live_sessions:
        total = totals.setdefault((row.course, row.delivery), [Decimal("0"), 0])
        total[0] += row.hours
        total[1] += 1
    return [
        LiveTrainingRecord(course=course, delivery=delivery, hours=hours, sessions=sessions)
        for (course, delivery), (hours, sessions) in sorted(totals.items())
        if hours > 0
    ]


def _skill_records(transcript: Transcript) -> list[SkillRecord]:
    return [
        SkillRecord(skill=r.skill, course=r.course, passed_on=r.passed_on, mode=r.mode)
        for r in transcript.practical_evaluations
    ]


def transcript_credential(
    *,
    holder,
    transcript: Transcript,
    source: str,
    certificates: Iterable[Certificate],
    include_courses: bool = True,
    include_ce: bool = True,
) -> TranscriptCredential:
    """The signed ClrCredential of ``transcript``'s courses and CE cycles (as chosen) and the
    given certificates. A revoked certificate is left out: it would revoke the transcript."""
    courses, cycles = _records(transcript)
    return issue_transcript_credential(
        holder=holder,
        holder_name=transcript.holder_name,
        source=source,
        courses=courses if include_courses else [],
        certificates=[c for c in certificates if c.status != Certificate.Status.REVOKED],
        cycles=cycles if include_ce else [],
        # Live hours and observed skills are training, shared with the courses.
        live_training=_live_records(transcript) if include_courses else [],
        skills=_skill_records(transcript) if include_courses else [],
    )


def shared_link_credential(*, link, transcript: Transcript, certificates) -> TranscriptCredential:
    """What a share link shows (its certificates, courses and transcript) as one credential."""
    return transcript_credential(
        holder=link.holder,
        transcript=transcript,
        source=f"share:{link.pk}",
        certificates=certificates,
    )


def credential_response(record: TranscriptCredential) -> HttpResponse:
    response = HttpResponse(record.credential_json.encode("utf-8"), content_type=MEDIA_TYPE)
    response["Content-Disposition"] = 'attachment; filename="peercert-transcript-credential.json"'
    return response


def signing_unavailable() -> HttpResponse:
    """No issuer keys (yet): a clear 503, never a 500."""
    return JsonResponse({"detail": SIGNING_UNAVAILABLE}, status=503)
