"""Reciprocity: a transfer in from another IC&RC member board becomes this program's own
certificate, with its own period, showing where it came from; the evidence stays private."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from certificates import services
from certificates.models import Certificate, ReciprocityTransfer
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory, ProgramVersionFactory

pytestmark = pytest.mark.django_db

TRANSFER = {
    "original_board": "Example State Certification Board",
    "original_credential": "Certified Peer Recovery Specialist",
    "original_number": "PR-55120",
    "verified_on": date(2026, 2, 1),
    "evidence": "PRIVATE-EVIDENCE: checked on the board's public registry.",
}


def test_a_transfer_issues_this_programs_own_certificate_with_its_own_period():
    version = ProgramVersionFactory(validity_months=24)
    certificate = services.certificate_grant_reciprocal(
        trainee=UserFactory(), version=version, actor=None, **TRANSFER
    )
    assert certificate.expires_on == timezone.localdate() + relativedelta(months=24)
    assert certificate.reciprocity.original_board == TRANSFER["original_board"]
    assert "Reciprocal, from Example State Certification Board" in services._program_line(
        certificate
    )


def test_someone_already_holding_it_cannot_transfer_in_and_nothing_is_saved():
    existing = CertificateFactory()
    with pytest.raises(ValidationError):
        services.certificate_grant_reciprocal(
            trainee=existing.holder, version=existing.version, actor=None, **TRANSFER
        )
    assert not ReciprocityTransfer.objects.exists()
    assert Certificate.objects.count() == 1


def test_a_future_verification_date_is_refused():
    with pytest.raises(ValidationError):
        services.certificate_grant_reciprocal(
            trainee=UserFactory(),
            version=ProgramVersionFactory(),
            actor=None,
            **{**TRANSFER, "verified_on": timezone.localdate() + timedelta(days=1)},
        )
    assert not Certificate.objects.exists()


def test_the_page_shows_where_it_came_from_but_not_the_evidence(client):
    certificate = services.certificate_grant_reciprocal(
        trainee=UserFactory(), version=ProgramVersionFactory(), actor=None, **TRANSFER
    )
    Certificate.objects.filter(pk=certificate.pk).update(status="valid")
    page = client.get(f"/verify/{certificate.code}/").content.decode()
    assert 'data-claim="reciprocity"' in page
    assert "Example State Certification Board" in page
    assert "PRIVATE-EVIDENCE" not in page and "PR-55120" not in page


def test_a_manager_records_a_transfer_in_the_admin(client):
    version = ProgramVersionFactory(effective_from=date(2020, 1, 1))
    holder = UserFactory(email="tomas@example.org")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    bad = client.post(
        reverse("certificates_reciprocity"),
        {**TRANSFER, "holder_email": "nobody@example.org", "version": version.pk},
    )
    assert bad.status_code == 400
    assert not Certificate.objects.exists()
    response = client.post(
        reverse("certificates_reciprocity"),
        {**TRANSFER, "holder_email": holder.email, "version": version.pk},
    )
    assert response.status_code == 302
    assert Certificate.objects.get().holder == holder
