"""Supervised hours by e-mail: the supervisor gets one digest a day saying how many entries wait
(never one e-mail per entry, never twice for the same entry, nothing personal in it), and the
trainee hears when an entry is returned, with the reason. Lost e-mails are re-sent by the daily
run; a failed send is released for the retry."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from certificates import notifications, services
from certificates.models import SupervisionEntry
from cms.daily import run_daily
from tests.factories import TrainingDomainFactory, UserFactory
from tests.factories.certificates import SupervisionEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advocacy(db):
    return TrainingDomainFactory(name="Advocacy")


def daily(capture):
    with capture(execute=True):
        return run_daily()


def test_the_daily_run_sends_each_supervisor_one_digest_and_only_once(
    supervisor, advocacy, django_capture_on_commit_callbacks
):
    alex, sam = UserFactory(first_name="Alex", last_name="Rivera"), UserFactory()
    for trainee in (alex, alex, sam):
        SupervisionEntryFactory(supervisor=supervisor, trainee=trainee, domain=advocacy)

    report = daily(django_capture_on_commit_callbacks)

    [digest] = mail.outbox
    assert digest.to == [supervisor.email]
    assert digest.subject == notifications.DIGEST_SUBJECT
    assert "3 new supervised-hours entries wait for your sign-off" in digest.body
    assert "from 2 trainee(s)" in digest.body
    assert "/certification/supervision/review/" in digest.body
    # The digest is a count and a link: no trainee's name, dates or domains travel by e-mail.
    for private in ("Alex", "Rivera", "Advocacy", sam.email):
        assert private not in digest.body and private not in digest.subject
    assert report.counts["supervision e-mails"] == 1

    # The same day again (the scheduler restarted, an operator replayed it): nothing new is sent.
    daily(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_the_next_digest_counts_what_is_new_and_what_still_waits(
    supervisor, advocacy, django_capture_on_commit_callbacks
):
    SupervisionEntryFactory(supervisor=supervisor, domain=advocacy)
    daily(django_capture_on_commit_callbacks)
    SupervisionEntryFactory(supervisor=supervisor, domain=advocacy)

    daily(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2
    assert "1 new supervised-hours entry waits for your sign-off" in mail.outbox[1].body
    assert "In all, 2 entries wait" in mail.outbox[1].body


def test_supervisors_with_nothing_waiting_hear_nothing(
    supervisor, advocacy, django_capture_on_commit_callbacks
):
    SupervisionEntryFactory(supervisor=supervisor, domain=advocacy, status="signed")
    daily(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_failed_digest_is_released_and_sent_by_the_retry(supervisor, advocacy, monkeypatch):
    entry = SupervisionEntryFactory(supervisor=supervisor, domain=advocacy)

    def smtp_down(**_kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(notifications, "send_mail", smtp_down)
    with pytest.raises(ConnectionRefusedError):
        notifications.send_supervision_digest(supervisor_id=supervisor.pk)
    assert SupervisionEntry.objects.get(pk=entry.pk).supervisor_notified_at is None
    monkeypatch.undo()
    assert notifications.send_supervision_digest(supervisor_id=supervisor.pk) is True
    assert notifications.send_supervision_digest(supervisor_id=supervisor.pk) is False
    assert len(mail.outbox) == 1


def test_a_returned_entry_is_mailed_to_the_trainee_once_with_the_reason(
    supervisor, advocacy, django_capture_on_commit_callbacks
):
    entry = SupervisionEntryFactory(supervisor=supervisor, domain=advocacy, minutes=90)
    with django_capture_on_commit_callbacks(execute=True):
        services.supervision_entry_review(
            entry_id=entry.pk,
            supervisor=supervisor,
            approve=False,
            reason="Date is outside your placement",
        )

    [message] = mail.outbox
    assert message.to == [entry.trainee.email]
    assert message.subject == notifications.RETURNED_SUBJECT
    assert "Date is outside your placement" in message.body
    assert "90 min, Advocacy" in message.body
    assert "/certification/supervision/" in message.body
    assert notifications.send_entry_returned(entry_id=entry.pk) is False
    assert len(mail.outbox) == 1


def test_signing_off_sends_the_trainee_nothing(
    supervisor, advocacy, django_capture_on_commit_callbacks
):
    entry = SupervisionEntryFactory(supervisor=supervisor, domain=advocacy)
    with django_capture_on_commit_callbacks(execute=True):
        services.supervision_entry_review(entry_id=entry.pk, supervisor=supervisor, approve=True)
    assert mail.outbox == []


def test_the_daily_run_resends_a_recent_return_whose_mail_was_lost(
    supervisor, advocacy, django_capture_on_commit_callbacks
):
    lost = SupervisionEntryFactory(supervisor=supervisor, domain=advocacy)
    # (no on-commit callbacks run: as if Redis was down when the e-mail was enqueued)
    services.supervision_entry_review(
        entry_id=lost.pk,
        supervisor=supervisor,
        approve=False,
        reason="Please split the group session",
    )
    SupervisionEntry.objects.filter(pk=lost.pk).update(
        reviewed_at=timezone.now() - timedelta(hours=1)
    )
    stale = SupervisionEntryFactory(
        supervisor=supervisor,
        domain=advocacy,
        status="rejected",
        rejection_reason="Old news",
        reviewed_at=timezone.now() - timedelta(days=30),
    )

    daily(django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert "Please split the group session" in message.body
    assert SupervisionEntry.objects.get(pk=stale.pk).returned_emailed_at is None


def test_a_supervisor_who_switched_the_digest_off_gets_none(
    supervisor, advocacy, django_capture_on_commit_callbacks
):
    supervisor.work_digest = False
    supervisor.save()
    entry = SupervisionEntryFactory(supervisor=supervisor, domain=advocacy)

    daily(django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert notifications.send_supervision_digest(supervisor_id=supervisor.pk) is False
    # Left unannounced, so switching it back on brings the count.
    assert SupervisionEntry.objects.get(pk=entry.pk).supervisor_notified_at is None
