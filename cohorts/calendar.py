"""Sessions as iCalendar (RFC 5545), built with the `icalendar` library: a person's private
feed and one session's "add to calendar" file.

Times are written in the cohort's own zone with its VTIMEZONE, so a calendar shows an evening
session at 6 pm where it takes place, across clock changes. An event's UID is stable and its
SEQUENCE is the session's change count, so a calendar updates the event it already has (and
removes a cancelled one) instead of adding a copy.

What an event says: the course, the session, the place for in-person sessions, and the
address of the session's page. Never the video link: feeds are often handed to outside
calendar services, and the link stays on the page, for the cohort's people after they sign in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Session

PRODID = "-//PeerCert//Instructor-led sessions//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid(session: Session) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "peercert"
    return f"session-{session.pk}@{host}"


def session_url(session: Session) -> str:
    return f"{settings.SITE_URL}{reverse('cohorts:session', args=[session.pk])}"


def event(session: Session) -> Event:
    item = Event()
    item.add("uid", uid(session))
    item.add("sequence", session.sequence)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", session.local_start())
    item.add("dtend", session.local_end())
    # The session's title is in the language the cohort is taught in: say so (RFC 5545's
    # LANGUAGE parameter), and say in the reader's language which language that is.
    item.add(
        "summary",
        f"{session.cohort.course.title}: {session.title}",
        parameters={"LANGUAGE": session.cohort.language},
    )
    item.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    if session.has_room and session.location:
        item.add("location", session.location)
    how = session.get_mode_display()
    if session.has_video:
        details = _("Details and the video link (sign in): %(url)s")
    else:
        details = _("Details (sign in): %(url)s")
    item.add(
        "description",
        f"{session.cohort.title} · {how} · {session.cohort.taught_in}\n"
        + details % {"url": session_url(session)},
    )
    item.add("url", session_url(session))
    return item


def calendar(sessions: Iterable[Session], *, name: str) -> bytes:
    sessions = list(sessions)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for session in sessions:
        cal.add_component(event(session))
    if sessions:
        # Only the years the sessions fall in: a whole 1970–2038 zone history for each feed
        # would be most of the file.
        first = min(s.starts_at for s in sessions).date() - timedelta(days=366)
        last = max(s.ends_at for s in sessions).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=max(last, first + timedelta(1)))
    return cal.to_ical()


def single(session: Session) -> bytes:
    return calendar([session], name=session.cohort.course.title)
