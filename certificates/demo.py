"""Demo certification program, supervision history and the certified trainee's certificate."""

from __future__ import annotations

import random
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
    Endorsement,
    EvaluationRequirement,
    ProgramVersion,
    SupervisionEntry,
    SupervisorApproval,
    SupervisorCredential,
)
from .services import (
    attestation_create,
    certificate_grant,
    certificate_grant_reciprocal,
    certificate_issue,
    certificate_request,
    provisional_extend,
)

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

# The same statements in Spanish (docs/glossary-es.md: usted where the page speaks to the reader,
# the trainee's own "yo" where they attest; warm hand-off is "derivación acompañada"). A Spanish
# reader attests these words, and their hash is what the attestation keeps.
CODE_OF_ETHICS_ES = """Código de ética de PeerCert para especialistas en recuperación entre pares

1. Apoyo la recuperación en todos sus caminos, incluidos los medicamentos para el trastorno por consumo de opioides y la reducción de daños, y nunca presiono a nadie para que deje un medicamento recetado.
2. Mantengo la confidencialidad de lo que comparten los pares dentro de los límites de la ley (HIPAA, 42 CFR Parte 2, la notificación obligatoria, el deber de advertir, las emergencias médicas), y explico esos límites desde el principio.
3. Me mantengo dentro de mi función: brindo apoyo, comparto mi experiencia vivida y conecto con recursos. No diagnostico, no hago evaluaciones clínicas ni doy consejos médicos o legales.
4. Mantengo límites claros. No entablo relaciones románticas, sexuales, financieras ni de negocios con los pares a quienes sirvo, y manejo abiertamente con mi supervisor las relaciones duales que no se pueden evitar.
5. Comparto mi propia historia de recuperación solo cuando le sirve al par, de forma breve y con un propósito.
6. Respeto la cultura, la identidad, el idioma y el derecho a la autodeterminación de cada persona, y trabajo para combatir el estigma y la discriminación.
7. En una crisis, conecto a las personas con el 988 o, cuando una vida corre peligro inmediato, con el 911, y permanezco con ellas hasta completar una derivación acompañada.
8. Uso la supervisión con honestidad, busco ayuda para mi propio bienestar y me aparto del trabajo cuando no puedo ejercer de manera segura.
9. Llevo registros precisos, mínimos y respetuosos, y nunca anoto detalles sobre los pares en notas personales, teléfonos ni redes sociales.
10. Denuncio la práctica poco ética o insegura por los canales adecuados y asumo la responsabilidad de mi propia conducta."""

LIVED_EXPERIENCE_ES = """Experiencia vivida de recuperación

El apoyo entre pares se basa en la experiencia compartida. Tengo mi propia experiencia vivida de recuperación de un trastorno por consumo de sustancias, de una condición de salud mental o de ambos, y tengo la disposición de recurrir a ella, con un propósito y dentro de mi función, para apoyar a las personas a quienes sirvo.

PeerCert registra solo su sí y el momento en que lo dio. Nunca le pide ni guarda su historia, un diagnóstico ni una fecha de sobriedad."""

# (title, exact text, what the trainee ticks), in English and in Spanish
DEMO_ATTESTATIONS = [
    (
        "Attest the PeerCert Code of Ethics",
        CODE_OF_ETHICS,
        "I have read this code of ethics and agree to practise by it.",
    ),
    ("Attest lived experience of recovery", LIVED_EXPERIENCE, "This is true of me."),
]
DEMO_ATTESTATIONS_ES = [
    (
        "Declarar el Código de ética de PeerCert",
        CODE_OF_ETHICS_ES,
        "He leído este código de ética y me comprometo a ejercer de acuerdo con él.",
    ),
    (
        "Declarar la experiencia vivida de recuperación",
        LIVED_EXPERIENCE_ES,
        "Esto es cierto en mi caso.",
    ),
]

ICRC_SPLIT = {
    "Advocacy": Decimal("10"),
    "Mentoring/Education": Decimal("10"),
    "Recovery/Wellness Support": Decimal("10"),
    "Ethical Responsibility": Decimal("16"),
}


# The credential keeps its English name in Spanish (docs/glossary-es.md); its description is
# translated, for Spanish readers and the Spanish edition of the Open Badges achievement.
PROGRAM_DESCRIPTION_ES = (
    "Formación alineada con el estándar Peer Recovery de IC&RC: 46 horas en cuatro dominios de "
    "formación, 500 horas de práctica supervisada con 25 horas de supervisión y un código de "
    "ética; como muchas juntas estatales, también pide a los pares una declaración de su "
    "experiencia vivida de recuperación y, como la credencial NCPRSS de NAADAC, pide que al "
    "menos la mitad de las horas de formación sean en vivo, en el aula o por video en tiempo "
    "real. Renovación cada dos años."
)


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
            "description_es": PROGRAM_DESCRIPTION_ES,
        },
    )
    if not program.description_es:
        program.description_es = PROGRAM_DESCRIPTION_ES
        program.save(update_fields=["description_es"])
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
    # The Spanish words, on statements seeded before they had any (never over an admin's own).
    for (title, _text, _agreement), (title_es, text_es, agreement_es) in zip(
        DEMO_ATTESTATIONS, DEMO_ATTESTATIONS_ES, strict=True
    ):
        version.attestation_requirements.filter(title=title, text_es="").update(
            title_es=title_es, text_es=text_es, agreement_es=agreement_es
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
    seed_board_rules(version)
    return version


def seed_board_rules(version: ProgramVersion) -> None:
    """Board rules as data on the demo version (PeerCert demo values, each modelled on a
    board's published rule and named as such): a provisional stage like Texas's (6 months, one
    extension), supervisors' credentials on file (IC&RC: "documented and qualified"), and one
    endorsement with its own hours. Before any certificate, so the certified trainee's carries
    the endorsement on its PDF and credential."""
    if version.provisional_validity_months is None:
        version.provisional_validity_months = 6
        version.provisional_extensions_allowed = 1
        version.supervisor_credentials_required = True
        # Texas lists inactive and relinquished among a certificate's states.
        version.inactive_status_used = True
        version.relinquishment_used = True
        version.save(
            update_fields=[
                "provisional_validity_months",
                "provisional_extensions_allowed",
                "supervisor_credentials_required",
                "inactive_status_used",
                "relinquishment_used",
            ]
        )
    Endorsement.objects.get_or_create(
        version=version,
        code="FAM",
        defaults={
            "name": "Family peer support",
            "description": (
                "A PeerCert demo endorsement: 300 hours of supervised practice and 10 hours of "
                "supervision. It shows how boards' specialisations work (Florida's CRPS carries "
                "endorsements A, F, V and Y; Texas has specialty certifications): each board "
                "sets what its own require."
            ),
            "min_practice_hours": Decimal("300"),
            "min_supervision_hours": Decimal("10"),
        },
    )


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


# --- supervisors on file and a provisional certificate --------------------------------------

SECOND_SUPERVISOR = ("supervisor2@example.org", "Elena", "Marsh")
PROVISIONAL_HOLDER = ("provisional@example.org", "Marisol", "Vega")
PROVISIONAL_ISSUED_DAYS_AGO = 150
EXTENSION_REASON = (
    "Requested by the holder: the agency where she practised closed its peer program for two "
    "months, so her supervised hours paused until a new placement began."
)


def _credential(*, supervisor, version, credential: str, number: str, body: str, start, end):
    record, created = SupervisorCredential.objects.get_or_create(
        supervisor=supervisor,
        number=number,
        defaults={
            "credential": credential,
            "issuing_body": body,
            "valid_from": start,
            "expires_on": end,
            "years_supervising_peers": Decimal("6"),
        },
    )
    if created:
        SupervisorApproval.objects.create(
            credential=record, program=version.program, approved_from=start
        )
    return record


def _demo_user(email: str, first: str, last: str, *, password: str):
    from accounts.models import User

    user = User.objects.filter(email=email).first() or User(
        email=email, first_name=first, last_name=last
    )
    user.set_password(password)
    user.save()
    return user


def seed_board_demo(*, course, users: dict, password: str) -> list[str]:
    """supervisor@'s credential on file (current); a second supervisor whose credential expired
    last month, so trainee@'s latest entry with her cannot be signed off; and a trainee who
    finished her training, holds a provisional certificate, extended once, while she completes
    her supervised hours. Idempotent."""
    from assessments.demo import take
    from assessments.models import AssessmentPage
    from courses.models import LessonCompletion
    from courses.selectors import course_state
    from courses.services import enrollment_create

    version = seed_program(course=course)
    today = timezone.localdate()
    if "board@example.org" in users:
        # The board reviewer extends and converts provisional stages (and decides applications).
        board_group, _ = Group.objects.get_or_create(name=roles.BOARD_REVIEWERS)
        users["board@example.org"].groups.add(board_group)
    supervisors_group = Group.objects.get(name=roles.SUPERVISORS)
    supervisor = users["supervisor@example.org"]
    _credential(
        supervisor=supervisor,
        version=version,
        credential="Licensed Chemical Dependency Counselor (demo)",
        number="LCDC-DEMO-20417",
        body="State licensing board (demo)",
        start=today - timedelta(days=2400),
        end=today + timedelta(days=420),
    )
    second = _demo_user(*SECOND_SUPERVISOR, password=password)
    second.groups.add(supervisors_group)
    _credential(
        supervisor=second,
        version=version,
        credential="Certified Peer Recovery Supervisor (demo)",
        number="CPRS-DEMO-0388",
        body="Peer workforce board (demo)",
        start=today - timedelta(days=1100),
        end=today - timedelta(days=20),
    )
    trainee = users["trainee@example.org"]
    if not SupervisionEntry.objects.filter(trainee=trainee, supervisor=second).exists():
        # Ten days ago, after her credential lapsed: her queue says why she cannot sign it.
        SupervisionEntry.objects.create(
            trainee=trainee,
            supervisor=second,
            kind=SupervisionEntry.Kind.PRACTICE,
            date=today - timedelta(days=10),
            minutes=240,
            domain=TrainingDomain.objects.order_by("pk").first(),
            format=SupervisionEntry.Format.INDIVIDUAL,
        )

    holder = _demo_user(*PROVISIONAL_HOLDER, password=password)
    certificate = Certificate.objects.filter(holder=holder, version=version).first()
    if certificate is None:
        issued_on = today - timedelta(days=PROVISIONAL_ISSUED_DAYS_AGO)
        trained = timezone.now() - timedelta(days=PROVISIONAL_ISSUED_DAYS_AGO + 40)
        enrollment_create(trainee=holder, course=course)
        state = course_state(course=course, user=holder)
        for number, lesson in enumerate(state.lessons):
            completion, _created = LessonCompletion.objects.get_or_create(
                trainee=holder, lesson=lesson
            )
            LessonCompletion.objects.filter(pk=completion.pk).update(
                completed_at=trained + timedelta(hours=number)
            )
        rng = random.Random(11)
        quizzes = AssessmentPage.objects.live().descendant_of(course).filter(slug__endswith="-quiz")
        for number, quiz in enumerate(quizzes.order_by("path")):
            take(
                trainee=holder,
                assessment=quiz,
                right=True,
                grader=users["instructor@example.org"],
                when=trained + timedelta(days=number + 1),
                rng=rng,
            )
        for statement in version.attestation_requirements.all():
            attestation_create(trainee=holder, requirement=statement)
        # The board granted the provisional stage: training done, supervised hours under way.
        certificate = certificate_grant(
            trainee=holder,
            version=version,
            stage=Certificate.Stage.PROVISIONAL,
            issued_on=issued_on,
        )
        certificate = issue_as_of(certificate)
        _log_hours(
            trainee=holder,
            supervisor=supervisor,
            kind=SupervisionEntry.Kind.PRACTICE,
            total_minutes=96 * 60,
            signed=True,
            start_days_ago=PROVISIONAL_ISSUED_DAYS_AGO - 5,
        )
    if certificate.extensions == 0 and certificate.public_status == Certificate.Status.VALID:
        provisional_extend(certificate_id=certificate.pk, actor=None, reason=EXTENSION_REASON)
    return [
        f"Demo login: {SECOND_SUPERVISOR[0]} / {password} — supervisor whose credential on file "
        "expired last month (a sign-off is blocked)",
        f"Demo login: {PROVISIONAL_HOLDER[0]} / {password} — holder of a provisional certificate, "
        "extended once",
        f"Demo provisional certificate: {certificate.verification_url}",
    ]


# --- a certificate transferred in by reciprocity ---------------------------------------------

RECIPROCAL_HOLDER = ("reciprocal@example.org", "Noor", "Haddad")
# A fictional IC&RC member board: the transfer's record names the board, the credential held
# there and its number, how it was verified and when.
RECIPROCITY = {
    "original_board": "Lakeshore State Peer Certification Board (demo IC&RC member board)",
    "original_credential": "Peer Recovery (PR), IC&RC reciprocal level",
    "original_number": "LSPCB-PR-2021-0457",
    "evidence": (
        "Checked the original board's public registry: credential active, no public "
        "disciplinary action. The board's IC&RC reciprocity packet (certification letter and "
        "exam verification) was received by post and is filed with the certification office."
    ),
}
RECIPROCITY_VERIFIED_DAYS_AGO = 12


def seed_reciprocity_demo(*, course, users: dict, password: str) -> list[str]:
    """One certificate transferred in from another IC&RC member board (a fictional one): this
    program's own certificate with its own period, whose verification page says where it came
    from. Recorded by the administrator, as a certificate manager does it from the admin's
    Reciprocity transfer page. Idempotent."""
    version = seed_program(course=course)
    holder = _demo_user(*RECIPROCAL_HOLDER, password=password)
    certificate = Certificate.objects.filter(holder=holder, version=version).first()
    if certificate is None:
        certificate = certificate_grant_reciprocal(
            trainee=holder,
            version=version,
            verified_on=timezone.localdate() - timedelta(days=RECIPROCITY_VERIFIED_DAYS_AGO),
            actor=users.get("admin@example.org"),
            **RECIPROCITY,
        )
    certificate = issue_as_of(certificate)
    return [
        f"Demo login: {RECIPROCAL_HOLDER[0]} / {password} — holder of a certificate transferred "
        "in by reciprocity from another IC&RC member board",
        f"Demo reciprocal certificate: {certificate.verification_url}",
    ]
