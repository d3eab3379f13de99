"""Instructors schedule their cohorts' sessions in the Wagtail admin: times in the cohort's
zone, hours by domain; moving a session e-mails the enrolled once; another course's cohort or
a person who does not teach the course cannot be chosen."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cohorts import notifications
from cohorts.models import Cohort, Session
from tests.conftest import build_course
from tests.factories import TrainingDomainFactory
from tests.factories.cohorts import enrol, make_cohort, make_instructor, make_session

pytestmark = pytest.mark.django_db


def session_data(cohort, domain, *, day, start="18:00", end="21:00", row_id=None, **fields):
    return nested_form_data(
        {
            "cohort": cohort.pk,
            "title": "Advocacy and cultural humility",
            "date": day.isoformat(),
            "start_time": start,
            "end_time": end,
            "mode": "in_person",
            "location": "Training room 2",
            "video_link": "",
            "domain_hours": inline_formset(
                [{"id": row_id or "", "domain": domain.pk, "hours": "3"}],
                initial=1 if row_id else 0,
            ),
            "topic_hours": inline_formset([]),
            **fields,
        }
    )


def test_an_instructor_schedules_a_session_and_moving_it_emails_the_enrolled_once(
    client, cohort, instructor, django_capture_on_commit_callbacks
):
    make_session(cohort=cohort, start=timezone.now() + timedelta(days=1))  # so people can join
    member = enrol(cohort=cohort).trainee
    domain = TrainingDomainFactory(name="Advocacy")
    day = timezone.localdate() + timedelta(days=20)
    client.force_login(instructor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailsnippets_cohorts_session:add"), session_data(cohort, domain, day=day)
        )
    assert response.status_code == 302, response.context["form"].errors
    session = Session.objects.get(title="Advocacy and cultural humility")
    assert session.starts_at == datetime.combine(day, time(18), tzinfo=ZoneInfo(cohort.time_zone))
    assert not mail.outbox  # a new session is on the cohort's page; nobody is told twice

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailsnippets_cohorts_session:edit", args=[session.pk]),
            session_data(
                cohort,
                domain,
                day=day,
                start="17:30",
                end="20:30",
                row_id=session.domain_hours.get().pk,
            ),
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].subject == notifications.CHANGE_SUBJECT
    assert "17:30" in mail.outbox[0].body
    session.refresh_from_db()
    assert session.sequence == 1


def test_more_hours_than_the_session_lasts_are_refused(client, cohort, instructor):
    domain = TrainingDomainFactory(name="Advocacy")
    client.force_login(instructor)
    data = session_data(
        cohort, domain, day=timezone.localdate() + timedelta(days=3), start="18:00", end="19:00"
    )
    response = client.post(reverse("wagtailsnippets_cohorts_session:add"), data)
    assert response.status_code == 200
    assert "more than the session lasts" in response.content.decode()
    assert not Session.objects.exists()


def test_another_courses_cohort_and_a_non_instructor_cannot_be_chosen(
    client, course_index, course, cohort, instructor
):
    other = build_course(course_index, modules=1, lessons=1, title="Other course")
    theirs = make_cohort(course=other.course, instructors=[make_instructor(course=other.course)])
    client.force_login(instructor)
    domain = TrainingDomainFactory(name="Advocacy")
    response = client.post(
        reverse("wagtailsnippets_cohorts_session:add"),
        session_data(theirs, domain, day=timezone.localdate() + timedelta(days=3)),
    )
    assert response.status_code == 200
    assert not Session.objects.exists()
    outsider = make_instructor(course=other.course, last_name="Outsider")
    response = client.post(
        reverse("wagtailsnippets_cohorts_cohort:edit", args=[cohort.pk]),
        (
            {
                "course": course.course.pk,
                "title": cohort.title,
                "summary": "",
                "instructors": [instructor.pk, outsider.pk],
                "time_zone": cohort.time_zone,
                "capacity": "12",
                "enrolment_open": "on",
                "credit_step_minutes": "15",
                "checkin_opens_minutes": "15",
                "checkin_code_minutes": "10",
                "late_after_minutes": "10",
            }
        ),
    )
    assert response.status_code == 200
    assert "Not instructors of this course" in response.content.decode()
    assert list(Cohort.objects.get(pk=cohort.pk).instructors.all()) == [instructor]
