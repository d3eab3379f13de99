"""An Open Badges 3.0 ``OpenBadgeCredential`` describing one certificate.

What goes in is what the certificate prints (credential, holder name, dates, hours, issuer) and
what a wallet or verifier needs (achievement with its criteria, status list entries). The holder
is identified by a salted SHA-256 of their e-mail address, never the address itself: an employer
who already knows the address can confirm it, nobody else can read it. ``credentialSubject.id`` is
a random ``urn:uuid`` kept with the credential (Open Badges' VC-JWT needs a ``sub``): it says
nothing about who holds it.

Hours are expressed the Open Badges way: each kind of hours is a ``ResultDescription`` of the
achievement (what is measured) and the holder's figure is a ``Result`` of the subject. The rules
of the program version (minimum hours per domain, courses, practice) are the criteria narrative.

The achievement is written in English (``inLanguage``) and names its Spanish edition in
``related``, Open Badges 3.0's place for "alternate language editions": a Spanish ``Achievement``
published at its own address (``achievement_edition``). OB 3.0 types ``name`` and
``description`` as plain strings, so a second language cannot sit inside the credential itself.
The credential's name stays English in both editions, as the certificate is issued under it
(docs/glossary-es.md); the description and the criteria are translated.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from certificates.models import Certificate, ProgramVersion
from courses.framework import localized
from payers.selectors import Billable, billable_for

from .contexts import OB_V3P0, VC_V2
from .issuer import issuer_id, issuer_name, profile_url
from .models import IssuedCredential
from .proofs import rfc3339
from .status import assign_status_entry, credential_status

__all__ = [
    "EDITION_LANGUAGES",
    "HOURS_RESULT_TYPE",
    "achievement_edition",
    "achievement_edition_url",
    "achievement_id",
    "build_credential",
    "credential_record",
    "identity_hash",
    "issuer_profile",
]

# Open Badges' ResultType vocabulary has no "hours"; extensions use the `ext:` prefix.
HOURS_RESULT_TYPE = "ext:ContactHours"

# The credential's own language, and the languages its achievement is also published in.
ACHIEVEMENT_LANGUAGE = "en"
EDITION_LANGUAGES = ("es",)


def credential_record(certificate: Certificate) -> IssuedCredential:
    """The certificate's credential row (with its salt), created on first use."""
    record = IssuedCredential.objects.filter(certificate=certificate).first()
    if record is not None:
        return record
    try:
        with transaction.atomic():
            return IssuedCredential.objects.create(
                certificate=certificate, salt=secrets.token_hex(16), subject_id=uuid.uuid4().urn
            )
    except IntegrityError:
        return IssuedCredential.objects.get(certificate=certificate)


def subject_id(record: IssuedCredential) -> str:
    """The record's credentialSubject.id; rows from before it existed get theirs now (they
    were never signed with one: a signed credential is never re-signed)."""
    if not record.subject_id:
        IssuedCredential.objects.filter(pk=record.pk, subject_id="").update(
            subject_id=uuid.uuid4().urn
        )
        record.refresh_from_db(fields=["subject_id"])
    return record.subject_id


def issuer_profile() -> dict[str, Any]:
    """The issuer as credentials embed it: the did:web, with the https profile as its url."""
    return {"id": issuer_id(), "type": ["Profile"], "name": issuer_name(), "url": profile_url()}


def identity_hash(email: str, salt: str) -> str:
    """Open Badges IdentityHash: ``sha256$`` + hex SHA-256 of the identifier followed by the salt.
    The address is trimmed and lower-cased first, so a verifier can reproduce it."""
    normalised = email.strip().lower()
    return "sha256$" + hashlib.sha256((normalised + salt).encode("utf-8")).hexdigest()


def achievement_id(version: ProgramVersion) -> str:
    """Stable per program version, derived from names (unique in the database), not ids."""
    name = f"{settings.SITE_URL}/achievements/{version.program.name}/{version.label}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _hours(value: Decimal | str) -> str:
    number = Decimal(value).normalize()
    # `normalize` turns 40 into 4E+1; print it as people write it.
    return format(number, "f")


def _criteria_narrative(version: ProgramVersion, language: str = ACHIEVEMENT_LANGUAGE) -> str:
    with translation.override(language):
        lines = [
            gettext("Rules of %(program)s, version %(version)s:")
            % {"program": version.program.name, "version": version.label}
        ]
        if version.min_total_hours:
            lines.append(
                gettext("- at least %(hours)s hours of training")
                % {"hours": _hours(version.min_total_hours)}
            )
        for requirement in version.domain_requirements.select_related("domain").order_by(
            "domain__sort_order", "domain__name"
        ):
            lines.append(
                gettext("- at least %(hours)s hours in %(domain)s")
                % {
                    "hours": _hours(requirement.min_hours),
                    "domain": localized(requirement.domain, "name", language),
                }
            )
        for requirement in version.course_requirements.select_related("course"):
            lines.append(
                gettext("- completion of the course %(course)s")
                % {"course": _course_title(requirement.course, language)}
            )
        if version.practice_hours:
            lines.append(
                gettext("- %(hours)s hours of supervised practice")
                % {"hours": _hours(version.practice_hours)}
            )
        if version.supervision_hours:
            lines.append(
                gettext("- %(hours)s hours of supervision")
                % {"hours": _hours(version.supervision_hours)}
            )
        for statement in version.attestation_requirements.all():
            lines.append(
                gettext("- attestation: %(title)s")
                % {"title": localized(statement, "title", language)}
            )
        lines.append(
            gettext("Valid for %(months)s months from the date of issue.")
            % {"months": version.validity_months}
        )
    return "\n".join(lines)


def _course_title(course, language: str) -> str:
    """The course's title in ``language``: its Wagtail translation's, when it has a live one."""
    if language == ACHIEVEMENT_LANGUAGE:
        return course.title
    translated = (
        course.get_translations()
        .filter(locale__language_code=language, live=True)
        .values_list("title", flat=True)
        .first()
    )
    return translated or course.title


def _description(version: ProgramVersion, language: str) -> str:
    program = version.program
    written = localized(program, "description", language)
    if written:
        return written
    with translation.override(language):
        return gettext(
            "%(credential)s certification issued by %(issuer)s under the %(program)s rules of "
            "%(version)s."
        ) % {
            "credential": program.credential_name,
            "issuer": issuer_name(),
            "program": program.name,
            "version": version.label,
        }


def achievement_edition_url(version: ProgramVersion, language: str) -> str:
    """Where the achievement's ``language`` edition is published (credentials/views.py)."""
    key = achievement_id(version).removeprefix("urn:uuid:")
    return f"{settings.SITE_URL}/issuer/achievements/{key}/{language}"


def _related_editions(version: ProgramVersion, languages) -> list[dict[str, Any]]:
    return [
        {
            "id": (
                achievement_id(version)
                if code == ACHIEVEMENT_LANGUAGE
                else achievement_edition_url(version, code)
            ),
            "type": ["Related"],
            "inLanguage": code,
            "version": version.label,
        }
        for code in languages
    ]


def version_of_achievement(key: str) -> ProgramVersion | None:
    """The program version whose achievement id is ``urn:uuid:<key>`` (ids are derived from
    names, so they are recomputed; programs have a handful of versions)."""
    wanted = f"urn:uuid:{key.strip().lower()}"
    for version in ProgramVersion.objects.select_related("program"):
        if achievement_id(version) == wanted:
            return version
    return None


def achievement_edition(version: ProgramVersion, language: str) -> dict[str, Any]:
    """The achievement in ``language`` (one of EDITION_LANGUAGES), as a JSON-LD Open Badges
    ``Achievement`` that names the credential's English achievement as its related edition."""
    program = version.program
    return {
        "@context": [VC_V2, OB_V3P0],
        "id": achievement_edition_url(version, language),
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": program.credential_name,
        "description": _description(version, language),
        "criteria": {"narrative": _criteria_narrative(version, language)},
        "creator": issuer_profile(),
        "humanCode": program.abbreviation,
        "version": version.label,
        "inLanguage": language,
        "related": _related_editions(version, (ACHIEVEMENT_LANGUAGE,)),
    }


def _result_description_id(achievement: str, key: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{achievement}/hours/{key}").urn


# Open Badges' AlignmentTargetType has no word for a payer's recognition: an `ext:` one.
BILLING_ALIGNMENT_TYPE = "ext:BillingRecognition"


def _billing_alignment(certificate: Certificate) -> dict[str, Any]:
    """Payers recognising the credential for billing (payers.BillingRule), as achievement
    alignments pointing at each rule's source. Only for a certificate in force: the credential
    is signed as the certificate is issued (pending → valid) and kept; a later suspension or
    revocation shows in its status list entry, not by re-signing."""
    in_force = certificate.status in (Certificate.Status.PENDING, Certificate.Status.VALID)
    billable = billable_for(
        status="valid" if in_force else certificate.status,
        program_name=certificate.version.program.name,
        stage=certificate.stage,
        endorsements=[e["code"] for e in certificate.endorsements_shown or ()],
    )
    if not billable:
        return {}
    return {"alignment": [_alignment(item) for item in billable]}


def _alignment(item: Billable) -> dict[str, Any]:
    demo = " Demo rule, for illustration only." if item.is_demo else ""
    return {
        "type": ["Alignment"],
        "targetType": BILLING_ALIGNMENT_TYPE,
        "targetName": f"Recognised for {item.payer} billing ({item.jurisdiction})",
        "targetDescription": (
            f"Recognised for {item.service} billed to {item.payer}, as of "
            f"{item.as_of.isoformat()}. Source: {item.source_title}"
            + (f" ({item.citation})" if item.citation else "")
            + "."
            + demo
        ),
        "targetFramework": item.source_title,
        "targetUrl": item.source_url,
        **({"targetCode": item.citation} if item.citation else {}),
    }


def _specialization(certificate: Certificate) -> dict[str, str]:
    """The stage and endorsements, in Open Badges 3.0's ``Achievement.specialization`` (the
    focus within the achievement). Absent for a full certificate without endorsements."""
    parts = []
    if certificate.stage == Certificate.Stage.PROVISIONAL:
        parts.append("Provisional")
    if certificate.endorsements_shown:
        parts.append(
            "Endorsements: "
            + ", ".join(f"{e['code']} ({e['name']})" for e in certificate.endorsements_shown)
        )
    return {"specialization": "; ".join(parts)} if parts else {}


def build_credential(certificate: Certificate) -> dict[str, Any]:
    """The unsigned credential. Gives the certificate its salt and status list positions on
    first call (they are kept, so later calls describe the same credential)."""
    record = credential_record(certificate)
    entry = assign_status_entry(certificate=certificate)
    version = certificate.version
    program = version.program
    achievement = achievement_id(version)

    descriptions = [
        {
            "id": _result_description_id(achievement, "total"),
            "type": ["ResultDescription"],
            "name": "Training hours, total",
            "resultType": HOURS_RESULT_TYPE,
        }
    ]
    results = [
        {
            "type": ["Result"],
            "resultDescription": descriptions[0]["id"],
            "value": _hours(certificate.hours_total),
        }
    ]
    for domain_name, hours in certificate.hours_by_domain:
        description_id = _result_description_id(achievement, f"domain/{domain_name}")
        descriptions.append(
            {
                "id": description_id,
                "type": ["ResultDescription"],
                "name": f"Training hours, {domain_name}",
                "resultType": HOURS_RESULT_TYPE,
            }
        )
        results.append(
            {"type": ["Result"], "resultDescription": description_id, "value": _hours(hours)}
        )

    issued_on = certificate.issued_on or timezone.localdate()
    credential: dict[str, Any] = {
        "@context": [VC_V2, OB_V3P0],
        "id": certificate.verification_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": program.credential_name,
        "issuer": issuer_profile(),
        "validFrom": rfc3339(_start_of(issued_on)),
    }
    if certificate.expires_on:
        # Valid through the expiry date printed on the certificate.
        credential["validUntil"] = rfc3339(_start_of(certificate.expires_on + timedelta(days=1)))
    credential["credentialSubject"] = {
        "id": subject_id(record),
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": identity_hash(certificate.holder.email, record.salt),
                "salt": record.salt,
            },
            {
                # Printed on the certificate and shown on the public verification page.
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": certificate.holder_name,
            },
        ],
        "achievement": {
            "id": achievement,
            "type": ["Achievement"],
            "achievementType": "Certification",
            "name": program.credential_name,
            "description": _description(version, ACHIEVEMENT_LANGUAGE),
            "criteria": {"narrative": _criteria_narrative(version)},
            "humanCode": program.abbreviation,
            "version": version.label,
            "inLanguage": ACHIEVEMENT_LANGUAGE,
            "related": _related_editions(version, EDITION_LANGUAGES),
            "resultDescription": descriptions,
            **_billing_alignment(certificate),
            **_specialization(certificate),
        },
        "licenseNumber": certificate.serial,
        "result": results,
    }
    credential["credentialStatus"] = credential_status(entry)
    return credential
