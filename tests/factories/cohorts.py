"""Cohorts, sessions and enrolments for tests. A session is built as an editor saves it: its
domain (and topic) hours attached, then saved, which sets its instants in the cohort's zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from cohorts import services
from cohorts.models import Cohort, CohortEnrolment, Session, SessionDomainHours, SessionTopicHours
from courses.services import course_add_instructor

from .accounts import UserFactory
from .courses import TrainingDomainFactory

ZONE = "America/New_York"


def midday_zone() -> str:
    """A fixed-offset zone where it is about noon now, so sessions a few hours either side of
    now start and end on one local day whenever the tests run."""
    offset = 12 - timezone.now().hour
    offset = (offset + 12) % 24 - 12
    if offset == 0:
        # Not UTC itself: calendar files write any zero-offset zone as UTC ("…Z", no TZID), and
        # the tests check that a session keeps its cohort's zone. An hour east is still midday.
        offset = 1
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"  # POSIX signs are inverted


def make_instructor(*, course, **fields):
    Group.objects.get_or_create(name=roles.INSTRUCTORS)
    user = UserFactory(**fields)
    course_add_instructor(course=course, user=user)
    return user


def make_cohort(*, course, instructors=(), **fields) -> Cohort:
    values = {"title": "Evening cohort", "time_zone": ZONE, "capacity": 12, **fields}
    cohort = Cohort(course=course, **values)
    cohort.save()
    cohort.instructors.set(instructors)
    cohort.save()
    return cohort


def make_session(
    *,
    cohort,
    start: datetime | None = None,
    minutes: int = 180,
    hours: dict | None = None,
    topics: dict | None = None,
    mode: str = "in_person",
    **fields,
) -> Session:
    """A session starting at `start` (aware; default: an hour from now) lasting `minutes`,
    with `hours` {domain name: hours} (default: all of it in one domain).

    Sessions end the day they start (a date with start and end times). Tests say "in two days"
    or "five hours ago", so in the cohort's evening such a session would run past midnight: it
    is moved back to end at 23:59 that day, or, where that would put an upcoming session in the
    past, to 9:00 the next morning."""
    zone = ZoneInfo(cohort.time_zone)
    now = timezone.now()
    start = (start or now + timedelta(hours=1)).astimezone(zone).replace(second=0, microsecond=0)
    length = timedelta(minutes=minutes)
    day_end = datetime.combine(start.date(), time(23, 59), tzinfo=zone)
    if start + length > day_end:
        moved = day_end - length
        if start > now >= moved:
            moved = (start + timedelta(days=1)).replace(hour=9, minute=0)
        start = moved
    end = start + length
    assert end.date() == start.date(), "test sessions end the day they start"
    hours = hours if hours is not None else {"Ethical Responsibility": Decimal(minutes) / 60}
    values = {
        "title": "Session",
        "location": "Training room 2, 14 Harbor St." if mode != "live_virtual" else "",
        "video_link": "https://meet.example.org/VIDEO-LINK-SECRET" if mode != "in_person" else "",
        **fields,
    }
    session = Session(
        cohort=cohort,
        date=start.date(),
        start_time=start.time(),
        end_time=end.time(),
        mode=mode,
        **values,
    )
    session.domain_hours = [
        SessionDomainHours(domain=TrainingDomainFactory(name=name), hours=Decimal(str(value)))
        for name, value in hours.items()
    ]
    session.topic_hours = [
        SessionTopicHours(topic=topic, hours=Decimal(str(value)))
        for topic, value in (topics or {}).items()
    ]
    session.save()
    services.session_saved(session_id=session.pk)
    session.refresh_from_db()
    return session


def enrol(*, cohort, trainee=None, **user_fields) -> CohortEnrolment:
    trainee = trainee or UserFactory(**user_fields)
    return services.cohort_join(trainee=trainee, cohort_id=cohort.pk)
