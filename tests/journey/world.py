"""The small world the journey tests run in, built with factories and services: one course
with one module, a quiz drawing from one question bank, a certification program that asks for
the course, the quiz, one hour of signed-off practice and the code of ethics, and the people."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from assessments.models import PoolRule
from certificates.models import AssessmentRequirement, AttestationRequirement, CourseRequirement
from courses.permissions import REVIEWERS_GROUP, SUPERVISORS_GROUP, ensure_role_groups
from courses.services import course_add_instructor
from tests.conftest import build_course
from tests.factories import (
    AssessmentPageFactory,
    ModuleDomainHoursFactory,
    QuestionCategoryFactory,
    QuestionFactory,
    TrainingDomainFactory,
    UserFactory,
)
from tests.factories.certificates import CertificationProgramFactory, ProgramVersionFactory

COURSE_TITLE = "Peer Support Essentials"
BANK = "Journey: the peer role"
CODE_OF_ETHICS = (
    "PeerCert Code of Ethics (journey test edition)\n\n"
    "1. I support recovery in all its pathways.\n"
    "2. I keep what peers share confidential within the limits of the law.\n"
    "3. I stay within my role and connect people in crisis to 988 or 911."
)


@dataclass
class World:
    course: object
    module: object
    lessons: list
    quiz: object
    bank: object
    questions: list
    version: object = None
    domain: object = None
    people: dict = field(default_factory=dict)


def build_world(
    course_index,
    *,
    lessons: int = 1,
    question_types=("single",),
    quiz_draw=None,
    program: bool = True,
    pass_mark: int = 50,
) -> World:
    groups = ensure_role_groups(course_index=course_index)
    tree = build_course(
        course_index, title=COURSE_TITLE, slug="essentials", modules=1, lessons=lessons
    )
    module = tree.modules[0]
    domain = TrainingDomainFactory(name="Ethical Responsibility")
    ModuleDomainHoursFactory(module=module, domain=domain, hours=Decimal("8"))

    bank = QuestionCategoryFactory(name=BANK, course=tree.course)
    questions = [
        QuestionFactory(category=bank, type=qtype, key=f"journey-{index}-{qtype}".replace("_", "-"))
        for index, qtype in enumerate(question_types, start=1)
    ]
    quiz = AssessmentPageFactory(
        parent=module,
        title="Module 1 quiz",
        slug="module-1-quiz",
        pass_mark=pass_mark,
        max_attempts=3,
        cooldown_minutes=0,
        shuffle_questions=False,
        shuffle_options=False,
        introduction="<p>A short check of this module. You need half the points to pass.</p>",
    )
    PoolRule.objects.create(
        assessment=quiz, sort_order=0, category=bank, count=quiz_draw or len(questions)
    )

    people = {
        "instructor": UserFactory(
            email="instructor@example.org", first_name="Morgan", last_name="Lee"
        ),
        "reviewer": UserFactory(
            email="reviewer@example.org",
            first_name="Avery",
            last_name="Chen",
            groups=[groups[REVIEWERS_GROUP]],
        ),
        "supervisor": UserFactory(
            email="supervisor@example.org",
            first_name="Taylor",
            last_name="Brooks",
            groups=[groups[SUPERVISORS_GROUP]],
        ),
        "admin": UserFactory(
            email="admin@example.org",
            first_name="Robin",
            last_name="Patel",
            is_staff=True,
            is_superuser=True,
        ),
    }
    course_add_instructor(course=tree.course, user=people["instructor"])

    world = World(
        course=tree.course,
        module=module,
        lessons=tree.lessons[0],
        quiz=quiz,
        bank=bank,
        questions=questions,
        domain=domain,
        people=people,
    )
    if program:
        version = ProgramVersionFactory(
            program=CertificationProgramFactory(
                name="Peer Recovery Specialist (journey)",
                credential_name="Peer Recovery Specialist",
            ),
            label="2026",
            practice_hours=Decimal("1"),
        )
        AttestationRequirement.objects.create(
            version=version,
            title="Attest the PeerCert Code of Ethics",
            text=CODE_OF_ETHICS,
            agreement="I have read this code of ethics and agree to practise by it.",
        )
        CourseRequirement.objects.create(version=version, course=tree.course)
        AssessmentRequirement.objects.create(version=version, assessment=quiz)
        world.version = version
    return world
