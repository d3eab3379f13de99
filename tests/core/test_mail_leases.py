"""Send-once e-mail as leases (core.decisions.send_once): a row is marked sent only after the
mail server accepted the message; while a sender holds a young lease nobody doubles it; a lease
left by a sender that died is taken over once it is older than EMAIL_LEASE; a failed send lets
the retry go at once. At least once, never lost (tests/certificates/test_issued_email_lease.py
kills a real worker mid-send)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import send_issued_email
from core import decisions
from core.decisions import EMAIL_LEASE, lease_key, resend_lost
from core.models import MailLease
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return CertificateFactory(issued_at=timezone.now() - timedelta(hours=1))


def key(certificate) -> str:
    return lease_key(Certificate, certificate.pk, "email_sent_at")


def lease(certificate, *, age: timedelta) -> MailLease:
    return MailLease.objects.create(
        key=key(certificate), token="dead-sender", claimed_at=timezone.now() - age
    )


def test_the_row_is_marked_sent_only_once_the_mail_server_has_it(certificate, monkeypatch):
    seen = []

    def smtp(**kwargs):
        certificate.refresh_from_db()
        seen.append(
            (certificate.email_sent_at, MailLease.objects.filter(key=key(certificate)).exists())
        )
        mail.outbox.append(kwargs)

    monkeypatch.setattr(decisions, "send_mail", smtp)
    send_issued_email(certificate.pk)
    [(sent_at_while_sending, leased_while_sending)] = seen
    assert sent_at_while_sending is None and leased_while_sending
    certificate.refresh_from_db()
    assert certificate.email_sent_at is not None
    assert not MailLease.objects.exists()


def test_a_young_lease_is_not_doubled(certificate):
    lease(certificate, age=timedelta(minutes=1))
    send_issued_email(certificate.pk)
    assert mail.outbox == []
    certificate.refresh_from_db()
    assert certificate.email_sent_at is None


def test_a_lease_older_than_the_lease_time_is_taken_over_and_sent(certificate):
    stale = lease(certificate, age=EMAIL_LEASE + timedelta(seconds=1))
    send_issued_email(certificate.pk)
    assert len(mail.outbox) == 1
    certificate.refresh_from_db()
    assert certificate.email_sent_at is not None
    assert not MailLease.objects.filter(pk=stale.pk).exists()


def test_a_dead_sender_never_releases_the_lease_that_replaced_its_own(certificate):
    decisions._claim(key(certificate))
    MailLease.objects.update(claimed_at=timezone.now() - EMAIL_LEASE - timedelta(seconds=1))
    [old_token] = MailLease.objects.values_list("token", flat=True)
    new_token = decisions._claim(key(certificate))
    assert new_token and new_token != old_token
    decisions._release(key(certificate), old_token)  # the old sender wakes up and cleans up
    assert MailLease.objects.filter(token=new_token).exists()


def test_a_failed_send_lets_the_retry_send_at_once(certificate, monkeypatch):
    def smtp_down(**kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(decisions, "send_mail", smtp_down)
    with pytest.raises(ConnectionRefusedError):
        send_issued_email(certificate.pk)
    assert not MailLease.objects.exists()
    monkeypatch.undo()
    send_issued_email(certificate.pk)
    assert len(mail.outbox) == 1


def test_a_sent_email_is_not_sent_again(certificate):
    send_issued_email(certificate.pk)
    send_issued_email(certificate.pk)
    assert len(mail.outbox) == 1


def test_the_reconciler_skips_young_leases_and_takes_over_stale_ones(
    certificate, django_capture_on_commit_callbacks
):
    def job(pk):
        job.ran.append(pk)

    job.ran = []
    rows = Certificate.objects.all()
    lease(certificate, age=timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert resend_lost(rows, job, when="issued_at", field="email_sent_at") == 0
    MailLease.objects.update(claimed_at=timezone.now() - EMAIL_LEASE - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert resend_lost(rows, job, when="issued_at", field="email_sent_at") == 1
    assert job.ran == [certificate.pk]
