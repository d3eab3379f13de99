"""Endorsements as data with their own requirements: the pure check, the grant, and where
people see them (verification page, API, the PDF's program line, the Open Badges credential)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certificates import services
from certificates.endorsements import endorsement_missing
from certificates.models import Certificate, CertificateEndorsement
from tests.factories import TrainingDomainFactory
from tests.factories.board import EndorsementFactory
from tests.factories.certificates import CertificateFactory, SupervisionEntryFactory

hours = st.decimals(min_value=0, max_value=600, places=2, allow_nan=False, allow_infinity=False)


@given(practice=hours, supervision=hours, need_p=hours, need_s=hours)
def test_an_endorsement_is_met_exactly_when_both_minimums_are(
    practice, supervision, need_p, need_s
):
    missing = endorsement_missing(
        min_practice_hours=need_p,
        min_supervision_hours=need_s,
        domain=None,
        signed_hours={"practice:Advocacy": practice, "supervision:Advocacy": supervision},
    )
    assert (missing == []) is (practice >= need_p and supervision >= need_s)


def test_hours_in_another_domain_do_not_count_for_a_domain_endorsement():
    missing = endorsement_missing(
        min_practice_hours=Decimal("10"),
        min_supervision_hours=Decimal("0"),
        domain="Family support",
        signed_hours={"practice:Advocacy": Decimal("100")},
    )
    assert missing == ["10 h of supervised practice in Family support"]


@pytest.mark.django_db
def test_a_grant_checks_the_requirements_and_saves_nothing_when_unmet():
    certificate = CertificateFactory()
    endorsement = EndorsementFactory(version=certificate.version, min_practice_hours=Decimal("4"))
    with pytest.raises(ValidationError, match="4.00 h of supervised practice"):
        services.endorsement_grant(
            certificate_id=certificate.pk, endorsement_id=endorsement.pk, actor=None
        )
    assert not CertificateEndorsement.objects.exists()

    SupervisionEntryFactory(trainee=certificate.holder, status="signed", minutes=240)
    services.endorsement_grant(
        certificate_id=certificate.pk, endorsement_id=endorsement.pk, actor=None
    )
    certificate.refresh_from_db()
    assert [e["code"] for e in certificate.endorsements_shown] == [endorsement.code]


@pytest.mark.django_db
def test_another_versions_endorsement_cannot_be_granted():
    certificate = CertificateFactory()
    other = EndorsementFactory()
    with pytest.raises(Exception):  # noqa: B017 - DoesNotExist: not this version's
        services.endorsement_grant(
            certificate_id=certificate.pk, endorsement_id=other.pk, actor=None
        )


@pytest.mark.django_db
def test_the_verification_page_and_api_show_the_endorsement(client):
    certificate = CertificateFactory()
    endorsement = EndorsementFactory(version=certificate.version, code="F", name="Family")
    services.endorsement_grant(
        certificate_id=certificate.pk, endorsement_id=endorsement.pk, actor=None
    )
    page = client.get(f"/verify/{certificate.code}/").content.decode()
    assert 'data-endorsement="F"' in page
    body = client.get(f"/api/v1/verify/{certificate.code}").json()
    assert body["endorsements"] == [{"code": "F", "name": "Family"}]
    assert body["stage"] == "full"


@pytest.mark.django_db
def test_a_new_certificate_carries_the_endorsements_met_before_its_pdf_is_made():
    domain = TrainingDomainFactory(name="Family support")
    certificate = CertificateFactory()
    version = certificate.version
    met = EndorsementFactory(version=version, code="F", domain=domain, min_practice_hours=2)
    EndorsementFactory(version=version, code="Y", min_supervision_hours=50)
    SupervisionEntryFactory(trainee=certificate.holder, domain=domain, status="signed")
    new = services.certificate_request(trainee=certificate.holder, version=version, cycle=2)
    assert [e["code"] for e in new.endorsements_shown] == [met.code]
    assert "Endorsements: F (Family peer support)" in services._program_line(new)


@pytest.mark.django_db
def test_the_credential_names_stage_and_endorsements_as_its_specialization():
    from credentials.openbadges import _specialization

    certificate = CertificateFactory(
        stage=Certificate.Stage.PROVISIONAL,
        expires_on=timezone.localdate() + timedelta(days=100),
        endorsements_shown=[{"code": "V", "name": "Veterans", "granted_on": "2026-01-01"}],
    )
    assert _specialization(certificate) == {
        "specialization": "Provisional; Endorsements: V (Veterans)"
    }
    assert _specialization(CertificateFactory()) == {}
