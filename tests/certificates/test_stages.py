"""Provisional and full stages: the pure rules, then the services (grant, extend, convert)."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certificates import services, stages
from certificates.models import Certificate
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory, ProgramVersionFactory

TEXAS_LIKE = stages.StageRules(
    provisional_months=6, extensions_allowed=1, extension_months=None, full_months=24
)


def test_a_provisional_certificate_lasts_the_versions_provisional_months():
    expiry = stages.expiry_for(stage="provisional", issued_on=date(2026, 1, 31), rules=TEXAS_LIKE)
    assert expiry == date(2026, 7, 31)


def test_a_full_certificate_lasts_the_full_validity():
    expiry = stages.expiry_for(stage="full", issued_on=date(2026, 1, 15), rules=TEXAS_LIKE)
    assert expiry == date(2028, 1, 15)


def test_no_provisional_stage_without_its_months():
    rules = stages.StageRules(None, 0, None, 24)
    with pytest.raises(ValueError, match="no provisional stage"):
        stages.expiry_for(stage="provisional", issued_on=date(2026, 1, 1), rules=rules)


@given(
    used=st.integers(min_value=0, max_value=6),
    allowed=st.integers(min_value=0, max_value=5),
    status=st.sampled_from(["valid", "expired", "suspended", "revoked", "inactive"]),
    stage=st.sampled_from(["provisional", "full"]),
)
def test_an_extension_is_allowed_only_for_a_valid_provisional_with_extensions_left(
    used, allowed, status, stage
):
    rules = stages.StageRules(6, allowed, 3, 24)
    refusal = stages.extension_refusal(
        stage=stage, status=status, extensions_used=used, rules=rules, reason="Supervisor left"
    )
    allowed_now = stage == "provisional" and status == "valid" and used < allowed
    assert (refusal is None) is allowed_now


def test_an_extension_needs_a_reason():
    refusal = stages.extension_refusal(
        stage="provisional", status="valid", extensions_used=0, rules=TEXAS_LIKE, reason="  "
    )
    assert refusal == stages.REASON_NEEDED


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)))
def test_an_extension_always_moves_the_expiry_later(expires_on):
    assert stages.extended_expiry(expires_on=expires_on, rules=TEXAS_LIKE) > expires_on


@given(
    stage=st.sampled_from(["provisional", "full"]),
    status=st.sampled_from(["valid", "expired", "suspended", "revoked", "superseded"]),
    met=st.booleans(),
)
def test_conversion_needs_a_valid_provisional_and_every_requirement(stage, status, met):
    refusal = stages.conversion_refusal(stage=stage, status=status, requirements_met=met)
    assert (refusal is None) is (stage == "provisional" and status == "valid" and met)


# --- services ------------------------------------------------------------------------------


@pytest.fixture
def texas_version(db):
    return ProgramVersionFactory(
        provisional_validity_months=6, provisional_extensions_allowed=1, validity_months=24
    )


@pytest.mark.django_db
def test_a_board_grants_a_provisional_certificate_with_its_own_period(texas_version):
    trainee = UserFactory()
    today = timezone.localdate()
    certificate = services.certificate_grant(
        trainee=trainee, version=texas_version, stage="provisional"
    )
    assert certificate.stage == "provisional"
    assert certificate.status == "pending"
    assert certificate.expires_on == stages.expiry_for(
        stage="provisional", issued_on=today, rules=services.stage_rules(texas_version)
    )


@pytest.mark.django_db
def test_a_version_without_a_provisional_stage_refuses_one():
    with pytest.raises(ValidationError):
        services.certificate_grant(
            trainee=UserFactory(), version=ProgramVersionFactory(), stage="provisional"
        )


@pytest.mark.django_db
def test_one_extension_with_a_reason_then_no_more(texas_version):
    certificate = CertificateFactory(
        version=texas_version,
        stage="provisional",
        issued_on=timezone.localdate() - timedelta(days=150),
        expires_on=timezone.localdate() + timedelta(days=30),
    )
    before = certificate.expires_on
    services.provisional_extend(
        certificate_id=certificate.pk, actor=None, reason="Supervisor on leave for 8 weeks"
    )
    certificate.refresh_from_db()
    assert certificate.extensions == 1
    assert certificate.expires_on > before
    assert "Supervisor on leave" in certificate.events.get().reason

    with pytest.raises(ValidationError, match="every extension"):
        services.provisional_extend(certificate_id=certificate.pk, actor=None, reason="again")
    certificate.refresh_from_db()
    assert certificate.extensions == 1


@pytest.mark.django_db
def test_a_full_certificate_cannot_be_extended():
    certificate = CertificateFactory()
    with pytest.raises(ValidationError):
        services.provisional_extend(certificate_id=certificate.pk, actor=None, reason="please")


@pytest.mark.django_db
def test_granting_full_converts_a_valid_provisional_into_a_new_superseding_certificate(
    texas_version,
):
    trainee = UserFactory()
    provisional = CertificateFactory(
        holder=trainee,
        version=texas_version,
        stage="provisional",
        expires_on=timezone.localdate() + timedelta(days=60),
    )
    full = services.certificate_grant(trainee=trainee, version=texas_version, stage="full")
    assert full.pk != provisional.pk
    assert (full.stage, full.supersedes_id, full.cycle, full.reissue) == (
        "full",
        provisional.pk,
        provisional.cycle,
        provisional.reissue + 1,
    )
    assert full.expires_on == timezone.localdate() + relativedelta(months=24)
    # The provisional one stays valid until the full one is issued, then is superseded.
    provisional.refresh_from_db()
    assert provisional.status == "valid"
    services._mark_issued(certificate=full, name="x.pdf", digest="0" * 64)
    provisional.refresh_from_db()
    assert provisional.status == Certificate.Status.SUPERSEDED


@pytest.mark.django_db
def test_conversion_checks_the_requirements_unless_the_board_decided(texas_version):
    texas_version.practice_hours = 250  # not one signed-off hour yet
    texas_version.save()
    provisional = CertificateFactory(
        version=texas_version,
        stage="provisional",
        expires_on=timezone.localdate() + timedelta(days=60),
    )
    with pytest.raises(ValidationError, match="not all met"):
        services.provisional_convert(certificate_id=provisional.pk, actor=None)
    assert not Certificate.objects.filter(supersedes=provisional).exists()
