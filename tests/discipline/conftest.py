import pytest
from django.contrib.auth.models import Group

from accounts import roles
from discipline.models import Complaint, DisciplinePolicy
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory


@pytest.fixture
def ethics(db):
    group, _ = Group.objects.get_or_create(name=roles.ETHICS_COMMITTEE)
    return UserFactory(email="ethics@example.org", groups=[group])


@pytest.fixture
def certificate(db):
    return CertificateFactory()


@pytest.fixture
def board_policy(certificate):
    return DisciplinePolicy.objects.create(
        body=certificate.version.program.body,
        publish_conditions=False,
        appeal_days=30,
        retention_years=7,
        source="Test board, ethics and grievance procedure",
    )


@pytest.fixture
def case(db):
    return Complaint.objects.create(
        complainant_name="Riley Complainant",
        complainant_email="riley@example.org",
        complainant_phone="555-0100",
        respondent_name="Jordan Rivera",
        description="Shared a peer's story in a public group without asking first.",
    )
