"""Writes for instructor-led training: places and the waitlist, attendance and partial hours,
check-in by code, schedule changes told once, reminders once a day, calendar addresses, and
outside training. A refused write changes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone

from cohorts import notifications, selectors, services
from cohorts.models import (
    Attendance,
    CheckIn,
    CheckInCode,
    CohortEnrolment,
    OutsideTraining,
    Topic,
)
from courses.models import Enrollment
from tests.factories import TrainingDomainFactory, UserFactory
from tests.factories.cohorts import enrol, make_session
from tests.factories.continuing_education import PDF_BYTES

pytestmark = pytest.mark.django_db


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
def upcoming(cohort):
    return make_session(cohort=cohort, start=timezone.now() + timedelta(days=3))


@pytest.fixture
def running(cohort):
    """A three-hour session that started twenty minutes ago."""
    return make_session(cohort=cohort, start=timezone.now() - timedelta(minutes=20))


@pytest.fixture
def member(cohort, upcoming, trainee):
    enrol(cohort=cohort, trainee=trainee)
    return trainee


def run_jobs(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks(execute=True)


# --- places and the waitlist -----------------------------------------------------------------------


def test_joining_takes_a_place_and_enrols_in_the_course(cohort, upcoming, trainee):
    enrolment = services.cohort_join(trainee=trainee, cohort_id=cohort.pk)
    assert enrolment.status == CohortEnrolment.Status.ENROLLED
    assert Enrollment.objects.filter(trainee=trainee, course=cohort.course).exists()


def test_a_full_cohort_puts_joiners_on_the_waitlist_and_a_freed_place_goes_in_order(
    cohort, upcoming, django_capture_on_commit_callbacks
):
    cohort.capacity = 2
    cohort.save()
    first, second = enrol(cohort=cohort), enrol(cohort=cohort)
    waiting = [enrol(cohort=cohort, email=f"w{i}@example.org") for i in range(3)]
    assert all(w.status == CohortEnrolment.Status.WAITLISTED for w in waiting)
    with run_jobs(django_capture_on_commit_callbacks):
        services.cohort_withdraw(trainee=first.trainee, cohort_id=cohort.pk)
    statuses = [CohortEnrolment.objects.get(pk=w.pk).status for w in waiting]
    assert statuses == ["enrolled", "waitlisted", "waitlisted"]
    assert [m.to for m in mail.outbox] == [["w0@example.org"]]
    assert mail.outbox[0].subject == notifications.PROMOTION_SUBJECT
    # More places: the queue moves up in order again, and nobody is told twice.
    cohort.capacity = 3
    cohort.save()
    with run_jobs(django_capture_on_commit_callbacks):
        services.cohort_places_changed(cohort_id=cohort.pk)
    statuses = [CohortEnrolment.objects.get(pk=w.pk).status for w in waiting]
    assert statuses == ["enrolled", "enrolled", "waitlisted"]
    assert sorted(m.to[0] for m in mail.outbox) == ["w0@example.org", "w1@example.org"]
    assert second.status == "enrolled"


def test_joining_twice_is_refused(cohort, member):
    with pytest.raises(ValidationError, match=services.ALREADY_IN):
        services.cohort_join(trainee=member, cohort_id=cohort.pk)


def test_a_closed_cohort_cannot_be_joined(cohort, upcoming, trainee):
    cohort.enrolment_open = False
    cohort.save()
    with pytest.raises(ValidationError, match=services.NOT_OPEN):
        services.cohort_join(trainee=trainee, cohort_id=cohort.pk)
    assert not CohortEnrolment.objects.exists()


def test_rejoining_after_withdrawing_goes_to_the_back_of_the_queue(cohort, upcoming):
    cohort.capacity = 1
    cohort.save()
    holder = enrol(cohort=cohort)
    early = enrol(cohort=cohort)
    services.cohort_withdraw(trainee=early.trainee, cohort_id=cohort.pk)
    late = enrol(cohort=cohort)
    again = services.cohort_join(trainee=early.trainee, cohort_id=cohort.pk)
    services.cohort_withdraw(trainee=holder.trainee, cohort_id=cohort.pk)
    assert CohortEnrolment.objects.get(pk=late.pk).status == "enrolled"
    assert CohortEnrolment.objects.get(pk=again.pk).status == "waitlisted"


# --- attendance ----------------------------------------------------------------------------------


def marks(session, trainee, status, minutes=None):
    return [services.Mark(trainee_id=trainee.pk, status=status, minutes=minutes)]


def test_partial_attendance_credits_partial_hours_rounded_down(
    cohort, instructor, trainee, upcoming
):
    session = make_session(
        cohort=cohort,
        start=timezone.now() - timedelta(hours=4),
        hours={"Advocacy": "1.5", "Ethical Responsibility": "1.5"},
        topics={Topic.objects.create(name="Ethics"): "1"},
    )
    enrol(cohort=cohort, trainee=trainee)
    services.attendance_mark(
        instructor=instructor,
        session_id=session.pk,
        marks=marks(session, trainee, "left_early", "100"),
    )
    [credit] = selectors.attended_credits(trainee=trainee)
    # 100 of 180 minutes: 0.833 h of each 1.5 → 0.75; 0.555 h of ethics → 0.5.
    assert credit.hours_by_domain == {
        "Advocacy": Decimal("0.75"),
        "Ethical Responsibility": Decimal("0.75"),
    }
    assert credit.hours_by_topic == {"Ethics": Decimal("0.50")}
    assert credit.delivery == "in_person"


def test_minutes_beyond_the_session_refuse_the_whole_roster_and_change_nothing(
    cohort, instructor, running
):
    first, second = enrol(cohort=cohort), enrol(cohort=cohort)
    services.attendance_mark(
        instructor=instructor,
        session_id=running.pk,
        marks=[services.Mark(first.trainee_id, "present")],
    )
    before = [model_to_dict(a) for a in Attendance.objects.order_by("pk")]
    with pytest.raises(ValidationError) as refused:
        services.attendance_mark(
            instructor=instructor,
            session_id=running.pk,
            marks=[
                services.Mark(first.trainee_id, "absent"),
                services.Mark(second.trainee_id, "late", "181"),
            ],
        )
    assert refused.value.message_dict[str(second.trainee_id)] == [
        services.MINUTES_TOO_LONG % {"minutes": 181, "session": 180}
    ]
    assert [model_to_dict(a) for a in Attendance.objects.order_by("pk")] == before


def test_late_without_minutes_and_a_stranger_on_the_roster_are_refused(cohort, instructor, running):
    member = enrol(cohort=cohort)
    stranger = UserFactory()
    with pytest.raises(ValidationError) as refused:
        services.attendance_mark(
            instructor=instructor,
            session_id=running.pk,
            marks=[services.Mark(member.trainee_id, "late"), services.Mark(stranger.pk, "present")],
        )
    errors = refused.value.message_dict
    assert errors[str(stranger.pk)] == [services.NOT_ON_ROSTER]
    assert errors[str(member.trainee_id)] == [services.MINUTES_REQUIRED % {"session": 180}]
    assert not Attendance.objects.exists()


def test_only_the_cohorts_instructors_take_attendance_and_not_before_the_start(
    cohort, course, instructor, upcoming, running
):
    member = enrol(cohort=cohort)
    colleague = UserFactory()  # teaches nothing
    with pytest.raises(PermissionDenied):
        services.attendance_mark(
            instructor=colleague,
            session_id=running.pk,
            marks=[services.Mark(member.trainee_id, "present")],
        )
    with pytest.raises(ValidationError, match=services.NOT_STARTED):
        services.attendance_mark(
            instructor=instructor,
            session_id=upcoming.pk,
            marks=[services.Mark(member.trainee_id, "present")],
        )
    assert not Attendance.objects.exists()


# --- check-in ------------------------------------------------------------------------------------


def test_a_trainee_checks_in_with_the_code_and_the_instructor_confirms_late_arrival(
    cohort, instructor, running, trainee
):
    enrol(cohort=cohort, trainee=trainee)
    code = services.checkin_code_issue(instructor=instructor, session_id=running.pk)
    assert code.expires_at <= running.ends_at
    checkin = services.checkin_submit(
        trainee=trainee,
        session_id=running.pk,
        code=code.code.lower(),
        now=running.starts_at + timedelta(minutes=20),
    )
    attendance = services.checkin_confirm(instructor=instructor, checkin_id=checkin.pk)
    # Checked in 20 minutes after the start (grace 10): late, credited from then.
    assert attendance.status == "late"
    assert attendance.minutes == 160
    assert CheckIn.objects.get().status == "confirmed"


def test_a_double_check_in_is_refused(cohort, instructor, running, trainee):
    enrol(cohort=cohort, trainee=trainee)
    code = services.checkin_code_issue(instructor=instructor, session_id=running.pk)
    services.checkin_submit(trainee=trainee, session_id=running.pk, code=code.code)
    with pytest.raises(ValidationError, match="already checked in"):
        services.checkin_submit(trainee=trainee, session_id=running.pk, code=code.code)
    assert CheckIn.objects.count() == 1


def test_a_code_outside_the_session_window_is_refused(cohort, instructor, running, trainee):
    enrol(cohort=cohort, trainee=trainee)
    code = services.checkin_code_issue(instructor=instructor, session_id=running.pk)
    after = running.ends_at + timedelta(minutes=1)
    with pytest.raises(ValidationError, match="check-in is closed"):
        services.checkin_submit(trainee=trainee, session_id=running.pk, code=code.code, now=after)
    before = running.starts_at - timedelta(minutes=30)
    with pytest.raises(ValidationError, match="has not opened yet"):
        services.checkin_submit(trainee=trainee, session_id=running.pk, code=code.code, now=before)
    assert not CheckIn.objects.exists()


def test_no_code_is_shown_outside_the_window(cohort, instructor, upcoming):
    with pytest.raises(ValidationError, match="can be shown from 15 minutes before"):
        services.checkin_code_issue(instructor=instructor, session_id=upcoming.pk)
    assert not CheckInCode.objects.exists()


def test_wrong_codes_are_refused_and_stop_after_five(cohort, instructor, running, trainee):
    enrol(cohort=cohort, trainee=trainee)
    code = services.checkin_code_issue(instructor=instructor, session_id=running.pk)
    for _ in range(services.MAX_CODE_TRIES):
        with pytest.raises(ValidationError, match="not the code"):
            services.checkin_submit(trainee=trainee, session_id=running.pk, code="XXXXXX")
    with pytest.raises(ValidationError, match=services.TOO_MANY_TRIES):
        services.checkin_submit(trainee=trainee, session_id=running.pk, code=code.code)
    assert not CheckIn.objects.exists()


def test_only_enrolled_trainees_check_in(cohort, instructor, running):
    waiting = UserFactory()
    code = services.checkin_code_issue(instructor=instructor, session_id=running.pk)
    with pytest.raises(ValidationError, match=services.NOT_ENROLLED):
        services.checkin_submit(trainee=waiting, session_id=running.pk, code=code.code)


# --- schedule changes and reminders --------------------------------------------------------------


def test_a_changed_session_emails_each_enrolled_trainee_once(
    cohort, upcoming, django_capture_on_commit_callbacks
):
    people = [enrol(cohort=cohort).trainee for _ in range(2)]
    mail.outbox.clear()
    upcoming.location = "Community room, 3 Elm St."
    upcoming.save()
    with run_jobs(django_capture_on_commit_callbacks):
        assert services.session_saved(session_id=upcoming.pk)
        assert not services.session_saved(session_id=upcoming.pk)  # saved again, same schedule
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all(m.subject == notifications.CHANGE_SUBJECT for m in mail.outbox)
    assert "Community room" in mail.outbox[0].body
    assert "VIDEO-LINK-SECRET" not in mail.outbox[0].body
    # The job running twice sends nothing more.
    assert notifications.send_session_change(session_id=upcoming.pk, sequence=1) == 0
    assert len(mail.outbox) == 2


def test_reminders_go_out_once_the_day_before(cohort):
    zone = cohort.zone
    tomorrow_evening = (timezone.now().astimezone(zone) + timedelta(days=1)).replace(
        hour=18, minute=0
    )
    session = make_session(cohort=cohort, start=tomorrow_evening)
    member = enrol(cohort=cohort).trainee
    today = timezone.now().astimezone(zone).date()
    mail.outbox.clear()
    assert notifications.reminders_due(today=today) == 1
    assert notifications.reminders_due(today=today) == 0
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert session.title in mail.outbox[0].body
    assert notifications.reminders_due(today=today - timedelta(days=1)) == 0


# --- calendar addresses --------------------------------------------------------------------------


def test_a_calendar_address_can_be_renewed_and_revoked(trainee):
    feed = services.calendar_feed_enable(user=trainee)
    first = services.feed_token(feed)
    assert selectors.feed_owner(services.token_sha256(first)) == trainee
    assert services.calendar_feed_enable(user=trainee).nonce == feed.nonce  # idempotent
    renewed = services.calendar_feed_renew(user=trainee)
    second = services.feed_token(renewed)
    assert second != first
    assert selectors.feed_owner(services.token_sha256(first)) is None
    services.calendar_feed_revoke(user=trainee)
    assert selectors.feed_owner(services.token_sha256(second)) is None


# --- outside training ----------------------------------------------------------------------------


def submit(trainee, **overrides):
    domain = TrainingDomainFactory(name="Advocacy")
    values = {
        "trainee": trainee,
        "title": "Peer advocacy intensive",
        "provider": "State Peer Workforce Alliance",
        "approval_number": "SPWA-1204",
        "started_on": timezone.localdate() - timedelta(days=40),
        "ended_on": timezone.localdate() - timedelta(days=38),
        "delivery": "in_person",
        "hours_by_domain": {domain.pk: Decimal("12")},
        "certificate_data": PDF_BYTES,
        "certificate_type": "application/pdf",
        **overrides,
    }
    return services.outside_training_submit(**values)


def test_approved_outside_training_counts_only_the_hours_approved(
    trainee, django_capture_on_commit_callbacks
):
    reviewer = UserFactory(is_superuser=True)
    record = submit(trainee)
    [row] = record.domain_hours.all()
    with run_jobs(django_capture_on_commit_callbacks):
        services.outside_training_review(
            reviewer=reviewer, record_id=record.pk, approve=True, approved_hours={row.pk: "10"}
        )
    [credit] = selectors.outside_credits(trainee=trainee)
    assert credit.hours_by_domain == {"Advocacy": Decimal("10")}
    assert credit.on == record.ended_on
    assert credit.delivery == "in_person"
    assert [m.subject for m in mail.outbox] == [notifications.OUTSIDE_DECISION_SUBJECT]


def test_a_reviewer_cannot_approve_more_than_claimed_nor_their_own(trainee):
    reviewer = UserFactory(is_superuser=True)
    record = submit(trainee)
    [row] = record.domain_hours.all()
    with pytest.raises(ValidationError, match="at most the hours claimed"):
        services.outside_training_review(
            reviewer=reviewer, record_id=record.pk, approve=True, approved_hours={row.pk: "13"}
        )
    with pytest.raises(PermissionDenied):
        services.outside_training_review(reviewer=UserFactory(), record_id=record.pk, approve=True)
    own = submit(reviewer)
    with pytest.raises(PermissionDenied):
        services.outside_training_review(reviewer=reviewer, record_id=own.pk, approve=True)
    assert OutsideTraining.objects.filter(status="pending").count() == 2


def test_outside_training_in_the_future_or_without_a_certificate_is_refused(trainee):
    with pytest.raises(ValidationError) as refused:
        submit(
            trainee,
            ended_on=timezone.localdate() + timedelta(days=1),
            certificate_data=b"not a pdf",
        )
    assert set(refused.value.message_dict) == {"ended_on", "certificate"}
    assert not OutsideTraining.objects.exists()


def test_closing_an_account_gives_up_places_and_the_calendar(cohort, upcoming):
    from accounts.signals import account_closed

    cohort.capacity = 1
    cohort.save()
    holder, waiting = enrol(cohort=cohort), enrol(cohort=cohort)
    services.calendar_feed_enable(user=holder.trainee)
    account_closed.send(sender=None, user=holder.trainee, at=timezone.now())
    assert CohortEnrolment.objects.get(pk=holder.pk).status == "withdrawn"
    assert CohortEnrolment.objects.get(pk=waiting.pk).status == "enrolled"
    assert not selectors.feed_of(holder.trainee).active
