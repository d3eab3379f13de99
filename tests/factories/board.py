"""Factories for stages, endorsements, supervisors on file and discipline."""

from datetime import date
from decimal import Decimal

import factory

from certificates.models import Endorsement, SupervisorApproval, SupervisorCredential
from tests.factories.certificates import ProgramVersionFactory


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    version = factory.SubFactory(ProgramVersionFactory)
    code = factory.Sequence(lambda n: f"E{n}")
    name = "Family peer support"
    min_practice_hours = Decimal("0")
    min_supervision_hours = Decimal("0")


class SupervisorCredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisorCredential

    supervisor = factory.SubFactory("tests.factories.accounts.UserFactory")
    credential = "Licensed Chemical Dependency Counselor"
    number = factory.Sequence(lambda n: f"LC-{n:05d}")
    issuing_body = "Test State Licensing Board"
    valid_from = date(2024, 1, 1)
    expires_on = date(2027, 12, 31)
    years_supervising_peers = Decimal("4")


class SupervisorApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisorApproval

    credential = factory.SubFactory(SupervisorCredentialFactory)
    program = factory.SubFactory("tests.factories.certificates.CertificationProgramFactory")
    approved_from = date(2024, 1, 1)
    approved_until = None
