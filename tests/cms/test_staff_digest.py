"""Staff hear when work waits: an instructor about essays in their own courses, a reviewer about
CE records and renewals, a certificate manager about name changes and failing issuance. One
e-mail a day at most, only when something new arrived since the last one, counts and links only."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from assessments import services as assessment_services
from certificates.models import Certificate, NameChangeRequest
from cms import digests
from cms.digests import Queue, digest_due
from continuing_education.models import CEActivity
from courses.permissions import REVIEWERS_GROUP, ensure_role_groups
from employers.models import EmployerAccessRequest
from tests.assessments.conftest import make_assessment, make_instructor
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory
from tests.factories.certificates import CertificateFactory

DAY = date(2026, 11, 24)
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


# --- the rule, as plain data ---------------------------------------------------------------


def queue(count, newest):
    return Queue(label="essays to grade", count=count, newest=newest, url="/q/")


def test_nothing_waiting_sends_nothing():
    assert not digest_due([queue(0, None)], last_sent_at=None)


def test_the_first_digest_goes_out_when_anything_waits():
    assert digest_due([queue(3, T0)], last_sent_at=None)


def test_a_backlog_already_announced_is_not_mailed_again():
    assert not digest_due([queue(3, T0)], last_sent_at=T0 + timedelta(hours=1))


def test_anything_new_brings_the_whole_count_again():
    assert digest_due(
        [queue(0, None), queue(4, T0 + timedelta(hours=2))], last_sent_at=T0 + timedelta(hours=1)
    )


# --- end to end ----------------------------------------------------------------------------


def run(day, capture):
    with capture(execute=True):
        digests.staff_digests_due(today=day)


@pytest.fixture
def reviewer(db):
    ensure_role_groups()
    person = UserFactory(email="reviewer@example.org", is_staff=True)
    person.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return person


def submit_ce(title="Motivational interviewing refresher"):
    holder = UserFactory(first_name="Casey", last_name="Nguyen")
    return CEActivity.objects.create(
        holder=holder,
        title=title,
        provider="Regional RCO",
        date=date(2026, 10, 1),
        hours=3,
        delivery_mode="live_online",
    )


@pytest.mark.django_db
def test_an_instructor_hears_of_essays_in_their_course_only(
    course_index, trainee, django_capture_on_commit_callbacks
):
    mine, theirs = build_course(course_index, modules=1), build_course(course_index, modules=1)
    instructor, other_instructor = make_instructor(mine.course), make_instructor(theirs.course)
    EnrollmentFactory(trainee=trainee, course=mine.course)
    essay_quiz, _ = make_assessment(mine.modules[0], types=["essay"])
    attempt = assessment_services.attempt_start(trainee=trainee, assessment=essay_quiz)
    assessment_services.attempt_submit(attempt=attempt)

    run(DAY, django_capture_on_commit_callbacks)

    [message] = [m for m in mail.outbox if instructor.email in m.to]
    assert message.subject == digests.SUBJECT
    assert "Essays to grade: 1" in message.body
    assert "/admin/assessments/grading/" in message.body
    assert trainee.get_full_name() not in message.body
    assert not [m for m in mail.outbox if other_instructor.email in m.to]


@pytest.mark.django_db
def test_a_reviewer_gets_one_digest_a_day_and_only_for_new_work(
    reviewer, django_capture_on_commit_callbacks
):
    activity = submit_ce()

    run(DAY, django_capture_on_commit_callbacks)
    run(DAY, django_capture_on_commit_callbacks)  # the same day again: nothing more
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Continuing education records to review: 1" in body
    assert "/admin/ce/review/" in body
    assert "/accounts/profile/" in body  # where to switch it off
    # Counts and links, never whose record or what it is.
    for private in ("Casey", "Nguyen", activity.title, "Regional RCO"):
        assert private not in body

    run(DAY + timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # still the same one record: already announced

    submit_ce(title="Harm reduction update")
    run(DAY + timedelta(days=2), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert "Continuing education records to review: 2" in mail.outbox[1].body


@pytest.mark.django_db
def test_a_reviewer_is_not_told_about_their_own_submission(
    reviewer, django_capture_on_commit_callbacks
):
    CEActivity.objects.create(
        holder=reviewer,
        title="Own CE",
        provider="X",
        date=date(2026, 10, 1),
        hours=2,
        delivery_mode="live_online",
    )
    run(DAY, django_capture_on_commit_callbacks)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_certificate_manager_hears_of_name_changes_and_failing_issuance(
    django_capture_on_commit_callbacks,
):
    admin = UserFactory(is_superuser=True, is_staff=True, email="admin@example.org")
    holder = UserFactory()
    CertificateFactory(holder=holder)
    NameChangeRequest.objects.create(holder=holder, first_name="Jo", last_name="Reyes")
    CertificateFactory(
        status=Certificate.Status.PENDING,
        issued_on=None,
        job_attempts=5,
        last_error="OSError: storage unavailable",
    )

    EmployerAccessRequest.objects.create(user=UserFactory(), organisation="Harbour House")

    run(DAY, django_capture_on_commit_callbacks)

    [message] = [m for m in mail.outbox if m.to == [admin.email]]
    assert "Requests for the employer tools to check: 1" in message.body
    assert "Harbour House" not in message.body
    assert "Name changes to check: 1" in message.body
    assert "Certificates whose issuing keeps failing: 1" in message.body
    assert "/admin/certificates/name-changes/" in message.body
    assert "Reyes" not in message.body


@pytest.mark.django_db
def test_people_with_no_staff_role_get_nothing(trainee, django_capture_on_commit_callbacks):
    submit_ce()
    run(DAY, django_capture_on_commit_callbacks)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_send_is_released_for_the_retry(reviewer, monkeypatch):
    submit_ce()

    def smtp_down(**_kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(digests, "send_mail", smtp_down)
    with pytest.raises(ConnectionRefusedError):
        digests.send_staff_digest(user_id=reviewer.pk, day=DAY)
    monkeypatch.undo()
    assert digests.send_staff_digest(user_id=reviewer.pk, day=DAY) is True
    assert digests.send_staff_digest(user_id=reviewer.pk, day=DAY) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_reviewer_who_switched_the_digest_off_gets_none(
    client, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    assert (
        "E-mail me once a day when new work waits for me"
        in client.get("/accounts/profile/").content.decode()
    )
    client.post("/accounts/profile/", {"action": "digest"})  # box unticked
    reviewer.refresh_from_db()
    assert reviewer.work_digest is False
    submit_ce()

    run(DAY, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert digests.send_staff_digest(user_id=reviewer.pk, day=DAY) is False

    client.post("/accounts/profile/", {"action": "digest", "work_digest": "on"})
    run(DAY + timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_trainees_are_not_offered_a_digest_setting(trainee_client, trainee):
    page = trainee_client.get("/accounts/profile/").content.decode()
    assert "E-mail me once a day" not in page
    trainee_client.post("/accounts/profile/", {"action": "digest"})
    trainee.refresh_from_db()
    assert trainee.work_digest is True
