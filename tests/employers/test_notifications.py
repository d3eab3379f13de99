"""A roster change e-mails the employer once: revoked, suspended, expired, renewed/superseded.
A second signal, a rerun of the job or of the sweep sends nothing more."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from certificates import services as certificate_services
from certificates.models import Certificate
from certificates.signals import certificate_status_changed
from employers import jobs
from employers.models import RosterNotification
from employers.notifications import ROSTER_SUBJECT, resend_unsent_notifications
from employers.services.roster import notify_roster_changes, roster_add
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


def roster_mail():
    """The employers' e-mails (the holder is told of a suspension or revocation too)."""
    return [message for message in mail.outbox if message.subject == ROSTER_SUBJECT]


@pytest.fixture
def followed(employer, certificate):
    roster_add(employer=employer, code=certificate.code, label="Staff 042")
    return certificate


def set_status(certificate, status, callbacks):
    with callbacks(execute=True):
        certificate_services.certificate_set_status(
            certificate_id=certificate.pk, to_status=status, actor=None, reason="Board decision"
        )


def test_a_revocation_emails_the_employer_once(
    followed, employer, django_capture_on_commit_callbacks
):
    set_status(followed, "revoked", django_capture_on_commit_callbacks)

    assert len(roster_mail()) == 1
    message = roster_mail()[0]
    assert message.to == [employer.email]
    assert message.subject == ROSTER_SUBJECT
    assert "Jordan Rivera" not in message.subject
    assert "Revoked" in message.body and "was Valid" in message.body
    assert f"/verify/{followed.code}/" in message.body
    assert "Staff 042" in message.body


def test_firing_the_signal_twice_sends_one_email(followed, django_capture_on_commit_callbacks):
    Certificate.objects.filter(pk=followed.pk).update(status=Certificate.Status.SUSPENDED)
    followed.refresh_from_db()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            certificate_status_changed.send(sender=Certificate, certificate=followed)

    assert len(roster_mail()) == 1
    assert RosterNotification.objects.count() == 1


def test_rerunning_the_sweep_and_the_send_job_sends_nothing_more(
    followed, django_capture_on_commit_callbacks
):
    set_status(followed, "suspended", django_capture_on_commit_callbacks)
    notification = RosterNotification.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        assert notify_roster_changes() == 0
        assert jobs.send_roster_notification(notification.pk) is False

    assert len(roster_mail()) == 1


def test_expiry_is_found_by_the_sweep_once(followed, django_capture_on_commit_callbacks):
    Certificate.objects.filter(pk=followed.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert notify_roster_changes() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_roster_changes() == 0

    assert len(roster_mail()) == 1
    assert "Expired" in roster_mail()[0].body


def test_a_suspension_lifted_and_imposed_again_is_three_notices(
    followed, django_capture_on_commit_callbacks
):
    for status in ("suspended", "valid", "suspended"):
        set_status(followed, status, django_capture_on_commit_callbacks)

    assert [m.body.count("Suspended") > 0 for m in roster_mail()] == [True, True, True]
    assert "valid again" in roster_mail()[1].body
    assert len(roster_mail()) == 3


def test_a_renewal_that_supersedes_the_certificate_notifies_with_the_new_one(
    followed, employer, django_capture_on_commit_callbacks
):
    newer = CertificateFactory(
        holder=followed.holder, version=followed.version, cycle=2, supersedes=followed
    )
    with django_capture_on_commit_callbacks(execute=True):
        # What certificate_issue does for a renewal: saves the old row's status directly.
        certificate_services._supersede(old_id=followed.pk, new=newer)

    assert len(roster_mail()) == 1
    assert "Superseded" in roster_mail()[0].body
    assert f"/verify/{newer.code}/" in roster_mail()[0].body


def test_only_employers_following_the_certificate_are_told(
    followed, other_employer, django_capture_on_commit_callbacks
):
    unrelated = CertificateFactory()
    roster_add(employer=other_employer, code=unrelated.code)

    set_status(followed, "revoked", django_capture_on_commit_callbacks)

    assert [m.to for m in roster_mail()] == [["hr@clinic.example.org"]]


def test_a_failed_send_is_retried_not_lost(
    followed, monkeypatch, django_capture_on_commit_callbacks
):
    def smtp_down(**kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr("core.decisions.send_mail", smtp_down)
    set_status(followed, "revoked", django_capture_on_commit_callbacks)  # logged, not raised
    notification = RosterNotification.objects.get()
    assert notification.sent_at is None

    monkeypatch.undo()
    assert jobs.send_roster_notification(notification.pk) is True
    assert len(roster_mail()) == 1


def test_the_sweep_resends_what_failed_earlier(
    followed, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("core.decisions.send_mail", lambda **kw: 1 / 0)
    set_status(followed, "revoked", django_capture_on_commit_callbacks)
    monkeypatch.undo()
    RosterNotification.objects.update(created_at=timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert resend_unsent_notifications() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert resend_unsent_notifications() == 0

    assert len(roster_mail()) == 1
