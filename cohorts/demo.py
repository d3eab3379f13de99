"""Demo live training: the foundations course taught in cohorts by instructor@.

- The **evening cohort** (6–9 pm Eastern): six sessions, two of them
  past, with trainee@ enrolled and marked — present at the first, left early at the second
  (partial hours) — and four ahead, in the room, on video and hybrid.
- A **spring weekend intensive** that ran before certified@ and renewal@ were certified: eight
  three-hour sessions in the room they both attended. The demo program version asks for half
  of its training hours live (certificates/demo.py: NAADAC's NCPRSS rule of at least 50 % face
  to face), and these are the live hours their certificates rest on.
- A **Spanish-language cohort** (Saturday mornings, on video, taught in Spanish by the same
  instructor): the same six sessions ahead, titled in Spanish, open for enrolment, so a Spanish
  reader finds a cohort in their language and an English one labelled "taught in English".
- Two required topics as data (NAADAC's ethics and HIV/bloodborne pathogens hours), with their
  Spanish names.

Places, addresses and links are fictional. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from courses.models import ModulePage, TrainingDomain

from . import services
from .models import (
    Attendance,
    Cohort,
    CohortEnrolment,
    DeliveryMode,
    Session,
    SessionDomainHours,
    SessionTopicHours,
    Topic,
)

ZONE = "America/New_York"
ROOM = "Harbor Recovery Community Center, Training room 2, 14 Harbor St."
VIDEO = "https://meet.example.org/peercert-evening-cohort"
EVENING = (time(18, 0), time(21, 0))

# name → (description, Spanish name, Spanish description)
TOPICS = {
    "Ethics": (
        "Ethical practice for peer workers: codes, boundaries, dual relationships.",
        "Ética",
        "Práctica ética para especialistas de apoyo entre pares: códigos, límites y relaciones "
        "duales.",
    ),
    "HIV/AIDS and bloodborne pathogens": (
        "Transmission, prevention, testing and linkage to care, as boards such as NAADAC count it.",
        "VIH/sida y patógenos transmitidos por la sangre",
        "Transmisión, prevención, pruebas y vinculación con la atención, tal como las cuentan "
        "juntas como NAADAC.",
    ),
}

EVENING_COHORT = "Evening cohort, 6–9 pm Eastern"
INTENSIVE_COHORT = "Spring weekend intensive"
SPANISH_COHORT = "Cohorte en español, sábados de 9 a 12 (hora del Este)"
SPANISH_VIDEO = "https://meet.example.org/peercert-cohorte-en-espanol"
SATURDAY_MORNING = (time(9, 0), time(12, 0))

# (days from today, title, module number covered, mode, {domain: hours}, {topic: hours})
EVENING_SESSIONS = [
    (
        -9,
        "Recovery, its pathways and the peer's role",
        1,
        DeliveryMode.IN_PERSON,
        {"Recovery/Wellness Support": "3"},
        {},
    ),
    (
        -2,
        "Listening well: OARS in practice",
        2,
        DeliveryMode.HYBRID,
        {"Mentoring/Education": "3"},
        {},
    ),
    (
        5,
        "Advocacy and cultural humility",
        3,
        DeliveryMode.IN_PERSON,
        {"Advocacy": "3"},
        {},
    ),
    (
        7,
        "Crisis support, safety plans and overdose response",
        4,
        DeliveryMode.LIVE_VIRTUAL,
        {"Ethical Responsibility": "1.5", "Recovery/Wellness Support": "1.5"},
        {"HIV/AIDS and bloodborne pathogens": "1"},
    ),
    (
        12,
        "Confidentiality, HIPAA and 42 CFR Part 2",
        5,
        DeliveryMode.IN_PERSON,
        {"Ethical Responsibility": "3"},
        {"Ethics": "1"},
    ),
    (
        14,
        "Ethical decisions and boundaries",
        6,
        DeliveryMode.HYBRID,
        {"Ethical Responsibility": "3"},
        {"Ethics": "3"},
    ),
]

# The Spanish cohort: the evening cohort's six sessions on six Saturdays ahead, on video (its
# trainees live in several states), titled as the Spanish modules name their subjects.
# (Saturdays from the next one, title, module number covered, {domain: hours}, {topic: hours})
SPANISH_SESSIONS = [
    (
        0,
        "La recuperación, sus caminos y el papel del especialista par",
        1,
        {"Recovery/Wellness Support": "3"},
        {},
    ),
    (
        1,
        "Escuchar bien: OARS en la práctica",
        2,
        {"Mentoring/Education": "3"},
        {},
    ),
    (
        2,
        "Defensa de derechos y humildad cultural",
        3,
        {"Advocacy": "3"},
        {},
    ),
    (
        3,
        "Apoyo en crisis, planes de seguridad y respuesta a una sobredosis",
        4,
        {"Ethical Responsibility": "1.5", "Recovery/Wellness Support": "1.5"},
        {"HIV/AIDS and bloodborne pathogens": "1"},
    ),
    (
        4,
        "Confidencialidad, HIPAA y 42 CFR Part 2",
        5,
        {"Ethical Responsibility": "3"},
        {"Ethics": "1"},
    ),
    (
        5,
        "Decisiones éticas y límites",
        6,
        {"Ethical Responsibility": "3"},
        {"Ethics": "3"},
    ),
]

# The intensive: four weekends of two three-hour sessions, 9 am–12 pm.
INTENSIVE_SPLIT = [
    ("Advocacy", "Recovery/Wellness Support"),
    ("Mentoring/Education", "Ethical Responsibility"),
    ("Advocacy", "Mentoring/Education"),
    ("Recovery/Wellness Support", "Ethical Responsibility"),
]


def seed_topics() -> dict[str, Topic]:
    topics = {}
    for name, (description, name_es, description_es) in TOPICS.items():
        topic, created = Topic.objects.get_or_create(
            name=name,
            defaults={
                "description": description,
                "name_es": name_es,
                "description_es": description_es,
            },
        )
        if not created and not topic.name_es:  # seeded before topics had Spanish names
            topic.name_es, topic.description_es = name_es, description_es
            topic.save(update_fields=["name_es", "description_es"])
        topics[name] = topic
    return topics


def _cohort(*, course, title: str, instructor: User, **fields) -> Cohort:
    cohort = Cohort.objects.filter(course=course, title=title).first()
    if cohort is None:
        cohort = Cohort(course=course, title=title, time_zone=ZONE, **fields)
        cohort.save()
    if not cohort.instructors.filter(pk=instructor.pk).exists():
        cohort.instructors.add(instructor)
        cohort.save()  # a cluster's many-to-many is written when the cohort is saved
    return cohort


def _session(
    *, cohort: Cohort, title: str, day: date, hours: dict, topics: dict, **fields
) -> Session:
    session = Session.objects.filter(cohort=cohort, title=title).first()
    if session is not None:
        return session
    session = Session(cohort=cohort, title=title, date=day, **fields)
    session.domain_hours = [
        SessionDomainHours(domain=TrainingDomain.objects.get(name=name), hours=Decimal(value))
        for name, value in hours.items()
    ]
    session.topic_hours = [
        SessionTopicHours(topic=Topic.objects.get(name=name), hours=Decimal(value))
        for name, value in topics.items()
    ]
    session.save()
    services.session_saved(session_id=session.pk)  # the first schedule: recorded, nobody told
    return session


def _place(cohort: Cohort, trainee: User, at: datetime) -> None:
    CohortEnrolment.objects.get_or_create(
        cohort=cohort,
        trainee=trainee,
        defaults={
            "status": CohortEnrolment.Status.ENROLLED,
            "queued_at": at,
            "enrolled_at": at,
        },
    )


def _mark(session: Session, trainee: User, instructor: User, status: str, minutes: int) -> None:
    Attendance.objects.get_or_create(
        session=session,
        trainee=trainee,
        defaults={
            "status": status,
            "minutes": minutes,
            "joined": Attendance.Joined.IN_PERSON,
            "marked_by": instructor,
            "marked_at": session.ends_at,
        },
    )


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def seed_evening_cohort(*, course, trainee: User, instructor: User) -> Cohort:
    cohort = _cohort(
        course=course,
        title=EVENING_COHORT,
        instructor=instructor,
        capacity=16,
        summary=(
            "Six evenings, 6 to 9 pm Eastern, in the training room at the Harbor Recovery "
            "Community Center or on video. Bring a notebook; the role-plays are fictional."
        ),
    )
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    today = timezone.localdate()
    for offset, title, module, mode, hours, topics in EVENING_SESSIONS:
        session = _session(
            cohort=cohort,
            title=title,
            day=today + timedelta(days=offset),
            start_time=EVENING[0],
            end_time=EVENING[1],
            mode=mode,
            location=ROOM if mode != DeliveryMode.LIVE_VIRTUAL else "",
            video_link=VIDEO if mode != DeliveryMode.IN_PERSON else "",
            hours=hours,
            topics=topics,
        )
        if len(modules) >= module and not session.modules.exists():
            session.modules.add(modules[module - 1])
            session.save()
    sessions = list(cohort.sessions.order_by("starts_at"))
    _place(cohort, trainee, sessions[0].starts_at - timedelta(days=14))
    # The first evening in full; the second one left 50 minutes early (130 of 180 minutes:
    # 2.17 h of Mentoring/Education, credited as 2 h in quarter hours).
    _mark(sessions[0], trainee, instructor, Attendance.Status.PRESENT, sessions[0].minutes)
    _mark(sessions[1], trainee, instructor, Attendance.Status.LEFT_EARLY, 130)
    return cohort


def seed_spanish_cohort(*, course, instructor: User) -> Cohort:
    """Taught in Spanish: its title, summary and sessions are written in Spanish. Nobody is
    enrolled yet, so trainee@ (and anyone reading in Spanish) can join it."""
    cohort = _cohort(
        course=course,
        title=SPANISH_COHORT,
        instructor=instructor,
        language="es",
        capacity=18,
        summary=(
            "Seis sábados por la mañana, de 9 a 12 (hora del Este), por video: para "
            "participantes de varios estados que prefieren formarse en español. Tenga a mano un "
            "cuaderno; los juegos de roles son ficticios."
        ),
    )
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    first_saturday = _next_weekday(timezone.localdate() + timedelta(days=1), 5)
    for week, title, module, hours, topics in SPANISH_SESSIONS:
        session = _session(
            cohort=cohort,
            title=title,
            day=first_saturday + timedelta(days=7 * week),
            start_time=SATURDAY_MORNING[0],
            end_time=SATURDAY_MORNING[1],
            mode=DeliveryMode.LIVE_VIRTUAL,
            video_link=SPANISH_VIDEO,
            hours=hours,
            topics=topics,
        )
        if len(modules) >= module and not session.modules.exists():
            session.modules.add(modules[module - 1])
            session.save()
    return cohort


def seed_intensive(*, course, holders: list[User], instructor: User) -> Cohort:
    """Before the certified holders' certificates: the renewal holder's was issued almost two
    years ago, so the intensive ran three years back."""
    cohort = _cohort(
        course=course,
        title=INTENSIVE_COHORT,
        instructor=instructor,
        capacity=20,
        enrolment_open=False,
        summary="Four weekends, Saturday and Sunday mornings, in the training room.",
    )
    first_saturday = _next_weekday(timezone.localdate() - timedelta(days=3 * 365), 5)
    for weekend, (saturday_domain, sunday_domain) in enumerate(INTENSIVE_SPLIT):
        for day_offset, domain in ((0, saturday_domain), (1, sunday_domain)):
            _session(
                cohort=cohort,
                title=f"Weekend {weekend + 1}, {'Saturday' if day_offset == 0 else 'Sunday'}",
                day=first_saturday + timedelta(days=7 * weekend + day_offset),
                start_time=time(9, 0),
                end_time=time(12, 0),
                mode=DeliveryMode.IN_PERSON,
                location=ROOM,
                hours={domain: "3"},
                topics={"Ethics": "3"} if domain == "Ethical Responsibility" else {},
            )
    for holder in holders:
        attend_whole_cohort(cohort=cohort, trainee=holder, instructor=instructor)
    return cohort


def attend_whole_cohort(*, cohort: Cohort, trainee: User, instructor: User) -> None:
    """The trainee enrolled a month before the first session and was present at every one."""
    sessions = list(cohort.sessions.order_by("starts_at"))
    _place(cohort, trainee, sessions[0].starts_at - timedelta(days=30))
    for session in sessions:
        _mark(session, trainee, instructor, Attendance.Status.PRESENT, session.minutes)


def seed_cohorts(*, course, users: dict) -> list[Cohort]:
    instructor = users["instructor@example.org"]
    seed_topics()
    holders = list(
        User.objects.filter(email__in=["certified@example.org", "renewal@example.org"]).order_by(
            "email"
        )
    )
    return [
        seed_evening_cohort(
            course=course, trainee=users["trainee@example.org"], instructor=instructor
        ),
        seed_intensive(course=course, holders=holders, instructor=instructor),
        seed_spanish_cohort(course=course, instructor=instructor),
    ]
