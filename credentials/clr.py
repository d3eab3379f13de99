"""A trainee's transcript as a 1EdTech Comprehensive Learner Record 2.0 ``ClrCredential``.

The caller says what goes in (plain records, so this app needs nothing from the apps that keep
courses and continuing education): completed courses, certificates, and continuing education
by cycle. Certificates travel as the very OpenBadgeCredentials they were issued as (their own
proof and status); each course and each CE cycle becomes an AchievementCredential signed here.
The whole is signed like a badge (``eddsa-rdfc-2022`` by the did:web issuer) and carries one
status entry, which follows what it vouches for (see ``credentials.status.entry_values``).

Asking twice for the same content from the same place returns the same signed credential.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate

from .contexts import CLR_V2P0, OB_V3P0, VC_V2
from .issuer import issuer_keys, issuer_name, signing_key, verification_method
from .models import TranscriptCredential
from .openbadges import HOURS_RESULT_TYPE, issuer_profile
from .proofs import MAX_CREDENTIAL_BYTES, rfc3339, sign_credential
from .services import issue_credential
from .status import assign_status_entry, credential_status

__all__ = [
    "CourseRecord",
    "CycleRecord",
    "LiveTrainingRecord",
    "SkillRecord",
    "TranscriptTooLarge",
    "issue_transcript_credential",
]

# A transcript bundles several credentials; still refuse anything absurd.
MAX_TRANSCRIPT_BYTES = 8 * MAX_CREDENTIAL_BYTES


class TranscriptTooLarge(Exception):
    """The transcript credential would be larger than any verifier should be asked to read."""


@dataclass(frozen=True)
class CourseRecord:
    title: str
    hours: Decimal
    completed_on: date | None = None
    complete: bool = True


@dataclass(frozen=True)
class CycleRecord:
    credential: str
    start: date
    end: date
    total: Decimal
    required: Decimal
    by_category: list[tuple[str, Decimal]] = field(default_factory=list)


@dataclass(frozen=True)
class LiveTrainingRecord:
    """Hours attended live in one course's cohorts, one record per way of taking part."""

    course: str
    delivery: str  # as words: "In person", "Live video"
    hours: Decimal
    sessions: int


@dataclass(frozen=True)
class SkillRecord:
    """A practical (observed) skills evaluation passed."""

    skill: str
    course: str
    passed_on: date
    mode: str = ""  # as words: how it was observed


def _hours(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def _day(value: date) -> str:
    return rfc3339(datetime.combine(value, time.min, tzinfo=UTC))


def _achievement_id(kind: str, name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/achievements/{kind}/{name}").urn


def _hours_description(achievement: str, key: str, name: str) -> dict[str, Any]:
    return {
        "id": uuid.uuid5(uuid.NAMESPACE_URL, f"{achievement}/hours/{key}").urn,
        "type": ["ResultDescription"],
        "name": name,
        "resultType": HOURS_RESULT_TYPE,
    }


def _course_achievement(course: CourseRecord) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    achievement_id = _achievement_id("course", course.title)
    hours = _hours_description(achievement_id, "total", "Contact hours")
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": course.title,
        "description": f"The course {course.title}, taught by {issuer_name()}.",
        "criteria": {"narrative": "Every module of the course completed."},
        "resultDescription": [hours],
    }
    results = [
        {"type": ["Result"], "resultDescription": hours["id"], "value": _hours(course.hours)},
        {"type": ["Result"], "status": "Completed" if course.complete else "InProgress"},
    ]
    return achievement, results


def _live_achievement(
    record: LiveTrainingRecord,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    achievement_id = _achievement_id("live", f"{record.course}/{record.delivery}")
    hours = _hours_description(
        achievement_id, "attended", f"Hours attended live ({record.delivery.lower()})"
    )
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": f"{record.course}: instructor-led sessions, {record.delivery.lower()}",
        "description": (
            f"Sessions of {record.course} taught live by {issuer_name()}'s instructors and "
            f"attended {record.delivery.lower()}; attendance taken by the instructor."
        ),
        "criteria": {
            "narrative": "Hours credited for the part of each session attended, rounded down "
            "to the cohort's step."
        },
        "resultDescription": [hours],
    }
    results = [
        {"type": ["Result"], "resultDescription": hours["id"], "value": _hours(record.hours)},
    ]
    return achievement, results


def _skill_achievement(record: SkillRecord) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    achievement = {
        "id": _achievement_id("skill", f"{record.course}/{record.skill}"),
        "type": ["Achievement"],
        "achievementType": "Assessment",
        "name": f"Practical skills evaluation: {record.skill}",
        "description": (
            f"An observed role-play of {record.skill}, scored by a trained evaluator against "
            f"behavioural anchors ({record.course})"
            + (f", {record.mode.lower()}" if record.mode else "")
            + f"; passed on {record.passed_on:%Y-%m-%d}."
        ),
        "criteria": {
            "narrative": "Every critical criterion met and the instrument's pass rule reached."
        },
    }
    return achievement, [{"type": ["Result"], "status": "Completed"}]


def _cycle_achievement(cycle: CycleRecord) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    name = f"Continuing education for {cycle.credential}, {cycle.start:%Y-%m-%d} to {cycle.end:%Y-%m-%d}"
    achievement_id = _achievement_id("ce", f"{cycle.credential}/{cycle.start}/{cycle.end}")
    total = _hours_description(achievement_id, "total", "Continuing education hours, total")
    descriptions = [total]
    results = [{"type": ["Result"], "resultDescription": total["id"], "value": _hours(cycle.total)}]
    for category, hours in cycle.by_category:
        description = _hours_description(
            achievement_id, f"category/{category}", f"Continuing education hours, {category}"
        )
        descriptions.append(description)
        results.append(
            {"type": ["Result"], "resultDescription": description["id"], "value": _hours(hours)}
        )
    achievement = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "ext:ContinuingEducation",
        "name": name,
        "description": (
            f"Approved continuing education counted toward {cycle.credential} in the cycle "
            f"{cycle.start:%Y-%m-%d} to {cycle.end:%Y-%m-%d}."
        ),
        "criteria": {
            "narrative": f"At least {_hours(cycle.required)} hours of approved continuing "
            "education in the cycle, as the program's rules count them."
        },
        "resultDescription": descriptions,
    }
    return achievement, results


def _achievement_credential(
    *, achievement: dict, results: list, subject_id: str, valid_from: str, key, now: datetime
) -> dict[str, Any]:
    document = {
        "@context": [VC_V2, OB_V3P0],
        "id": uuid.uuid4().urn,
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": achievement["name"],
        "issuer": issuer_profile(),
        "validFrom": valid_from,
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "achievement": achievement,
            "result": results,
        },
    }
    return sign_credential(
        document, key, verification_method=verification_method(key.key_id), created=now
    )


def _digest(*, courses, certificates, cycles, live_training=(), skills=()) -> str:
    content = {
        "courses": [asdict(c) for c in courses],
        "certificates": [c.pk for c in certificates],
        "cycles": [asdict(c) for c in cycles],
    }
    # Only when present, so transcripts signed before these parts existed keep their digest.
    if live_training:
        content["live_training"] = [asdict(r) for r in live_training]
    if skills:
        content["skills"] = [asdict(r) for r in skills]
    return hashlib.sha256(json.dumps(content, default=str, sort_keys=True).encode()).hexdigest()


def issue_transcript_credential(
    *,
    holder,
    holder_name: str,
    source: str,
    courses: list[CourseRecord],
    certificates: list[Certificate],
    cycles: list[CycleRecord],
    live_training: list[LiveTrainingRecord] | None = None,
    skills: list[SkillRecord] | None = None,
) -> TranscriptCredential:
    """The signed ClrCredential for this content, signed once per (holder, source, content)."""
    live_training, skills = live_training or [], skills or []
    digest = _digest(
        courses=courses,
        certificates=certificates,
        cycles=cycles,
        live_training=live_training,
        skills=skills,
    )
    existing = (
        TranscriptCredential.objects.filter(
            holder=holder, source=source, content_sha256=digest, revoked_at__isnull=True
        )
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        return existing
    keys = issuer_keys()
    key = signing_key(keys)
    # The certificates' own credentials, as issued (signed and stored on first use).
    badges = [json.loads(issue_credential(c).credential_json) for c in certificates]
    now = timezone.now()
    with transaction.atomic():
        record = TranscriptCredential.objects.create(
            holder=holder,
            subject_id=uuid.uuid4().urn,
            source=source,
            content_sha256=digest,
            credential_json="",
            key_id=key.key_id,
            created_at=now,
        )
        record.certificates.set(certificates)
        entry = assign_status_entry(transcript=record)
        valid_from = rfc3339(now)
        achievements, nested = [], []
        parts = (
            [_course_achievement(c) for c in courses]
            + [_live_achievement(r) for r in live_training]
            + [_skill_achievement(r) for r in skills]
            + [_cycle_achievement(c) for c in cycles]
        )
        for achievement, results in parts:
            achievements.append(achievement)
            nested.append(
                _achievement_credential(
                    achievement=achievement,
                    results=results,
                    subject_id=record.subject_id,
                    valid_from=valid_from,
                    key=key,
                    now=now,
                )
            )
        achievements += [badge["credentialSubject"]["achievement"] for badge in badges]
        document = {
            "@context": [VC_V2, CLR_V2P0, OB_V3P0],
            "id": f"urn:uuid:{uuid.uuid4()}",
            "type": ["VerifiableCredential", "ClrCredential"],
            "name": f"Transcript of {holder_name}",
            "description": (
                f"The learning record {holder_name} chose to share: what {issuer_name()} "
                "issued or recorded for them, each part signed."
            ),
            "issuer": issuer_profile(),
            "validFrom": valid_from,
            "credentialSubject": {
                "id": record.subject_id,
                "type": ["ClrSubject"],
                "identifier": [
                    {
                        "type": "IdentityObject",
                        "identityType": "name",
                        "hashed": False,
                        "identityHash": holder_name,
                    }
                ],
                "achievement": achievements,
                "verifiableCredential": badges + nested,
            },
            "credentialStatus": credential_status(entry),
        }
        signed = sign_credential(
            document, key, verification_method=verification_method(key.key_id), created=now
        )
        credential_json = json.dumps(signed, indent=2, ensure_ascii=False)
        if len(credential_json.encode("utf-8")) > MAX_TRANSCRIPT_BYTES:
            raise TranscriptTooLarge(
                f"the transcript credential would be over {MAX_TRANSCRIPT_BYTES} bytes"
            )
        record.credential_json = credential_json
        record.save(update_fields=["credential_json"])
    return record
