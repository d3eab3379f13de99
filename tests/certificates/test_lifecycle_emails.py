"""A holder who relinquishes their certificate, or whose certificate is made inactive (or active
again), is e-mailed once, in their own language, through certificates.notifications."""

import pytest
from django.core import mail
from django.urls import reverse

from certificates import notifications, services
from certificates.models import CertificateEvent
from tests.factories.certificates import CertificateFactory, ProgramVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(db):
    version = ProgramVersionFactory(relinquishment_used=True, inactive_status_used=True)
    return CertificateFactory(
        version=version,
        holder__email="jordan@example.org",
        holder__first_name="Jordan",
        holder__last_name="Rivera",
        holder_name="Jordan Rivera",
        serial="PRS-2026-RELQ0001",
    )


def test_relinquishing_from_the_holders_page_sends_one_e_mail(
    client, certificate, django_capture_on_commit_callbacks
):
    client.force_login(certificate.holder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:relinquish", args=[certificate.pk]), {"confirm": "yes"}
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["jordan@example.org"]
    assert "You relinquished your" in message.body
    assert "PRS-2026-RELQ0001" in message.body
    assert "cannot be undone" in message.body
    # No personal data in the subject.
    assert "Jordan" not in message.subject and "PRS-2026" not in message.subject
    # Once: a rerun of the job or of the daily re-send sends nothing more.
    event = CertificateEvent.objects.get(certificate=certificate, to_status="relinquished")
    assert notifications.send_status_notice(event_id=event.pk) is False
    assert notifications.status_notice_emails_due() == 0
    assert len(mail.outbox) == 1


def test_the_relinquishment_e_mail_is_in_the_holders_language(
    certificate, django_capture_on_commit_callbacks
):
    holder = certificate.holder
    holder.preferred_language = "es"
    holder.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_relinquish(
            certificate_id=certificate.pk, holder=holder, confirmed=True
        )
    [message] = mail.outbox
    assert "Usted renunció" in message.body
    assert message.subject != notifications.STATUS_NOTICE_SUBJECT


def test_inactive_and_active_again_are_each_e_mailed_once(
    certificate, django_capture_on_commit_callbacks
):
    for to_status in ("inactive", "valid"):
        with django_capture_on_commit_callbacks(execute=True):
            services.certificate_set_status(
                certificate_id=certificate.pk,
                to_status=to_status,
                actor=None,
                reason="Holder on leave from practice",
                reason_public=True,
                by="staff",
            )
    inactive, active = mail.outbox
    assert "was made inactive on" in inactive.body
    assert "Holder on leave from practice" in inactive.body
    assert "is active again from" in active.body
