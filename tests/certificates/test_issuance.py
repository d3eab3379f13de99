"""A certificate is issued exactly when the rules are met, exactly once, and stays findable
when its job fails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from certificates import services
from certificates.models import Certificate, SupervisionEntry
from certificates.signing import sha256_hex, validate_pdf
from credentials.attachments import credential_attachment
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory, SupervisionEntryFactory

pytestmark = pytest.mark.django_db


def complete_everything(client, trainee, program, supervisor, callbacks):
    client.force_login(trainee)
    entry = SupervisionEntryFactory(
        trainee=trainee, supervisor=supervisor, minutes=60, domain=program.ethics
    )
    services.supervision_entry_review(entry_id=entry.pk, supervisor=supervisor, approve=True)
    services.attestation_create(trainee=trainee, requirement=program.statement)
    with callbacks(execute=True):
        for lesson in program.all_lessons:
            client.post(reverse("courses:lesson_complete", args=[lesson.pk]))


def test_no_certificate_while_a_requirement_is_unmet(
    client, enrolled, program, supervisor, issuer_keys
):
    client.force_login(enrolled)
    for lesson in program.all_lessons:
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert not Certificate.objects.exists()  # no practice hours, no attestation yet


def test_certificate_is_issued_signed_and_emailed_when_the_last_requirement_is_met(
    client, enrolled, program, supervisor, issuer_keys, django_capture_on_commit_callbacks
):
    complete_everything(client, enrolled, program, supervisor, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(holder=enrolled)
    assert certificate.status == Certificate.Status.VALID
    assert certificate.version == program.version
    assert certificate.holder_name == enrolled.get_full_name()
    assert certificate.expires_on == certificate.issued_on.replace(
        year=certificate.issued_on.year + 2
    )
    pdf_bytes = certificate.pdf.open("rb").read()
    assert sha256_hex(pdf_bytes) == certificate.pdf_sha256
    result = validate_pdf(pdf_bytes, issuer_keys.root_cert)
    assert result.ok, result.message
    assert len(mail.outbox) == 1
    assert enrolled.email in mail.outbox[0].to
    assert enrolled.last_name not in mail.outbox[0].subject
    assert certificate.verification_url in mail.outbox[0].body


def test_a_second_trigger_makes_no_second_certificate(
    client, enrolled, program, supervisor, issuer_keys, django_capture_on_commit_callbacks
):
    complete_everything(client, enrolled, program, supervisor, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.requirements_changed(trainee=enrolled)
        services.certificate_request(trainee=enrolled, version=program.version)
    assert Certificate.objects.filter(holder=enrolled).count() == 1
    assert len(mail.outbox) == 1


def test_running_the_job_twice_sends_one_email(
    enrolled, program, issuer_keys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        certificate = services.certificate_request(trainee=enrolled, version=program.version)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.certificate_issue(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert len(mail.outbox) == 1


def test_a_failing_job_leaves_the_certificate_pending_with_the_error(
    enrolled, program, issuer_keys, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(certificate):
        raise RuntimeError("font cache unavailable")

    monkeypatch.setattr(services, "build_signed_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.certificate_request(trainee=enrolled, version=program.version)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.PENDING
    assert "font cache unavailable" in certificate.last_error
    assert certificate.job_attempts == 1
    assert mail.outbox == []


def test_reconciler_reissues_certificates_stuck_pending(
    enrolled, program, issuer_keys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the enqueue is "lost"
        certificate = services.certificate_request(trainee=enrolled, version=program.version)
    Certificate.objects.filter(pk=certificate.pk).update(
        enqueued_at=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reconcile_pending(older_than=timedelta(minutes=10)) == 1
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reconcile_pending(older_than=timedelta(minutes=10)) == 0


def test_reconcile_command_reports_its_count(enrolled, program, issuer_keys):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("reconcile_certificates", stdout=out)
    assert "Re-enqueued 0 job(s)" in out.getvalue()


def test_reconciler_sends_an_email_whose_job_was_lost(
    enrolled, program, issuer_keys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        certificate = services.certificate_request(trainee=enrolled, version=program.version)
    with django_capture_on_commit_callbacks(execute=False):  # issued, but the e-mail job is lost
        services.certificate_issue(certificate_id=certificate.pk)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=timezone.now() - timedelta(hours=1)
    )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reconcile_pending(older_than=timedelta(minutes=10)) == 1
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reconcile_pending(older_than=timedelta(minutes=10)) == 0
    assert len(mail.outbox) == 1


def test_signed_entries_feed_requirements_only_when_signed(enrolled, program, supervisor):
    from certificates.selectors import checklist_for

    entry = SupervisionEntryFactory(
        trainee=enrolled, supervisor=supervisor, minutes=60, domain=program.ethics
    )
    items = {i.key: i for i in checklist_for(trainee=enrolled, version=program.version).items}
    assert not items["practice"].met
    services.supervision_entry_review(entry_id=entry.pk, supervisor=supervisor, approve=True)
    items = {i.key: i for i in checklist_for(trainee=enrolled, version=program.version).items}
    assert items["practice"].met
    assert SupervisionEntry.objects.get(pk=entry.pk).status == "signed"


def test_issuance_refuses_to_sign_when_no_app_attaches_the_credential(monkeypatch, issuer_keys):
    """The credential travels inside the signed PDF (credentials registers it on the
    certificate_pdf_attachments hook); a PDF signed without it could never be amended, so with
    no app answering the certificate stays pending, unsigned, with the reason recorded."""
    hooks.get_hooks(services.PDF_ATTACHMENTS_HOOK)  # every app's wagtail_hooks loaded
    monkeypatch.setitem(hooks._hooks, services.PDF_ATTACHMENTS_HOOK, [])
    pending = CertificateFactory(holder=UserFactory(), status=Certificate.Status.PENDING)

    with pytest.raises(ImproperlyConfigured, match="certificate_pdf_attachments"):
        services.certificate_issue(certificate_id=pending.pk)

    pending.refresh_from_db()
    assert pending.status == Certificate.Status.PENDING
    assert not pending.pdf and not pending.pdf_sha256
    assert "certificate_pdf_attachments" in pending.last_error
    assert mail.outbox == []


def test_the_credentials_app_answers_the_attachment_hook():
    assert credential_attachment in hooks.get_hooks(services.PDF_ATTACHMENTS_HOOK)
