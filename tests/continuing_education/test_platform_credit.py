"""Completing a module on the platform earns CE for someone who already holds a certificate."""

from datetime import timedelta
from decimal import Decimal

import pytest

from assessments.models import Attempt, AttemptState
from assessments.signals import attempt_graded
from continuing_education import services
from continuing_education.models import CEActivity, DomainCECategory
from courses.services import lesson_mark_complete, lesson_mark_incomplete
from tests.factories import (
    AssessmentPageFactory,
    EnrollmentFactory,
    ModuleDomainHoursFactory,
    TrainingDomainFactory,
    UserFactory,
)

from .conftest import make_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(course_tree, ethics):
    """Module 1: 8 contact hours, 5 of them in Ethical Responsibility → Ethics CE."""
    domain = TrainingDomainFactory(name="Ethical Responsibility")
    ModuleDomainHoursFactory(module=course_tree.modules[0], domain=domain, hours=Decimal("5"))
    DomainCECategory.objects.create(domain=domain, category=ethics)
    return course_tree


def complete_module(trainee, tree, index=0):
    for lesson in tree.lessons[index]:
        lesson_mark_complete(trainee=trainee, lesson=lesson)


def test_completing_a_module_creates_approved_platform_credit(mapped, certificate, ethics):
    EnrollmentFactory(trainee=certificate.holder, course=mapped.course)
    complete_module(certificate.holder, mapped)
    activity = CEActivity.objects.get(holder=certificate.holder)
    module = mapped.modules[0]
    assert (activity.status, activity.source, activity.source_module_id) == (
        "approved",
        "platform",
        module.pk,
    )
    assert activity.hours == module.contact_hours
    assert activity.delivery_mode == "self_study_online"
    assert [(a.category, a.hours) for a in activity.allocations.all()] == [(ethics, Decimal("5"))]


def test_credit_appears_only_when_the_module_is_complete(mapped, certificate):
    EnrollmentFactory(trainee=certificate.holder, course=mapped.course)
    for lesson in mapped.lessons[0][:-1]:
        lesson_mark_complete(trainee=certificate.holder, lesson=lesson)
    assert not CEActivity.objects.exists()


def test_credit_is_created_once_however_often_the_module_completes(mapped, certificate):
    EnrollmentFactory(trainee=certificate.holder, course=mapped.course)
    complete_module(certificate.holder, mapped)
    last = mapped.lessons[0][-1]
    lesson_mark_incomplete(trainee=certificate.holder, lesson=last)
    lesson_mark_complete(trainee=certificate.holder, lesson=last)
    services.platform_credit_after_lesson(trainee=certificate.holder, lesson=last)
    assert CEActivity.objects.filter(holder=certificate.holder).count() == 1


def test_each_module_earns_its_own_credit(mapped, certificate):
    EnrollmentFactory(trainee=certificate.holder, course=mapped.course)
    complete_module(certificate.holder, mapped, 0)
    complete_module(certificate.holder, mapped, 1)
    assert CEActivity.objects.filter(holder=certificate.holder).count() == 2


def test_trainees_without_a_certificate_earn_no_ce(mapped):
    trainee = UserFactory()
    EnrollmentFactory(trainee=trainee, course=mapped.course)
    complete_module(trainee, mapped)
    assert not CEActivity.objects.exists()


def test_a_revoked_certificate_earns_no_ce(mapped, holder, ce_rules, today):
    make_certificate(
        holder=holder,
        version=ce_rules.version,
        issued_on=today - timedelta(days=10),
        status="revoked",
    )
    EnrollmentFactory(trainee=holder, course=mapped.course)
    complete_module(holder, mapped)
    assert not CEActivity.objects.exists()


def test_the_same_module_in_a_later_cycle_earns_credit_again(mapped, certificate, today):
    EnrollmentFactory(trainee=certificate.holder, course=mapped.course)
    module = mapped.modules[0]
    complete_module(certificate.holder, mapped)
    later = certificate.expires_on + timedelta(days=10)
    # The next period's certificate (as a renewal would issue it).
    make_certificate(
        holder=certificate.holder,
        version=certificate.version,
        issued_on=certificate.expires_on + timedelta(days=1),
        cycle=2,
    )
    services.platform_credit_for_module(trainee=certificate.holder, module=module, today=later)
    assert CEActivity.objects.filter(holder=certificate.holder).count() == 2


def test_passing_a_module_assessment_completes_it_and_earns_credit(mapped, certificate):
    module = mapped.modules[0]
    quiz = AssessmentPageFactory(parent=module, pass_mark=70)
    EnrollmentFactory(trainee=certificate.holder, course=mapped.course)
    complete_module(certificate.holder, mapped)
    assert not CEActivity.objects.exists()  # lessons done, quiz not passed yet
    attempt = Attempt.objects.create(
        trainee=certificate.holder,
        assessment=quiz,
        number=1,
        state=AttemptState.GRADED,
        percent=Decimal("90"),
        passed=True,
        score=Decimal("9"),
        max_score=Decimal("10"),
    )
    assert not CEActivity.objects.exists()  # a saved row is not a grading
    attempt_graded.send(sender=Attempt, attempt=attempt, regrade=False)  # as grading announces it
    assert CEActivity.objects.filter(holder=certificate.holder, source_module=module).count() == 1
