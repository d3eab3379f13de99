"""Status changes are recorded with who, when and why; reissue supersedes."""

import pytest
from django.core.exceptions import ValidationError

from certificates import services
from certificates.models import Certificate
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


def test_suspend_then_reinstate_records_each_change():
    admin = UserFactory(is_superuser=True)
    certificate = CertificateFactory()
    services.certificate_set_status(
        certificate_id=certificate.pk,
        to_status="suspended",
        actor=admin,
        reason="Complaint under review",
    )
    services.certificate_set_status(
        certificate_id=certificate.pk,
        to_status="valid",
        actor=admin,
        reason="Complaint dismissed",
        reason_public=True,
    )
    events = list(
        certificate.events.values_list("from_status", "to_status", "actor", "reason_public")
    )
    assert events == [
        ("valid", "suspended", admin.pk, False),
        ("suspended", "valid", admin.pk, True),
    ]


def test_revoked_is_final():
    certificate = CertificateFactory(status="revoked")
    with pytest.raises(ValidationError):
        services.certificate_set_status(
            certificate_id=certificate.pk, to_status="valid", actor=None, reason="oops"
        )


def test_a_reason_is_required():
    certificate = CertificateFactory()
    with pytest.raises(ValidationError):
        services.certificate_set_status(
            certificate_id=certificate.pk, to_status="revoked", actor=None, reason="  "
        )


def test_reissue_supersedes_the_old_certificate_once_issued(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    from certificates.keys import clear_issuer_keys_cache, init_issuer_keys

    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="Test")
    old = CertificateFactory()
    with django_capture_on_commit_callbacks(execute=True):
        new = services.certificate_reissue(
            certificate_id=old.pk,
            actor=None,
            reason="Legal name change",
            holder_name="Sam O. Okafor",
        )
    old.refresh_from_db()
    new.refresh_from_db()
    clear_issuer_keys_cache()
    assert new.status == Certificate.Status.VALID
    assert new.holder_name == "Sam O. Okafor"
    assert new.expires_on == old.expires_on
    assert old.status == Certificate.Status.SUPERSEDED
    assert old.superseded_by == new
