"""A program with enough trainees for figures to show: one course (one module, two lessons), a
final exam of two questions in two domains, a program version requiring both, and a program
administrator. `add_trainees` makes people who reached a given step, written straight to the
tables the figures are aggregated from (the services that normally write them are tested in
their apps).

The pages read pre-aggregated figures (outcomes/models.py). Rows written here commit with the
test's transaction, which never commits, so the refresh they enqueue never runs: `admin_client`
runs the daily rebuild before each page it opens, as after a bulk load. test_facts.py tests
the refresh that follows a committed change."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from assessments.models import Attempt, AttemptQuestion, AttemptState, Response
from certificates.models import AssessmentRequirement, CourseRequirement
from cohorts.models import Cohort, CohortEnrolment
from courses.models import Enrollment, LessonCompletion
from tests.assessments.conftest import make_assessment
from tests.conftest import build_course
from tests.factories import TrainingDomainFactory, UserFactory
from tests.factories.certificates import CertificateFactory, ProgramVersionFactory

STEPS = ("enrolled", "modules", "exam", "certified")


@dataclass
class Program:
    course: object
    lessons: list
    exam: object
    questions: list
    version: object
    admin: object
    cohorts: dict = field(default_factory=dict)
    counter: list = field(default_factory=lambda: [0])

    def cohort(self, title: str) -> Cohort:
        if title not in self.cohorts:
            cohort = Cohort(course=self.course, title=title, time_zone="UTC", capacity=500)
            cohort.save()
            self.cohorts[title] = cohort
        return self.cohorts[title]

    def add_trainees(
        self,
        n: int,
        *,
        step: str,
        cohort: str | None = None,
        enrolled_on: date = date(2025, 3, 1),
        days_to_certificate: int = 200,
        score: tuple[int, int] = (1, 1),
    ) -> list:
        """n trainees who reached ``step`` (and every step before it)."""
        reached = STEPS[: STEPS.index(step) + 1]
        people = []
        for _ in range(n):
            self.counter[0] += 1
            person = UserFactory(
                email=f"person{self.counter[0]}@outcomes.example.org",
                first_name="Quenby",
                last_name=f"Zamfirescu{self.counter[0]}",
            )
            people.append(person)
            enrolment = Enrollment.objects.create(trainee=person, course=self.course)
            when = datetime(enrolled_on.year, enrolled_on.month, enrolled_on.day, 12, tzinfo=UTC)
            Enrollment.objects.filter(pk=enrolment.pk).update(enrolled_at=when)
            if cohort:
                CohortEnrolment.objects.create(
                    cohort=self.cohort(cohort),
                    trainee=person,
                    status=CohortEnrolment.Status.ENROLLED,
                )
            if "modules" in reached:
                for lesson in self.lessons:
                    LessonCompletion.objects.create(trainee=person, lesson=lesson)
            if "exam" in reached:
                self._attempt(person, score)
            if "certified" in reached:
                CertificateFactory(
                    holder=person,
                    version=self.version,
                    issued_on=date.fromordinal(enrolled_on.toordinal() + days_to_certificate),
                    expires_on=date(2030, 1, 1),
                )
        return people

    def _attempt(self, person, score: tuple[int, int]) -> Attempt:
        earned = sum(score)
        attempt = Attempt.objects.create(
            trainee=person,
            assessment=self.exam,
            number=1,
            state=AttemptState.GRADED,
            score=Decimal(earned),
            max_score=Decimal(2),
            percent=Decimal(50 * earned),
            passed=earned == 2,
        )
        for position, (question, points) in enumerate(zip(self.questions, score, strict=True)):
            aq = AttemptQuestion.objects.create(
                attempt=attempt,
                question=question,
                revision=question.latest_revision,
                qtype=question.type,
                position=position,
                max_points=Decimal(1),
            )
            Response.objects.create(attempt_question=aq, points=Decimal(points))
        return attempt


@pytest.fixture
def program(course_index) -> Program:
    tree = build_course(course_index, modules=1, lessons=2, title="Peer Recovery Foundations")
    exam, questions = make_assessment(tree.course, types=["single", "single"], title="Final exam")
    for question, name in zip(questions, ("Advocacy", "Ethical Responsibility"), strict=True):
        question.domain = TrainingDomainFactory(name=name)
        question.save()
    version = ProgramVersionFactory(label="2026")
    CourseRequirement.objects.create(version=version, course=tree.course)
    AssessmentRequirement.objects.create(version=version, assessment=exam)
    group, _ = Group.objects.get_or_create(name=roles.PROGRAM_ADMINISTRATORS)
    admin = UserFactory(email="programs@outcomes.example.org")
    admin.groups.add(group)
    return Program(tree.course, tree.lessons[0], exam, questions, version, admin)


def rebuilt() -> int:
    from outcomes.services import outcomes_rebuild

    return outcomes_rebuild()


class RebuildingClient:
    """The test client, after the daily rebuild (see the module docstring)."""

    def __init__(self, client):
        self.client = client

    def get(self, *args, **kwargs):
        rebuilt()
        return self.client.get(*args, **kwargs)


@pytest.fixture
def admin_client(client, program):
    client.force_login(program.admin)
    return RebuildingClient(client)
