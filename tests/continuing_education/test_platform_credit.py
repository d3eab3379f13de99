"""Completing a module on the platform earns CE for someone who already holds a certificate."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments.models import Attempt, AttemptState
from assessments.signals import attempt_graded
from certificates.models import CourseRequirement
from continuing_education import services
from continuing_education.models import (
    INITIAL_TRAINING_IS_NOT_CE,
    CEActivity,
    CECourse,
    DomainCECategory,
)
from continuing_education.selectors import certificate_ce
from continuing_education.transcript import transcript_for
from courses.services import lesson_mark_complete, lesson_mark_incomplete
from tests.factories import (
    AssessmentPageFactory,
    EnrollmentFactory,
    ModuleDomainHoursFactory,
    TrainingDomainFactory,
    UserFactory,
)
from tests.factories.continuing_education import CERulesFactory

from .conftest import make_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(course_tree, ethics, ce_rules):
    """Module 1: 8 contact hours, 5 of them in Ethical Responsibility → Ethics CE. The course
    earns CE for the credential of ce_rules (and is not the course it requires)."""
    domain = TrainingDomainFactory(name="Ethical Responsibility")
    ModuleDomainHoursFactory(module=course_tree.modules[0], domain=domain, hours=Decimal("5"))
    DomainCECategory.objects.create(domain=domain, category=ethics)
    CECourse.objects.create(rules=ce_rules, course=course_tree.course)
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
    assert activity.source_course_id == mapped.course.pk
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


# --- initial certification training is not CE ------------------------------------------------


@pytest.fixture
def initial_training(course_tree, ce_rules):
    """The course the credential requires for initial certification; no CE data lists it."""
    CourseRequirement.objects.create(version=ce_rules.version, course=course_tree.course)
    return course_tree


def retake_quiz(trainee, module):
    quiz = AssessmentPageFactory(parent=module, pass_mark=70)
    attempt = Attempt.objects.create(
        trainee=trainee,
        assessment=quiz,
        number=1,
        state=AttemptState.GRADED,
        percent=Decimal("90"),
        passed=True,
        score=Decimal("9"),
        max_score=Decimal("10"),
    )
    attempt_graded.send(sender=Attempt, attempt=attempt, regrade=False)


def test_completing_or_retaking_the_required_course_earns_no_ce(initial_training, certificate):
    EnrollmentFactory(trainee=certificate.holder, course=initial_training.course)

    complete_module(certificate.holder, initial_training, 0)
    retake_quiz(certificate.holder, initial_training.modules[1])
    complete_module(certificate.holder, initial_training, 1)

    assert not CEActivity.objects.exists()


def test_a_course_no_credential_lists_earns_no_ce(course_tree, certificate):
    EnrollmentFactory(trainee=certificate.holder, course=course_tree.course)

    complete_module(certificate.holder, course_tree)

    assert not CEActivity.objects.exists()


def test_a_course_earns_ce_only_for_the_credentials_that_list_it(
    mapped, certificate, ce_rules, holder, today
):
    other_rules = CERulesFactory()
    make_certificate(
        holder=holder, version=other_rules.version, issued_on=today - timedelta(days=5)
    )
    EnrollmentFactory(trainee=holder, course=mapped.course)
    complete_module(holder, mapped)
    [activity] = CEActivity.objects.filter(holder=holder)

    listed = certificate_ce(certificate, today=today)
    other = certificate_ce(holder.certificates.get(version=other_rules.version), today=today)

    assert listed.checklist.total_counted == activity.hours
    assert other.checklist.total_counted == 0


def test_the_required_course_cannot_be_listed_as_ce_for_its_credential(initial_training, ce_rules):
    listing = CECourse(rules=ce_rules, course=initial_training.course)

    with pytest.raises(ValidationError) as error:
        listing.full_clean()

    assert INITIAL_TRAINING_IS_NOT_CE in str(error.value)


def test_old_platform_credit_for_initial_training_counts_nowhere(
    initial_training, certificate, today
):
    """Records made before the rule (a retaken quiz became "8 h · Approved") count toward no
    cycle and are not on the transcript an employer sees through a share link."""
    module = initial_training.modules[0]
    CEActivity.objects.create(
        holder=certificate.holder,
        title=module.title,
        provider="PeerCert",
        date=today - timedelta(days=1),
        hours=Decimal("8"),
        delivery_mode="self_study_online",
        source=CEActivity.Source.PLATFORM,
        source_module=module,
        source_course=initial_training.course,
        platform_key=f"module:{module.pk}:old",
        status=CEActivity.Status.APPROVED,
    )

    assert certificate_ce(certificate, today=today).checklist.total_counted == 0
    transcript = transcript_for(user=certificate.holder, today=today)
    assert all(not block.rows for block in transcript.cycles)
    assert transcript.other_activities == []
