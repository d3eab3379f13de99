"""Fixtures shared by the verification and employers tests (imported by both conftests)."""

import uuid

import pytest
from django.contrib.auth.models import Group

from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from certificates.models import Certificate
from courses.permissions import EMPLOYERS_GROUP
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Rate-limit counters live in the cache: each test starts with its own, empty one (and
    never touches a shared Redis)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4()}",
        }
    }
    settings.RATELIMIT_ENABLE = True


@pytest.fixture
def issuer_keys(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    clear_issuer_keys_cache()
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Test Institute")
    yield keys
    clear_issuer_keys_cache()


@pytest.fixture
def certificate(db):
    return CertificateFactory(
        holder__first_name="Jordan",
        holder__last_name="Rivera",
        holder__email="jordan.rivera@example.org",
        holder_name="Jordan Rivera",
    )


@pytest.fixture
def issued_pdf(certificate, issuer_keys) -> bytes:
    """The certificate's signed PDF, recorded on the certificate as issuance does."""
    from certificates.services import build_signed_pdf
    from certificates.signing import sha256_hex

    pdf = build_signed_pdf(certificate)
    Certificate.objects.filter(pk=certificate.pk).update(pdf_sha256=sha256_hex(pdf))
    certificate.refresh_from_db()
    return pdf


@pytest.fixture
def employers_group(db):
    group, _ = Group.objects.get_or_create(name=EMPLOYERS_GROUP)
    return group


@pytest.fixture
def employer(employers_group):
    return UserFactory(
        email="hr@clinic.example.org",
        first_name="Casey",
        last_name="Nguyen",
        groups=[employers_group],
    )


@pytest.fixture
def other_employer(employers_group):
    return UserFactory(email="hr@other.example.org", groups=[employers_group])


@pytest.fixture
def employer_client(client, employer):
    client.force_login(employer)
    return client
