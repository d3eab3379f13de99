from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from certificates.models import CourseRequirement, DomainRequirement
from courses.permissions import SUPERVISORS_GROUP
from tests.conftest import build_course
from tests.factories import (
    EnrollmentFactory,
    ModuleDomainHoursFactory,
    TrainingDomainFactory,
    UserFactory,
)
from tests.factories.certificates import AttestationRequirementFactory, ProgramVersionFactory


@pytest.fixture
def issuer_keys(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Test Institute")
    yield keys
    clear_issuer_keys_cache()


@pytest.fixture
def supervisor(db):
    group, _ = Group.objects.get_or_create(name=SUPERVISORS_GROUP)
    return UserFactory(
        email="supervisor@example.org", first_name="Taylor", last_name="Brooks", groups=[group]
    )


@pytest.fixture
def program(course_index):
    """A small program: one course of one module (2 lessons, 4 h Ethics), 1 h of practice."""
    tree = build_course(course_index, modules=1, lessons=2)
    ethics = TrainingDomainFactory(name="Ethical Responsibility")
    ModuleDomainHoursFactory(module=tree.modules[0], domain=ethics, hours=Decimal("4"))
    version = ProgramVersionFactory(min_total_hours=Decimal("4"), practice_hours=Decimal("1"))
    tree.statement = AttestationRequirementFactory(version=version, text="I will keep confidences.")
    DomainRequirement.objects.create(version=version, domain=ethics, min_hours=Decimal("4"))
    CourseRequirement.objects.create(version=version, course=tree.course)
    tree.version = version
    tree.ethics = ethics
    return tree


@pytest.fixture
def enrolled(program, trainee):
    EnrollmentFactory(trainee=trainee, course=program.course)
    return trainee
