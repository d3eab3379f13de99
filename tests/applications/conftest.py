from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import roles
from applications import services
from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from core.demo_pdf import one_page_pdf
from tests.factories import UserFactory
from tests.factories.applications import ApplicationPolicyFactory, DenialReasonFactory

# A real one-page PDF: uploads are parsed and refused when a reader would run anything in them.
PDF = one_page_pdf("Scanned document", "For the application's tests.")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "scan.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def issuer_keys(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Test Institute")
    yield keys
    clear_issuer_keys_cache()


@pytest.fixture
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def policy(db):
    policy = ApplicationPolicyFactory()
    policy.reasons = [
        DenialReasonFactory(policy=policy, text="Diploma or GED not shown"),
        DenialReasonFactory(
            policy=policy, text="Supervisor's letter does not support the application"
        ),
    ]
    return policy


@pytest.fixture
def applicant(db):
    return UserFactory(email="applicant@example.org", first_name="Alex", last_name="Moreno")


@pytest.fixture
def board(db):
    group, _ = Group.objects.get_or_create(name=roles.BOARD_REVIEWERS)
    return UserFactory(
        email="board1@example.org", first_name="Jamie", last_name="Ortiz", groups=[group]
    )


@pytest.fixture
def board2(db):
    group, _ = Group.objects.get_or_create(name=roles.BOARD_REVIEWERS)
    return UserFactory(
        email="board2@example.org", first_name="Riley", last_name="Stone", groups=[group]
    )


def ready_draft(applicant, policy, *, referee_email="supervisor.ref@example.org"):
    """A draft with every document, a supervisor referee and 24 months of lived experience."""
    application = services.application_start(applicant=applicant, version=policy.version)
    for kind in ("identity", "diploma"):
        services.document_add(
            application_id=application.pk, applicant=applicant, kind=kind, uploaded=pdf()
        )
    services.referee_add(
        application_id=application.pk,
        applicant=applicant,
        name="Dr. Lee Park",
        email=referee_email,
        is_supervisor=True,
    )
    services.application_update(
        application_id=application.pk,
        applicant=applicant,
        lived_experience=True,
        lived_experience_months=24,
    )
    return application


def csv_file(text: str):
    return io.BytesIO(text.encode())
