"""Demo certification program, supervision history and the certified trainee's certificate."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from assessments.models import AssessmentPage
from courses.demo_people import CERTIFIED_ISSUED_DAYS_AGO
from courses.models import TrainingDomain
from evaluations.demo import PROGRAM_INSTRUMENT
from evaluations.models import Instrument

from .keys import init_issuer_keys
from .models import (
    AssessmentRequirement,
    Attestation,
    AttestationRequirement,
    Certificate,
    CertificationProgram,
    CertifyingBody,
    CourseRequirement,
    DomainRequirement,
    EvaluationRequirement,
    ProgramVersion,
    SupervisionEntry,
)
from .services import attestation_create, certificate_issue, certificate_request

CODE_OF_ETHICS = """PeerCert Code of Ethics for Peer Recovery Specialists

1. I support recovery in all its pathways, including medications for opioid use disorder and harm reduction, and I never pressure anyone to stop a prescribed medication.
2. I keep what peers share confidential within the limits of the law (HIPAA, 42 CFR Part 2, mandated reporting, duty to warn, medical emergencies), and I explain those limits at the start.
3. I stay within my role: I support, share lived experience, and connect to resources. I do not diagnose, assess clinically, or give medical or legal advice.
4. I keep clear boundaries. I do not enter romantic, sexual, financial or business relationships with the peers I serve, and I manage unavoidable dual relationships openly with my supervisor.
5. I share my own recovery story only when it serves the peer, briefly and with purpose.
6. I respect every person's culture, identity, language and right to self-determination, and I work to counter stigma and discrimination.
7. In a crisis I connect people to 988 or, when a life is in immediate danger, to 911, and I stay with them through a warm hand-off.
8. I use supervision honestly, seek help for my own wellbeing, and step back from work when I cannot practise safely.
9. I keep accurate, minimal, respectful records and never record details about peers in personal notes, phones or social media.
10. I report unethical or unsafe practice through the proper channels and accept accountability for my own conduct."""

LIVED_EXPERIENCE = """Lived experience of recovery

Peer support rests on shared experience. I have my own lived experience of recovery from a substance use condition, a mental health condition, or both, and I am willing to draw on it, with purpose and within my role, to support the people I serve.

PeerCert records only your yes and the time you gave it. It never asks for, and never stores, your story, a diagnosis or a date of sobriety."""

# (title, exact text, what the trainee ticks)
DEMO_ATTESTATIONS = [
    (
        "Attest the PeerCert Code of Ethics",
        CODE_OF_ETHICS,
        "I have read this code of ethics and agree to practise by it.",
    ),
    ("Attest lived experience of recovery", LIVED_EXPERIENCE, "This is true of me."),
]

ICRC_SPLIT = {
    "Advocacy": Decimal("10"),
    "Mentoring/Education": Decimal("10"),
    "Recovery/Wellness Support": Decimal("10"),
    "Ethical Responsibility": Decimal("16"),
}


def seed_program(*, course) -> ProgramVersion:
    body, _ = CertifyingBody.objects.get_or_create(
        name="International Certification & Reciprocity Consortium (IC&RC)",
        defaults={"website": "https://internationalcredentialing.org/"},
    )
    program, _ = CertificationProgram.objects.get_or_create(
        name="Peer Recovery Specialist — IC&RC-aligned",
        defaults={
            "body": body,
            "credential_name": "Peer Recovery Specialist",
            "abbreviation": "PRS",
            "description": (
                "Training aligned with IC&RC's Peer Recovery standard: 46 hours across four "
                "domains, 500 hours of supervised practice with 25 hours of supervision, and a "
                "code of ethics; like many state boards, it also asks peers to attest lived "
                "experience of recovery, and like NAADAC's NCPRSS it asks for at least half of the "
                "training hours live, in the room or by real-time video. Renewal every two years."
            ),
        },
    )
    version, created = ProgramVersion.objects.get_or_create(
        program=program,
        label="2026",
        defaults={
            "effective_from": timezone.localdate().replace(month=1, day=1) - timedelta(days=730),
            "min_total_hours": Decimal("46"),
            "practice_hours": Decimal("500"),
            "supervision_hours": Decimal("25"),
            "validity_months": 24,
        },
    )
    if not version.attestation_requirements.exists():
        for order, (title, text, agreement) in enumerate(DEMO_ATTESTATIONS):
            AttestationRequirement.objects.create(
                version=version, sort_order=order, title=title, text=text, agreement=agreement
            )
    if created:
        for name, hours in ICRC_SPLIT.items():
            DomainRequirement.objects.create(
                version=version, domain=TrainingDomain.objects.get(name=name), min_hours=hours
            )
        CourseRequirement.objects.create(version=version, course=course)
    final_exam = AssessmentPage.objects.child_of(course).live().first()
    if final_exam is not None:
        AssessmentRequirement.objects.get_or_create(version=version, assessment=final_exam)
    # Half of the training hours live, in the room or by real-time video: NAADAC's NCPRSS rule
    # (at least 50 % face to face), here counting live video as face to face, a board-specific
    # choice (live_virtual_is_synchronous). cohorts/demo.py seeds the live hours.
    if version.min_synchronous_percent is None:
        version.min_synchronous_percent = 50
        version.live_virtual_is_synchronous = True
        version.save(update_fields=["min_synchronous_percent", "live_virtual_is_synchronous"])
    # One observed skill, passed within two years: a PeerCert demo choice, not a board's rule
    # (evaluations/demo.py seeds the instrument first).
    instrument = Instrument.objects.filter(key=PROGRAM_INSTRUMENT, live=True).first()
    if instrument is not None:
        EvaluationRequirement.objects.get_or_create(
            version=version, instrument=instrument, defaults={"within_months": 24}
        )
    return version


def _log_hours(
    *, trainee, supervisor, kind: str, total_minutes: int, signed: bool, start_days_ago: int
) -> None:
    """Spread hours over realistic sessions: practice in 4-hour shifts, supervision in hours."""
    domains = list(TrainingDomain.objects.all())
    chunk = 240 if kind == SupervisionEntry.Kind.PRACTICE else 60
    day = start_days_ago
    index = 0
    while total_minutes > 0:
        minutes = min(chunk, total_minutes)
        SupervisionEntry.objects.create(
            trainee=trainee,
            supervisor=supervisor,
            kind=kind,
            date=timezone.localdate() - timedelta(days=day),
            minutes=minutes,
            domain=domains[index % len(domains)],
            format=SupervisionEntry.Format.INDIVIDUAL
            if index % 3
            else SupervisionEntry.Format.GROUP,
            status=SupervisionEntry.Status.SIGNED if signed else SupervisionEntry.Status.PENDING,
            # Signed off two days after the session, as supervisors do (never in the future).
            reviewed_at=min(
                timezone.now(), _at(timezone.localdate() - timedelta(days=day - 2), hour=17)
            )
            if signed
            else None,
        )
        total_minutes -= minutes
        index += 1
        day = max(1, day - 2)


def _at(day: date, *, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def issue_as_of(certificate: Certificate) -> Certificate:
    """Issue a demo certificate now (render, sign, store: the real job) and date its story on
    its issue date: requested and issued that morning, its "Requirements met" and "Issued"
    history entries too, and the holder's attestations the day before. Idempotent."""
    if certificate.status == Certificate.Status.PENDING:
        certificate = certificate_issue(certificate_id=certificate.pk)
    requested, issued = _at(certificate.issued_on, hour=9), _at(certificate.issued_on)
    Certificate.objects.filter(pk=certificate.pk).update(
        requested_at=requested, enqueued_at=requested, issued_at=issued
    )
    certificate.events.filter(to_status=Certificate.Status.PENDING).update(at=requested)
    certificate.events.filter(
        from_status=Certificate.Status.PENDING, to_status=Certificate.Status.VALID
    ).update(at=issued)
    Attestation.objects.filter(trainee=certificate.holder, version=certificate.version).update(
        attested_at=requested - timedelta(days=1)
    )
    certificate.refresh_from_db()
    return certificate


def seed_certification(*, course, users: dict) -> list[str]:
    init_issuer_keys(settings.ISSUER_KEY_DIR, organisation=settings.PEERCERT_ISSUER_NAME)
    version = seed_program(course=course)
    supervisor = users["supervisor@example.org"]
    supervisor.groups.add(Group.objects.get(name=roles.SUPERVISORS))

    trainee = users["trainee@example.org"]
    if not SupervisionEntry.objects.filter(trainee=trainee).exists():
        _log_hours(
            trainee=trainee,
            supervisor=supervisor,
            kind=SupervisionEntry.Kind.PRACTICE,
            total_minutes=120 * 60,
            signed=True,
            start_days_ago=120,
        )
        _log_hours(
            trainee=trainee,
            supervisor=supervisor,
            kind=SupervisionEntry.Kind.SUPERVISION,
            total_minutes=6 * 60,
            signed=True,
            start_days_ago=100,
        )
        _log_hours(
            trainee=trainee,
            supervisor=supervisor,
            kind=SupervisionEntry.Kind.PRACTICE,
            total_minutes=8 * 60,
            signed=False,
            start_days_ago=4,
        )

    certified = users["certified@example.org"]
    if not SupervisionEntry.objects.filter(trainee=certified).exists():
        _log_hours(
            trainee=certified,
            supervisor=supervisor,
            kind=SupervisionEntry.Kind.PRACTICE,
            total_minutes=500 * 60,
            signed=True,
            start_days_ago=600,
        )
        _log_hours(
            trainee=certified,
            supervisor=supervisor,
            kind=SupervisionEntry.Kind.SUPERVISION,
            total_minutes=25 * 60,
            signed=True,
            start_days_ago=500,
        )
    # Issued CERTIFIED_ISSUED_DAYS_AGO days ago, after everything it rests on (mid-cycle for
    # the CE demo): recorded before the attestation, whose requirement check would otherwise
    # issue one dated today.
    certificate = Certificate.objects.filter(holder=certified, version=version).order_by(
        "-cycle"
    ).first() or certificate_request(
        trainee=certified,
        version=version,
        issued_on=timezone.localdate() - timedelta(days=CERTIFIED_ISSUED_DAYS_AGO),
    )
    for statement in version.attestation_requirements.all():
        attestation_create(trainee=certified, requirement=statement)
    certificate = issue_as_of(certificate)
    return [f"Demo certificate: {certificate.verification_url}"]
