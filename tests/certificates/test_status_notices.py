"""A certificate as its holder lives it: they are e-mailed once when it is suspended, reinstated
or revoked (with the reason only when it was made public); their dashboard says so and stops
offering the PDF, LinkedIn and the wallet; and an administrator changes a status only after a
confirmation that names the certificate and the new status, choosing among the changes that
apply."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certificates import notifications, services
from certificates.models import Certificate, CertificateEvent
from cms.daily import run_daily
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(db):
    return CertificateFactory(
        holder__first_name="Jordan",
        holder__last_name="Rivera",
        holder__email="jordan@example.org",
        holder_name="Jordan Rivera",
        serial="PRS-2026-ABCD1234",
    )


@pytest.fixture
def manager(db):
    return UserFactory(email="boss@example.org", is_superuser=True, is_staff=True)


def change(capture, certificate, to_status, *, reason="Review", public=False, actor=None):
    with capture(execute=True):
        services.certificate_set_status(
            certificate_id=certificate.pk,
            to_status=to_status,
            actor=actor,
            reason=reason,
            reason_public=public,
        )


# --- e-mail -------------------------------------------------------------------------------------


def test_a_suspension_is_e_mailed_once_with_its_public_reason(
    certificate, django_capture_on_commit_callbacks
):
    change(
        django_capture_on_commit_callbacks,
        certificate,
        "suspended",
        reason="Complaint under investigation",
        public=True,
    )

    [message] = mail.outbox
    assert message.to == ["jordan@example.org"]
    assert message.subject == notifications.STATUS_NOTICE_SUBJECT
    assert "Jordan" not in message.subject
    assert "was suspended on" in message.body and "PRS-2026-ABCD1234" in message.body
    assert "Reason: Complaint under investigation" in message.body
    assert certificate.verification_url in message.body
    event = CertificateEvent.objects.get(certificate=certificate, to_status="suspended")
    assert event.holder_emailed_at is not None

    # A retried or duplicated job sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_status_notice(event_id=event.pk) is False
    assert len(mail.outbox) == 1


def test_a_private_reason_stays_out_of_the_e_mail(certificate, django_capture_on_commit_callbacks):
    change(
        django_capture_on_commit_callbacks, certificate, "revoked", reason="Unpaid fee (internal)"
    )

    [message] = mail.outbox
    assert "was revoked on" in message.body
    assert "Unpaid" not in message.body and "Reason" not in message.body


def test_a_reinstatement_is_e_mailed_too(certificate, django_capture_on_commit_callbacks):
    change(django_capture_on_commit_callbacks, certificate, "suspended")
    change(django_capture_on_commit_callbacks, certificate, "valid", reason="Cleared", public=True)

    suspended, reinstated = mail.outbox
    assert "is valid again" in reinstated.body and "Reason: Cleared" in reinstated.body


def test_expiry_and_supersession_send_no_status_notice(
    certificate, django_capture_on_commit_callbacks
):
    change(django_capture_on_commit_callbacks, certificate, "expired")

    assert mail.outbox == []
    assert not notifications.status_notice_events().exists()


def test_the_daily_run_resends_a_lost_notice_once(certificate, django_capture_on_commit_callbacks):
    # Suspended with the queue down: the event is there, its e-mail never went.
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status="suspended", actor=None, reason="Review"
    )
    CertificateEvent.objects.filter(to_status="suspended").update(
        at=timezone.now() - timedelta(hours=1)
    )
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        report = run_daily()
    with django_capture_on_commit_callbacks(execute=True):
        run_daily()

    assert len(mail.outbox) == 1
    assert report.counts["certificate status e-mails re-enqueued"] == 1


# --- the holder's dashboard ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("to_status", "words"), [("revoked", "Revoked on"), ("suspended", "Suspended since")]
)
def test_the_dashboard_shows_the_status_and_reason_and_offers_no_pdf_or_linkedin(
    client, certificate, to_status, words
):
    services.certificate_set_status(
        certificate_id=certificate.pk,
        to_status=to_status,
        actor=None,
        reason="Practising outside the scope",
        reason_public=True,
    )
    client.force_login(certificate.holder)

    html = client.get(reverse("dashboard")).content.decode()

    card = html.split(f'data-certificate="{certificate.code}"')[1].split("</li>")[0]
    assert f'data-status="{to_status}"' in card
    assert words in card and "Reason: Practising outside the scope" in card
    assert "Download PDF" not in card
    assert "Add to LinkedIn" not in card and "linkedin.com" not in card
    assert "Add to wallet" not in card
    assert "Verification page" in card


def test_a_valid_certificate_keeps_its_pdf_linkedin_and_wallet(client, certificate):
    client.force_login(certificate.holder)

    html = client.get(reverse("dashboard")).content.decode()

    assert "Download PDF" in html and "Add to LinkedIn" in html and "Add to wallet" in html


def test_a_private_reason_is_not_on_the_dashboard(client, certificate):
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status="suspended", actor=None, reason="Internal note"
    )
    client.force_login(certificate.holder)

    html = client.get(reverse("dashboard")).content.decode()

    assert "Suspended since" in html and "Internal note" not in html


# --- the administrator's confirmation ----------------------------------------------------------


def detail_url(certificate) -> str:
    return reverse("certificates_admin_detail", args=[certificate.pk])


def choices(response) -> list[str]:
    return [value for value, _label in response.context["status_form"].fields["to_status"].choices]


def test_only_the_changes_that_apply_are_offered_and_none_is_preselected(
    client, manager, certificate
):
    client.force_login(manager)

    valid = client.get(detail_url(certificate))
    assert choices(valid) == ["suspended", "revoked"]
    assert "checked" not in valid.content.decode().split('id="status-form"')[1].split("</form>")[0]

    services.certificate_set_status(
        certificate_id=certificate.pk, to_status="suspended", actor=manager, reason="Review"
    )
    assert choices(client.get(detail_url(certificate))) == ["valid", "revoked"]

    services.certificate_set_status(
        certificate_id=certificate.pk, to_status="revoked", actor=manager, reason="Final"
    )
    revoked = client.get(detail_url(certificate)).content.decode()
    assert 'id="status-form"' not in revoked and 'id="no-status-change"' in revoked


def test_a_status_change_waits_for_a_confirmation_naming_the_certificate(
    client, manager, certificate, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    data = {
        "action": "status",
        "status-to_status": "revoked",
        "status-reason": "Fraudulent hours",
        "status-reason_public": "on",
    }

    confirm = client.post(detail_url(certificate), data)

    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Revoke certificate PRS-2026-ABCD1234?" in html
    assert "Jordan Rivera" in html and 'id="new-status">Revoked<' in html
    assert 'name="confirmed" value="yes"' in html
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(detail_url(certificate), {**data, "confirmed": "yes"})

    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    event = certificate.events.get(to_status="revoked")
    assert event.reason_public and event.actor == manager
    assert len(mail.outbox) == 1


def test_reinstating_a_valid_certificate_is_refused(client, manager, certificate):
    client.force_login(manager)

    response = client.post(
        detail_url(certificate),
        {"action": "status", "confirmed": "yes", "status-to_status": "valid", "status-reason": "x"},
    )

    assert response.status_code == 200
    assert "status-form" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_certificate_managers_without_superuser_see_the_same(client, certificate):
    manager = UserFactory(is_staff=True)
    manager.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_certificate"),
    )
    client.force_login(manager)

    assert choices(client.get(detail_url(certificate))) == ["suspended", "revoked"]
