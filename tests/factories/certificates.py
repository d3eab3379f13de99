from datetime import date
from decimal import Decimal

import factory

from certificates.models import (
    AttestationRequirement,
    Certificate,
    CertificationProgram,
    CertifyingBody,
    ProgramVersion,
    SupervisionEntry,
)


class CertifyingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertifyingBody
        django_get_or_create = ("name",)

    name = "Test Certification Board"


class CertificationProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationProgram

    body = factory.SubFactory(CertifyingBodyFactory)
    name = factory.Sequence(lambda n: f"Peer Recovery Program {n}")
    credential_name = "Peer Recovery Specialist"
    abbreviation = "PRS"


class ProgramVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramVersion

    program = factory.SubFactory(CertificationProgramFactory)
    label = factory.Sequence(lambda n: f"v{n}")
    effective_from = date(2020, 1, 1)
    min_total_hours = Decimal("0")
    practice_hours = Decimal("0")
    supervision_hours = Decimal("0")
    validity_months = 24


class AttestationRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttestationRequirement

    version = factory.SubFactory(ProgramVersionFactory)
    title = "Attest the code of ethics"
    text = "I keep confidences within the limits of the law."
    agreement = "I have read this code of ethics and agree to practise by it."


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    holder = factory.SubFactory("tests.factories.accounts.UserFactory")
    version = factory.SubFactory(ProgramVersionFactory)
    serial = factory.Sequence(lambda n: f"PRS-2026-T{n:07d}")
    holder_name = factory.LazyAttribute(lambda o: o.holder.get_full_name())
    status = Certificate.Status.VALID
    issued_on = date(2026, 1, 15)
    expires_on = date(2028, 1, 15)
    hours_total = Decimal("49")
    hours_by_domain = factory.LazyFunction(
        lambda: [["Advocacy", "11"], ["Ethical Responsibility", "17"]]
    )


class SupervisionEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionEntry

    trainee = factory.SubFactory("tests.factories.accounts.UserFactory")
    supervisor = factory.SubFactory("tests.factories.accounts.UserFactory")
    kind = SupervisionEntry.Kind.PRACTICE
    date = date(2026, 3, 1)
    minutes = 240
    domain = factory.SubFactory("tests.factories.courses.TrainingDomainFactory")
    format = SupervisionEntry.Format.INDIVIDUAL


class BillingRuleFactory(factory.django.DjangoModelFactory):
    """A payer's billing recognition of a program's credential (payers.BillingRule)."""

    class Meta:
        model = "payers.BillingRule"

    program = factory.SubFactory(CertificationProgramFactory)
    jurisdiction = "Florida"
    payer = "Florida Medicaid"
    service = "peer support services"
    source_title = "Florida Medicaid coverage policy"
    source_url = "https://ahca.myflorida.com/medicaid"
    citation = "Community behavioral health services coverage policy"
    as_of = date(2026, 11, 1)
