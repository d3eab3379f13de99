"""Demo: a state board that decides each certificate itself (Texas-style rules: identity,
diploma or GED, a background-check attestation, a supervisor's letter, a decision within 60
days, an appeal window of 30 days), and one application in each state, from fictional people.
board@example.org is its reviewer; the denial under appeal was made by a second reviewer, so
board@ may decide the appeal. Rows are written directly, dated in the past, with their e-mails
marked sent: the seed is quiet and idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts import roles
from accounts.models import User
from certificates.demo import issue_as_of
from certificates.models import CertificationProgram, CertifyingBody, ProgramVersion
from certificates.services import certificate_request
from core.demo_pdf import one_page_pdf

from .models import (
    Appeal,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationPolicy,
    ClockPause,
    DenialReason,
    ExamEligibility,
    ExamImport,
    ExamResult,
    Referee,
)

REASONS = [
    "A required document is missing or unreadable",
    "Background-check result does not meet the board's standard",
    "Supervisor's letter does not confirm the supervised practice",
    "Lived-experience attestation incomplete",
]

# email, first, last, state, days ago the application was submitted
APPLICANTS = [
    ("tomas.herrera@example.org", "Tomás", "Herrera", "draft", 0),
    ("keisha.brown@example.org", "Keisha", "Brown", "referees", 9),
    ("daniel.kim@example.org", "Daniel", "Kim", "info", 40),
    ("aisha.rahman@example.org", "Aisha", "Rahman", "denied", 70),
    ("marisol.vega@example.org", "Marisol", "Vega", "approved", 95),
]


def demo_pdf(line: str) -> bytes:
    """A one-page PDF that says it is a fictional demo document."""
    return one_page_pdf(line)


def seed_state_board() -> ProgramVersion:
    body, _ = CertifyingBody.objects.get_or_create(
        name="Gulf Plains Peer Certification Board (fictional; Texas-style rules)",
        defaults={"website": ""},
    )
    program, _ = CertificationProgram.objects.get_or_create(
        name="Recovery Support Peer Specialist — state board",
        defaults={
            "body": body,
            "credential_name": "Recovery Support Peer Specialist",
            "abbreviation": "RSPS",
            "description": (
                "A fictional state board that follows the shape of Texas's rules (1 TAC Chapter "
                "354, Subchapter N): the board decides each application itself, within 60 days "
                "of a complete application, with a supervisor's recommendation and a "
                "background check, and an appeal route after a denial. Its exam is the IC&RC "
                "Peer Recovery exam, delivered by the board's exam vendor."
            ),
        },
    )
    version, _ = ProgramVersion.objects.get_or_create(
        program=program,
        label="2026",
        defaults={
            "effective_from": timezone.localdate().replace(month=1, day=1) - timedelta(days=365),
            "validity_months": 24,
        },
    )
    policy, created = ApplicationPolicy.objects.get_or_create(
        version=version,
        defaults={
            "requires_identity": True,
            "requires_diploma": True,
            "requires_background_check": True,
            "letters_required": 1,
            "supervisor_letter_required": True,
            "decision_days": 60,
            "appeal_days": 30,
            "retention_years": 6,
            "external_exam_name": "IC&RC Peer Recovery exam",
            "external_exam_pass_score": 500,
        },
    )
    if created:
        for order, text in enumerate(REASONS):
            DenialReason.objects.create(policy=policy, sort_order=order, text=text)
    return version


def _person(email: str, first: str, last: str, password: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, first_name=first, last_name=last)
    user.set_password(password)
    user.save()
    return user


def _document(application: Application, kind: str, label: str, at) -> None:
    data = demo_pdf(f"{label} of {application.applicant.get_full_name()} - fictional demo")
    document = ApplicationDocument(
        application=application,
        kind=kind,
        content_type="application/pdf",
        size=len(data),
        uploaded_at=at,
    )
    document.file.save("upload", ContentFile(data), save=True)


def _event(application, kind, at, *, actor=None, text="", reasons=()) -> None:
    ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        at=at,
        actor=actor,
        text=text,
        reasons=list(reasons),
        # Decisions of the demo's past were e-mailed then.
        emailed_at=at if kind in ApplicationEvent.DECISIONS else None,
    )


def seed_applications(*, users: dict, password: str) -> list[str]:
    version = seed_state_board()
    group, _ = Group.objects.get_or_create(name=roles.BOARD_REVIEWERS)
    board = users.get("board@example.org")
    if board is not None:
        board.groups.add(group)
    # The reviewer who denied Aisha Rahman's application; board@ decides her appeal.
    other = User.objects.filter(email="celia.marsh@example.org").first()
    if other is None:
        other = User(email="celia.marsh@example.org", first_name="Celia", last_name="Marsh")
        other.set_unusable_password()
        other.save()
    other.groups.add(group)
    now = timezone.now()
    today = timezone.localdate()
    lines = []
    for email, first, last, state, days in APPLICANTS:
        person = _person(email, first, last, password)
        if Application.objects.filter(applicant=person, version=version).exists():
            continue
        submitted = now - timedelta(days=days)
        application = Application.objects.create(
            applicant=person, version=version, created_at=submitted - timedelta(days=3)
        )
        _document(application, "identity", "Identity document", submitted - timedelta(days=3))
        if state == "draft":
            continue
        _document(application, "diploma", "High-school diploma", submitted - timedelta(days=2))
        _document(
            application, "background", "Background-check attestation", submitted - timedelta(1)
        )
        referee = Referee.objects.create(
            application=application,
            name={"referees": "Lena Ortiz", "info": "Marcus Bell"}.get(state, "Ruth Adeyemi"),
            email=f"referee.{last.lower()}@example.org",
            is_supervisor=True,
            nonce="" if state != "referees" else "demo" + last.lower(),
            invited_at=submitted,
            link_expires_at=submitted + timedelta(days=21),
            email_sent_at=submitted,
        )
        application.submitted_at = submitted
        application.status = Application.Status.AWAITING_REFEREES
        _event(application, ApplicationEvent.Kind.SUBMITTED, submitted, actor=person)
        if state == "referees":
            application.save()
            continue
        letter_at = submitted + timedelta(days=4)
        Referee.objects.filter(pk=referee.pk).update(
            received_at=letter_at,
            letter_text=(
                f"I have supervised {first}'s peer support work for over a year. {first} keeps "
                "clear boundaries, documents contacts promptly and uses supervision well. I "
                "recommend certification without reservation."
            ),
        )
        _event(application, ApplicationEvent.Kind.LETTER_RECEIVED, letter_at)
        application.status = Application.Status.UNDER_REVIEW
        application.clock_started_on = timezone.localdate(letter_at)
        _event(application, ApplicationEvent.Kind.COMPLETE, letter_at)
        if state == "info":
            asked = letter_at + timedelta(days=30)
            application.status = Application.Status.INFO_REQUESTED
            ClockPause.objects.create(application=application, started_on=timezone.localdate(asked))
            _event(
                application,
                ApplicationEvent.Kind.INFO_REQUESTED,
                asked,
                actor=board,
                text=(
                    "Your background-check attestation is not signed. Please upload the "
                    "signed page."
                ),
            )
            application.save()
            lines.append(
                f"Demo login: {email} / {password} — applicant the board asked for more "
                "information (answers at /apply/)"
            )
            continue
        decided = letter_at + timedelta(days=20)
        application.decided_at = decided
        if state == "denied":
            application.status = Application.Status.DENIED
            application.decided_by = other
            application.save()
            _event(
                application,
                ApplicationEvent.Kind.DENIED,
                decided,
                actor=other,
                text="The background-check result on file is older than the board accepts.",
                reasons=[REASONS[1]],
            )
            # Filed within the 30-day window; waiting for a different reviewer (board@).
            filed = now - timedelta(days=2)
            Appeal.objects.create(
                application=application,
                filed_at=filed,
                grounds=(
                    "I had a new background check done the week after I applied; the "
                    "result is clear and I can upload it."
                ),
            )
            _event(application, ApplicationEvent.Kind.APPEALED, filed, actor=person)
            continue
        # Approved: approved to sit the exam, passed (imported from the vendor), approved.
        eligibility = ExamEligibility.objects.create(
            application=application,
            candidate_id=f"GP-{today:%Y}-0417",
            approved_by=board,
            approved_at=letter_at + timedelta(days=2),
        )
        _event(
            application,
            ApplicationEvent.Kind.EXAM_APPROVED,
            letter_at + timedelta(days=2),
            actor=board,
            text="You may sit the IC&RC Peer Recovery exam.",
        )
        batch = ExamImport.objects.create(imported_by=board, rows=1)
        ExamResult.objects.create(
            eligibility=eligibility,
            taken_on=timezone.localdate(letter_at + timedelta(days=12)),
            scaled_score=612,
            passed=True,
            batch=batch,
        )
        application.status = Application.Status.APPROVED
        application.decided_by = board
        application.save()
        _event(application, ApplicationEvent.Kind.APPROVED, decided, actor=board)
        certificate = certificate_request(
            trainee=person, version=version, issued_on=timezone.localdate(decided)
        )
        issue_as_of(certificate)
    return lines
