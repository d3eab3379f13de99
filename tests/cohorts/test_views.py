"""/sessions/ as people use it: trainees join, see their sessions (the video link only once they
have a place), check in with the code and add sessions to their calendar; instructors take
attendance on the roster; the private calendar feed follows its token; outside training goes
in with its certificate. Bad input is a clear error and changes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cohorts import services
from cohorts.models import Attendance, CheckIn, CohortEnrolment, OutsideTraining
from tests.factories import TrainingDomainFactory, UserFactory
from tests.factories.cohorts import enrol, make_cohort, make_instructor, make_session
from tests.factories.continuing_education import PDF_BYTES

pytestmark = pytest.mark.django_db

VIDEO = "VIDEO-LINK-SECRET"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture
def running(cohort):
    return make_session(
        cohort=cohort, start=timezone.now() - timedelta(minutes=5), mode="hybrid", title="Tonight"
    )


@pytest.fixture
def member(cohort, running, trainee):
    enrol(cohort=cohort, trainee=trainee)
    return trainee


def signed_in(client, user):
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


# --- trainees ------------------------------------------------------------------------------------


def test_a_trainee_reaches_sessions_from_the_dashboard_and_joins_an_open_cohort(
    client, cohort, running, trainee
):
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(trainee=trainee, course=cohort.course)
    signed_in(client, trainee)
    dashboard = text(client.get(reverse("dashboard")))
    assert f'href="{reverse("cohorts:home")}"' in dashboard
    home = text(client.get(reverse("cohorts:home")))
    assert cohort.title in home and "Cohorts you can join" in home
    page = text(client.get(reverse("cohorts:cohort", args=[cohort.pk])))
    assert VIDEO not in page  # not before a place is theirs
    response = client.post(reverse("cohorts:join", args=[cohort.pk]), follow=True)
    assert "You have a place in this cohort." in text(response)
    session_page = text(client.get(reverse("cohorts:session", args=[running.pk])))
    assert VIDEO in session_page
    dashboard = text(client.get(reverse("dashboard")))
    assert reverse("cohorts:session", args=[running.pk]) in dashboard


def test_the_waitlist_sees_the_schedule_but_not_the_session(client, cohort, running):
    cohort.capacity = 1
    cohort.save()
    enrol(cohort=cohort)
    waiting = enrol(cohort=cohort).trainee
    signed_in(client, waiting)
    page = text(client.get(reverse("cohorts:cohort", args=[cohort.pk])))
    assert "waitlist, number 1" in page and VIDEO not in page
    assert client.get(reverse("cohorts:session", args=[running.pk])).status_code == 404
    assert client.get(reverse("cohorts:session_ics", args=[running.pk])).status_code == 404


def test_a_trainee_checks_in_with_the_code_and_a_wrong_one_is_a_clear_error(
    client, cohort, instructor, running, member
):
    code = services.checkin_code_issue(instructor=instructor, session_id=running.pk)
    signed_in(client, member)
    url = reverse("cohorts:checkin", args=[running.pk])
    wrong = client.post(url, {"code": "XXXXXX"})
    assert wrong.status_code == 400
    assert "That is not the code shown in the room." in text(wrong)
    assert not CheckIn.objects.exists()
    right = client.post(url, {"code": code.code}, follow=True)
    assert "You are checked in." in text(right)
    again = client.post(url, {"code": code.code})
    assert again.status_code == 400
    assert "You have already checked in to this session." in text(again)
    assert CheckIn.objects.count() == 1


def test_checking_in_after_the_session_is_refused_and_records_nothing(
    client, cohort, instructor, member
):
    over = make_session(cohort=cohort, start=timezone.now() - timedelta(hours=4), minutes=120)
    signed_in(client, member)
    response = client.post(reverse("cohorts:checkin", args=[over.pk]), {"code": "ABCDEF"})
    assert response.status_code == 400
    assert "This session is over, so check-in is closed." in text(response)
    assert not CheckIn.objects.exists()


def test_add_to_calendar_gives_the_session_in_the_cohorts_zone_without_the_video_link(
    client, cohort, running, member
):
    signed_in(client, member)
    response = client.get(reverse("cohorts:session_ics", args=[running.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == running.local_start()
    assert str(event.get("dtstart").params["TZID"]) == cohort.time_zone
    assert event.get("location") == running.location
    assert VIDEO not in response.content.decode()


# --- the private feed ----------------------------------------------------------------------------


def test_the_feed_lists_ones_sessions_and_a_revoked_address_is_a_404(
    client, cohort, instructor, running, member
):
    other_cohort = make_cohort(
        course=cohort.course, instructors=[instructor], title="Weekend", time_zone=cohort.time_zone
    )
    make_session(cohort=other_cohort, title="Not mine")
    signed_in(client, member)
    client.post(reverse("cohorts:calendar"), {"action": "enable"})
    home = text(client.get(reverse("cohorts:home")))
    feed = services.calendar_feed_enable(user=member)
    url = reverse("cohorts:feed", args=[services.feed_token(feed)])
    assert url in home
    client.logout()  # calendar apps have no session: the token is the key
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    summaries = [str(e.get("summary")) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == [f"{cohort.course.title}: Tonight"]
    assert VIDEO not in response.content.decode()
    signed_in(client, member)
    client.post(reverse("cohorts:calendar"), {"action": "revoke"})
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(reverse("cohorts:feed", args=["0" * 40])).status_code == 404


def test_an_instructors_feed_has_the_sessions_they_teach(client, cohort, instructor, running):
    feed = services.calendar_feed_enable(user=instructor)
    response = client.get(reverse("cohorts:feed", args=[services.feed_token(feed)]))
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event.get("uid")).startswith(f"session-{running.pk}@")


# --- instructors ---------------------------------------------------------------------------------


def test_an_instructor_reaches_the_roster_from_the_header_and_marks_a_partial_attendance(
    client, cohort, instructor, running, member
):
    signed_in(client, instructor)
    header = text(client.get(reverse("dashboard")))
    assert f'href="{reverse("cohorts:home")}"' in header and "Live sessions" in header
    home = text(client.get(reverse("cohorts:home")))
    roster_url = reverse("cohorts:roster", args=[running.pk])
    assert roster_url in home
    roster = text(client.get(roster_url))
    assert member.display_name in roster
    response = client.post(
        roster_url,
        {
            f"status-{member.pk}": "left_early",
            f"minutes-{member.pk}": "100",
            f"joined-{member.pk}": "live_virtual",
        },
        follow=True,
    )
    assert "Attendance saved." in text(response)
    mark = Attendance.objects.get()
    assert (mark.status, mark.minutes, mark.joined) == ("left_early", 100, "live_virtual")
    assert "Credited: 1.5 h" in text(response)  # 100 of 180 minutes of 3 h, in quarter hours


def test_minutes_beyond_the_session_are_a_clear_error_and_nothing_is_saved(
    client, cohort, instructor, running, member
):
    signed_in(client, instructor)
    response = client.post(
        reverse("cohorts:roster", args=[running.pk]),
        {f"status-{member.pk}": "late", f"minutes-{member.pk}": "500"},
    )
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was saved" in page
    assert "500 minutes is longer than the session (180 minutes)." in page
    assert 'value="500"' in page  # what was typed stays to be corrected
    assert not Attendance.objects.exists()


def test_the_instructor_shows_a_code_and_confirms_a_check_in(
    client, cohort, instructor, running, member
):
    signed_in(client, instructor)
    client.post(reverse("cohorts:issue_code", args=[running.pk]))
    code = running.checkin_code
    roster = text(client.get(reverse("cohorts:roster", args=[running.pk])))
    assert code.code in roster
    checkin = services.checkin_submit(trainee=member, session_id=running.pk, code=code.code)
    client.post(reverse("cohorts:confirm_checkin", args=[checkin.pk]))
    assert Attendance.objects.get().status == "present"


def test_another_courses_instructor_and_trainees_cannot_open_the_roster(
    client, course_index, cohort, running, member
):
    from tests.conftest import build_course

    other = build_course(course_index, modules=1, lessons=1, title="Other course")
    stranger = make_instructor(course=other.course)
    for user in (stranger, member, UserFactory()):
        signed_in(client, user)
        assert client.get(reverse("cohorts:roster", args=[running.pk])).status_code == 404
        assert client.post(reverse("cohorts:issue_code", args=[running.pk])).status_code == 404


def test_the_admin_lists_and_opens_only_the_instructors_courses_cohorts(
    client, course_index, cohort, instructor
):
    from tests.conftest import build_course

    other = build_course(course_index, modules=1, lessons=1, title="Other course")
    theirs = make_cohort(
        course=other.course, instructors=[make_instructor(course=other.course)], title="THEIRS"
    )
    signed_in(client, instructor)
    listing = text(client.get(reverse("wagtailsnippets_cohorts_cohort:list")))
    assert cohort.title in listing and "THEIRS" not in listing
    edit = reverse("wagtailsnippets_cohorts_cohort:edit", args=[theirs.pk])
    assert client.get(edit).status_code == 404
    assert (
        client.get(reverse("wagtailsnippets_cohorts_cohort:edit", args=[cohort.pk])).status_code
        == 200
    )


# --- outside training ------------------------------------------------------------------------------


def outside_form(domain, **overrides):
    return {
        "title": "Ethics for peer specialists",
        "provider": "State Peer Workforce Alliance",
        "approval_number": "SPWA-77",
        "started_on": (timezone.localdate() - timedelta(days=10)).isoformat(),
        "ended_on": (timezone.localdate() - timedelta(days=9)).isoformat(),
        "delivery": "in_person",
        f"domain-{domain.pk}": "6",
        "certificate": SimpleUploadedFile("cert.pdf", PDF_BYTES, content_type="application/pdf"),
        **overrides,
    }


def test_outside_training_goes_in_with_its_certificate_which_only_its_trainee_and_reviewers_open(
    client, trainee
):
    domain = TrainingDomainFactory(name="Ethical Responsibility")
    signed_in(client, trainee)
    response = client.post(reverse("cohorts:outside_new"), outside_form(domain))
    assert response.status_code == 302
    record = OutsideTraining.objects.get()
    assert record.hours_claimed == Decimal(6)
    url = reverse("cohorts:outside_certificate", args=[record.pk])
    assert b"".join(client.get(url).streaming_content) == PDF_BYTES
    signed_in(client, UserFactory())
    assert client.get(url).status_code == 404
    signed_in(client, UserFactory(is_superuser=True))
    assert client.get(url).status_code == 200


def test_a_certificate_that_is_not_a_pdf_or_image_is_refused(client, trainee):
    domain = TrainingDomainFactory(name="Ethical Responsibility")
    signed_in(client, trainee)
    fake = SimpleUploadedFile("cert.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("cohorts:outside_new"), outside_form(domain, certificate=fake))
    assert response.status_code == 400
    assert "Only PDF, PNG or JPEG files are accepted." in text(response)
    assert not OutsideTraining.objects.exists()


def test_the_transcript_shows_delivery_and_attended_hours(client, cohort, instructor, member):
    past = make_session(
        cohort=cohort,
        start=timezone.now() - timedelta(hours=4),
        mode="live_virtual",
        title="Crisis support",
    )
    services.attendance_mark(
        instructor=instructor,
        session_id=past.pk,
        marks=[services.Mark(member.pk, "late", "150", "live_virtual")],
    )
    signed_in(client, member)
    page = text(client.get(reverse("continuing_education:transcript")))
    assert "Crisis support" in page and "On video" in page and "2.5" in page
    csv = text(client.get(reverse("continuing_education:transcript_csv")))
    assert "live session" in csv and "On video" in csv


def test_giving_up_a_place_moves_the_waitlist(client, cohort, running, member):
    cohort.capacity = 1
    cohort.save()
    waiting = enrol(cohort=cohort)
    signed_in(client, member)
    client.post(reverse("cohorts:withdraw", args=[cohort.pk]))
    assert CohortEnrolment.objects.get(pk=waiting.pk).status == "enrolled"


def test_my_data_holds_my_live_training_but_never_the_calendar_token(
    client, cohort, instructor, running, member
):
    services.attendance_mark(
        instructor=instructor,
        session_id=running.pk,
        marks=[services.Mark(member.pk, "present", None, "in_person")],
    )
    feed = services.calendar_feed_enable(user=member)
    signed_in(client, member)
    data = client.get(reverse("account_data")).json()["live_training"]
    assert data["cohorts"][0]["cohort"] == cohort.title
    assert data["attendance"][0]["status"] == "Present"
    assert data["calendar_address_on"] is True
    assert services.feed_token(feed) not in client.get(reverse("account_data")).content.decode()


def test_the_instructors_home_counts_check_ins_waiting_for_them(
    client, cohort, instructor, running, member
):
    code = services.checkin_code_issue(instructor=instructor, session_id=running.pk)
    services.checkin_submit(trainee=member, session_id=running.pk, code=code.code)
    signed_in(client, instructor)
    home = text(client.get(reverse("dashboard")))
    assert 'id="home-instructor-checkins" data-count="1"' in home
    assert f'href="{reverse("cohorts:home")}"' in home


def test_an_outside_training_certificate_with_a_script_is_refused_and_nothing_is_saved(
    client, trainee
):
    # The same checks as every other upload (core/uploads.py): a reviewer opens this file.
    from tests.factories.continuing_education import minimal_pdf

    scripted = minimal_pdf(
        catalog=b"/OpenAction 4 0 R", objects=(b"<< /S /JavaScript /JS (app.alert(1)) >>",)
    )
    domain = TrainingDomainFactory(name="Ethical Responsibility")
    signed_in(client, trainee)
    upload = SimpleUploadedFile("cert.pdf", scripted, content_type="application/pdf")
    response = client.post(reverse("cohorts:outside_new"), outside_form(domain, certificate=upload))
    assert response.status_code == 400
    assert "contains scripts, actions, attached files or media" in text(response)
    assert not OutsideTraining.objects.exists()
