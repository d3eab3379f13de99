"""Reads for instructor-led training: who may see which cohort and session (and as what), a
person's /sessions/ page, an instructor's roster, calendar contents, and the hours that
certification and transcripts count."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts import roles
from accounts.models import User
from courses.permissions import courses_taught_by

from . import rules
from .models import (
    Attendance,
    CalendarFeed,
    CheckIn,
    CheckInCode,
    Cohort,
    CohortEnrolment,
    OutsideTraining,
    Session,
)

# Who is looking at a cohort or a session, and as what.
INSTRUCTOR = "instructor"  # one of the cohort's instructors (who still teaches the course)
MEMBER = "member"  # an enrolled trainee
WAITLISTED = "waitlisted"  # on the waitlist: sees the schedule, not the video link
VISITOR = "visitor"  # may join: the cohort is open for enrolment

SEES_PRIVATE = (INSTRUCTOR, MEMBER)  # the video link, the calendar event, the roster's people


def is_instructor(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active) and roles.has_role(
        user, roles.INSTRUCTORS
    )


def cohorts_taught(user: User) -> QuerySet[Cohort]:
    """Cohorts the user is named on and whose course they still teach: taking someone out of a
    course's instructor group takes their rosters away too."""
    if not (user.is_authenticated and user.is_active):
        return Cohort.objects.none()
    return Cohort.objects.filter(instructors=user, course__in=courses_taught_by(user)).distinct()


def cohorts_for_admin(*, user: User) -> QuerySet[Cohort]:
    """What the Wagtail admin lists and edits: every cohort of the courses one teaches (so
    co-instructors can plan together); all of them for superusers."""
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(course__in=courses_taught_by(user))


def sessions_for_admin(*, user: User) -> QuerySet[Session]:
    return Session.objects.filter(cohort__in=cohorts_for_admin(user=user))


def enrolment_of(*, user: User, cohort: Cohort) -> CohortEnrolment | None:
    if not user.is_authenticated:
        return None
    return CohortEnrolment.objects.filter(cohort=cohort, trainee=user).first()


def cohort_role(*, user: User, cohort: Cohort) -> str | None:
    """None: this person may not see the cohort (the views answer 404)."""
    if not (user.is_authenticated and user.is_active):
        return None
    if cohorts_taught(user).filter(pk=cohort.pk).exists():
        return INSTRUCTOR
    enrolment = enrolment_of(user=user, cohort=cohort)
    if enrolment is not None and enrolment.status == CohortEnrolment.Status.ENROLLED:
        return MEMBER
    if enrolment is not None and enrolment.status == CohortEnrolment.Status.WAITLISTED:
        return WAITLISTED
    if cohort.enrolment_open and cohort.course.live:
        return VISITOR
    return None


def cohort_for(*, user: User, cohort_id: int) -> tuple[Cohort, str]:
    cohort = Cohort.objects.select_related("course").get(pk=cohort_id)
    role = cohort_role(user=user, cohort=cohort)
    if role is None:
        raise Cohort.DoesNotExist
    return cohort, role


def session_for(*, user: User, session_id: int) -> tuple[Session, str]:
    """A session opens for its cohort's instructors and enrolled trainees only (the waitlist
    and visitors see the schedule on the cohort's page)."""
    session = Session.objects.select_related("cohort__course").get(pk=session_id)
    role = cohort_role(user=user, cohort=session.cohort)
    if role not in SEES_PRIVATE:
        raise Session.DoesNotExist
    return session, role


def enrolled_count(cohort: Cohort) -> int:
    return cohort.enrolments.filter(status=CohortEnrolment.Status.ENROLLED).count()


def waitlist(cohort: Cohort) -> list[CohortEnrolment]:
    return list(
        cohort.enrolments.filter(status=CohortEnrolment.Status.WAITLISTED).order_by(
            "queued_at", "pk"
        )
    )


def waitlist_position(enrolment: CohortEnrolment) -> int | None:
    if enrolment.status != CohortEnrolment.Status.WAITLISTED:
        return None
    ahead = CohortEnrolment.objects.filter(
        cohort_id=enrolment.cohort_id, status=CohortEnrolment.Status.WAITLISTED
    ).filter(
        Q(queued_at__lt=enrolment.queued_at) | Q(queued_at=enrolment.queued_at, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


def enrolled_trainees(cohort_id: int) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        cohort_enrolments__cohort_id=cohort_id,
        cohort_enrolments__status=CohortEnrolment.Status.ENROLLED,
    ).order_by("last_name", "first_name", "email")


def _with_hours(queryset: QuerySet[Session]) -> QuerySet[Session]:
    return queryset.select_related("cohort__course").prefetch_related(
        "domain_hours__domain", "topic_hours__topic", "modules"
    )


def sessions_of(cohort: Cohort) -> list[Session]:
    return list(_with_hours(cohort.sessions.all()).order_by("starts_at"))


# --- /sessions/ ------------------------------------------------------------------------------------


@dataclass
class CohortRow:
    cohort: Cohort
    enrolment: CohortEnrolment | None = None
    upcoming: list[Session] = field(default_factory=list)
    next_session: Session | None = None
    enrolled: int = 0
    waiting: int = 0
    position: int | None = None

    @property
    def free(self) -> int:
        return max(0, self.cohort.capacity - self.enrolled)

    @property
    def has_place(self) -> bool:
        return self.enrolment is not None and self.enrolment.status == "enrolled"


@dataclass
class Home:
    mine: list[CohortRow]  # cohorts I am in or waiting for
    open: list[CohortRow]  # cohorts of my courses I could join
    taught: list[CohortRow]  # cohorts I teach
    outside: list[OutsideTraining]
    feed: CalendarFeed | None

    @property
    def empty(self) -> bool:
        return not (self.mine or self.open or self.taught)


def home_for(*, user: User, now: datetime | None = None) -> Home:
    now = now or timezone.now()
    ahead = Session.objects.filter(ends_at__gt=now, cancelled=False).order_by("starts_at")
    live = Prefetch("sessions", queryset=ahead, to_attr="upcoming_sessions")
    enrolments = list(
        CohortEnrolment.objects.filter(trainee=user)
        .exclude(status=CohortEnrolment.Status.WITHDRAWN)
        .select_related("cohort__course")
        .prefetch_related(Prefetch("cohort__sessions", queryset=ahead, to_attr="upcoming_sessions"))
    )
    mine = []
    for enrolment in enrolments:
        upcoming = enrolment.cohort.upcoming_sessions
        mine.append(
            CohortRow(
                cohort=enrolment.cohort,
                enrolment=enrolment,
                upcoming=upcoming,
                next_session=upcoming[0] if upcoming else None,
                position=waitlist_position(enrolment),
            )
        )
    joined = {row.cohort.pk for row in mine}
    counted = Cohort.objects.annotate(
        enrolled_n=Count("enrolments", filter=Q(enrolments__status="enrolled")),
        waiting_n=Count("enrolments", filter=Q(enrolments__status="waitlisted")),
    )
    taught = [
        CohortRow(
            cohort=cohort,
            upcoming=cohort.upcoming_sessions,
            next_session=cohort.upcoming_sessions[0] if cohort.upcoming_sessions else None,
            enrolled=cohort.enrolled_n,
            waiting=cohort.waiting_n,
        )
        for cohort in counted.filter(pk__in=cohorts_taught(user).values("pk"))
        .select_related("course")
        .prefetch_related(live)
    ]
    open_rows = [
        CohortRow(
            cohort=cohort,
            upcoming=cohort.upcoming_sessions,
            next_session=cohort.upcoming_sessions[0] if cohort.upcoming_sessions else None,
            enrolled=cohort.enrolled_n,
            waiting=cohort.waiting_n,
        )
        for cohort in counted.filter(
            enrolment_open=True,
            course__live=True,
            course__enrollments__trainee=user,
            course__enrollments__withdrawn_at__isnull=True,
        )
        .exclude(pk__in=joined)
        .exclude(pk__in=[row.cohort.pk for row in taught])
        .select_related("course")
        .prefetch_related(live)
        .distinct()
        if cohort.upcoming_sessions
    ]
    return Home(
        mine=mine,
        open=open_rows,
        taught=taught,
        outside=list(
            OutsideTraining.objects.filter(trainee=user)
            .prefetch_related("domain_hours__domain", "domain_hours__topic")
            .order_by("-requested_at")
        ),
        feed=feed_of(user),
    )


def next_session_for(*, user: User, now: datetime | None = None) -> Session | None:
    """The trainee's next live session (for the dashboard), in a cohort they have a place in."""
    now = now or timezone.now()
    return (
        Session.objects.filter(
            ends_at__gt=now,
            cancelled=False,
            cohort__enrolments__trainee=user,
            cohort__enrolments__status=CohortEnrolment.Status.ENROLLED,
        )
        .select_related("cohort__course")
        .order_by("starts_at")
        .first()
    )


# --- the roster ------------------------------------------------------------------------------------


@dataclass
class RosterRow:
    trainee: User
    attendance: Attendance | None
    checkin: CheckIn | None
    credited: Decimal  # hours this session credits them with, as marked now


def roster(session: Session) -> list[RosterRow]:
    """The cohort's enrolled trainees (and anyone already marked, should they have left since)
    with their mark and check-in for this session."""
    marks = {a.trainee_id: a for a in session.attendance.select_related("trainee")}
    checkins = {c.trainee_id: c for c in session.checkins.all()}
    people = {u.pk: u for u in enrolled_trainees(session.cohort_id)}
    for mark in marks.values():
        people.setdefault(mark.trainee_id, mark.trainee)
    allocation = {row.domain.name: row.hours for row in session.domain_hours.all()}
    rows = []
    for trainee in sorted(people.values(), key=lambda u: (u.last_name, u.first_name, u.email)):
        mark = marks.get(trainee.pk)
        credited = Decimal("0")
        if mark is not None and mark.minutes:
            credited = sum(
                rules.credited_hours(
                    attended_minutes=min(mark.minutes, session.minutes),
                    session_minutes=session.minutes,
                    allocation=allocation,
                    step_minutes=session.cohort.credit_step_minutes,
                ).values(),
                Decimal("0"),
            )
        rows.append(RosterRow(trainee, mark, checkins.get(trainee.pk), credited))
    return rows


def checkins_waiting_count(*, instructor: User) -> int:
    """Check-ins to the instructor's cohorts' sessions still waiting for them. One query."""
    return CheckIn.objects.filter(
        status=CheckIn.Status.WAITING, session__cohort__in=cohorts_taught(instructor).values("pk")
    ).count()


def current_code(session: Session, *, now: datetime | None = None) -> CheckInCode | None:
    """The session's check-in code while it is still good."""
    now = now or timezone.now()
    code = CheckInCode.objects.filter(session=session).first()
    if code is None or code.expires_at <= now:
        return None
    return code


def checkin_of(*, session: Session, trainee: User) -> CheckIn | None:
    return CheckIn.objects.filter(session=session, trainee=trainee).first()


def attendance_of(*, session: Session, trainee: User) -> Attendance | None:
    return Attendance.objects.filter(session=session, trainee=trainee).first()


# --- calendars -------------------------------------------------------------------------------------


def calendar_sessions(user: User) -> list[Session]:
    """Sessions of the cohorts the user is enrolled in or teaches, cancelled ones included (a
    calendar removes an event it is told is cancelled)."""
    taught = cohorts_taught(user).values("pk")
    enrolled = CohortEnrolment.objects.filter(
        trainee=user, status=CohortEnrolment.Status.ENROLLED
    ).values("cohort_id")
    return list(
        Session.objects.filter(Q(cohort__in=taught) | Q(cohort__in=enrolled))
        .select_related("cohort__course")
        .order_by("starts_at")
        .distinct()
    )


def feed_of(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def feed_owner(token_sha256: str) -> User | None:
    feed = (
        CalendarFeed.objects.filter(token_sha256=token_sha256, user__is_active=True)
        .select_related("user")
        .first()
    )
    return feed.user if feed else None


# --- hours: certification and transcripts ----------------------------------------------------------


def _session_credit(attendance: Attendance) -> rules.Credit:
    session = attendance.session
    step = session.cohort.credit_step_minutes
    minutes = min(attendance.minutes, session.minutes)

    def credit(allocation):
        return rules.credited_hours(
            attended_minutes=minutes,
            session_minutes=session.minutes,
            allocation=allocation,
            step_minutes=step,
        )

    return rules.Credit(
        on=session.local_start().date(),
        delivery=attendance.joined,
        hours_by_domain=credit({r.domain.name: r.hours for r in session.domain_hours.all()}),
        hours_by_topic=credit({r.topic.name: r.hours for r in session.topic_hours.all()}),
    )


def _attended(trainee: User, course_ids: Iterable[int] | None = None) -> QuerySet[Attendance]:
    queryset = Attendance.objects.filter(
        trainee=trainee, minutes__gt=0, session__cancelled=False
    ).exclude(status=Attendance.Status.ABSENT)
    if course_ids is not None:
        queryset = queryset.filter(session__cohort__course_id__in=list(course_ids))
    return queryset.select_related("session__cohort__course").prefetch_related(
        "session__domain_hours__domain", "session__topic_hours__topic"
    )


def attended_credits(
    *, trainee: User, course_ids: Iterable[int] | None = None
) -> list[rules.Credit]:
    """One credit per attended session (of these courses' cohorts, or of any): the attended
    part of its domain and topic hours, rounded down to the cohort's step."""
    return [_session_credit(a) for a in _attended(trainee, course_ids)]


def outside_credits(*, trainee: User) -> list[rules.Credit]:
    """One credit per approved outside training, dated its last day, with the hours the
    reviewer approved."""
    credits = []
    for record in OutsideTraining.objects.filter(
        trainee=trainee, status=OutsideTraining.Status.APPROVED
    ).prefetch_related("domain_hours__domain", "domain_hours__topic"):
        by_domain: dict[str, Decimal] = {}
        by_topic: dict[str, Decimal] = {}
        for row in record.domain_hours.all():
            hours = row.hours_approved or Decimal("0")
            if hours <= 0:
                continue
            if row.domain_id:
                by_domain[row.domain.name] = hours
            else:
                by_topic[row.topic.name] = hours
        if by_domain or by_topic:
            credits.append(
                rules.Credit(
                    on=record.ended_on,
                    delivery=record.delivery,
                    hours_by_domain=by_domain,
                    hours_by_topic=by_topic,
                )
            )
    return credits


def training_credits(
    *, trainee: User, course_ids: Iterable[int] | None = None
) -> list[rules.Credit]:
    """Everything certification counts from here: attended sessions and approved outside
    training. Self-paced modules are certificates' own read."""
    return attended_credits(trainee=trainee, course_ids=course_ids) + outside_credits(
        trainee=trainee
    )


@dataclass(frozen=True)
class AttendedRow:
    on: date
    course: str
    cohort: str
    session: str
    delivery: str  # how the trainee took part, as words
    status: str
    hours: Decimal


def transcript_rows(*, trainee: User) -> list[AttendedRow]:
    """Attended sessions for a transcript: date, course, how it was delivered, hours."""
    rows = []
    for attendance in _attended(trainee).order_by("session__starts_at"):
        credit = _session_credit(attendance)
        session = attendance.session
        rows.append(
            AttendedRow(
                on=credit.on,
                course=session.cohort.course.title,
                cohort=session.cohort.title,
                session=session.title,
                delivery=str(attendance.get_joined_display()),
                status=str(attendance.get_status_display()),
                hours=credit.total,
            )
        )
    return rows


def approved_outside(*, trainee: User) -> list[OutsideTraining]:
    return list(
        OutsideTraining.objects.filter(trainee=trainee, status=OutsideTraining.Status.APPROVED)
        .prefetch_related("domain_hours__domain", "domain_hours__topic")
        .order_by("ended_on")
    )


# --- reviewers -----------------------------------------------------------------------------------


def can_review(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active) and (
        user.is_superuser or roles.has_role(user, roles.REVIEWERS)
    )


def outside_review_queue() -> dict[str, list[OutsideTraining]]:
    waiting = list(
        OutsideTraining.objects.filter(status=OutsideTraining.Status.PENDING)
        .select_related("trainee")
        .prefetch_related("domain_hours__domain", "domain_hours__topic")
        .order_by("requested_at")
    )
    decided = list(
        OutsideTraining.objects.exclude(status=OutsideTraining.Status.PENDING)
        .select_related("trainee", "decided_by")
        .order_by("-decided_at")[:20]
    )
    return {"waiting": waiting, "decided": decided}


# --- "download my data" --------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(*, user: User) -> dict:
    """The person's own live training as plain JSON: places and waitlist entries, attendance
    and check-ins, outside training, and whether a calendar address is on (never the token).
    Six queries."""
    feed = feed_of(user)
    return {
        "cohorts": [
            {
                "course": e.cohort.course.title,
                "cohort": e.cohort.title,
                "status": e.get_status_display(),
                "joined": _iso(e.queued_at),
                "place_since": _iso(e.enrolled_at),
                "withdrawn": _iso(e.withdrawn_at),
            }
            for e in CohortEnrolment.objects.filter(trainee=user)
            .select_related("cohort__course")
            .order_by("queued_at")
        ],
        "attendance": [
            {
                "session": a.session.title,
                "cohort": a.session.cohort.title,
                "starts": _iso(a.session.starts_at),
                "status": a.get_status_display(),
                "minutes": a.minutes,
                "took_part": a.get_joined_display(),
            }
            for a in Attendance.objects.filter(trainee=user)
            .select_related("session__cohort")
            .order_by("session__starts_at")
        ],
        "check_ins": [
            {"session": c.session.title, "at": _iso(c.at), "status": c.get_status_display()}
            for c in CheckIn.objects.filter(trainee=user).select_related("session").order_by("at")
        ],
        "outside_training": [
            {
                "title": r.title,
                "provider": r.provider,
                "approval_number": r.approval_number,
                "from": r.started_on.isoformat(),
                "to": r.ended_on.isoformat(),
                "delivery": r.get_delivery_display(),
                "status": r.get_status_display(),
                "reason": r.reason,
                "hours": [
                    {
                        "for": row.label,
                        "claimed": str(row.hours_claimed),
                        "approved": None if row.hours_approved is None else str(row.hours_approved),
                    }
                    for row in r.domain_hours.all()
                ],
            }
            for r in OutsideTraining.objects.filter(trainee=user)
            .prefetch_related("domain_hours__domain", "domain_hours__topic")
            .order_by("requested_at")
        ],
        "calendar_address_on": bool(feed and feed.active),
    }
