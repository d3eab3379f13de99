import factory

from applications.models import ApplicationPolicy, DenialReason


class ApplicationPolicyFactory(factory.django.DjangoModelFactory):
    """A Texas-like policy: identity and diploma, one supervisor letter, a decision in 60 days."""

    class Meta:
        model = ApplicationPolicy

    version = factory.SubFactory("tests.factories.certificates.ProgramVersionFactory")
    application_required = True
    requires_identity = True
    requires_diploma = True
    letters_required = 1
    supervisor_letter_required = True
    lived_experience_min_months = 18
    decision_days = 60
    appeal_days = 30
    retention_years = 6


class DenialReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DenialReason

    policy = factory.SubFactory(ApplicationPolicyFactory)
    text = factory.Sequence(lambda n: f"Reason {n}")
