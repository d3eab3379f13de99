"""The set-based computation of every view at once (outcomes/cube.py) gives exactly the figures
the per-view live aggregation gives (outcomes/selectors.py, `raw_figures`, what the rebuild
stored before), on data with two program versions (one with a practical evaluation), two
cohorts and people in none, several enrolment years, exam domains, days to certificate, ended
cycles renewed and lapsed, live sessions and outside training — small groups included, so some
cells are suppressed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from accounts.models import User
from certificates.models import (
    AssessmentRequirement,
    Certificate,
    CourseRequirement,
    EvaluationRequirement,
)
from cohorts.models import Attendance, CohortEnrolment, OutsideTraining, OutsideTrainingHours
from courses.models import Enrollment, LessonCompletion
from evaluations.models import Evaluation
from outcomes.cube import cube_figures
from outcomes.models import OutcomeFact, OutcomeScope
from outcomes.selectors import Filters, raw_figures, stored_figures
from outcomes.services import outcomes_mark_stale, outcomes_refresh_stale
from outcomes.tables import suppress_cube
from tests.conftest import build_course
from tests.factories.certificates import CertificateFactory, ProgramVersionFactory
from tests.factories.cohorts import make_session
from tests.factories.evaluations import make_instrument
from tests.outcomes.conftest import rebuilt
from tests.outcomes.test_facts import every_view, varied_program

pytestmark = pytest.mark.django_db


def second_version(program, course_index):
    """A later version: a bridge course of its own plus the same exam, and a practical
    evaluation; some trainees of the first version take it too."""
    bridge = build_course(course_index, modules=1, lessons=1, title="Bridge course")
    instrument = make_instrument(course=bridge.course)
    version = ProgramVersionFactory(label="2027", program=program.version.program)
    CourseRequirement.objects.create(version=version, course=bridge.course)
    AssessmentRequirement.objects.create(version=version, assessment=program.exam)
    EvaluationRequirement.objects.create(version=version, instrument=instrument)
    return bridge, instrument, version


def take_bridge(people, bridge, instrument, version, *, evaluated: int, certified: int):
    for number, person in enumerate(people):
        enrolment = Enrollment.objects.create(trainee=person, course=bridge.course)
        Enrollment.objects.filter(pk=enrolment.pk).update(
            enrolled_at=datetime(2025, 8, 1 + number % 20, 9, tzinfo=UTC)
        )
        LessonCompletion.objects.create(trainee=person, lesson=bridge.lessons[0][0])
        if number < evaluated:
            Evaluation.objects.create(
                trainee=person,
                instrument=instrument,
                revision_id=instrument.live_revision_id,
                status=Evaluation.Status.COMPLETED,
                passed=True,
            )
        if number < certified:
            CertificateFactory(
                holder=person,
                version=version,
                issued_on=date(2025, 11, 1 + number),
                expires_on=date(2030, 1, 1),
            )


def outside_training(people, hours: str, domain):
    for person in people:
        record = OutsideTraining.objects.create(
            trainee=person,
            title="Peer ethics workshop",
            provider="State peer network",
            started_on=date(2025, 3, 2),
            ended_on=date(2025, 3, 3),
            delivery=OutsideTraining.Delivery.choices[0][0],
            status=OutsideTraining.Status.APPROVED,
        )
        OutsideTrainingHours.objects.create(
            record=record,
            domain=domain,
            hours_claimed=Decimal(hours),
            hours_approved=Decimal(hours),
        )


@pytest.fixture
def varied(program, course_index):
    varied_program(program)
    bridge, instrument, version = second_version(program, course_index)
    spring = list(
        CohortEnrolment.objects.filter(cohort=program.cohort("Spring")).values_list(
            "trainee", flat=True
        )
    )
    spring_people = list(User.objects.filter(pk__in=spring).order_by("pk"))
    take_bridge(spring_people[:13], bridge, instrument, version, evaluated=12, certified=4)
    newcomers = program.add_trainees(12, step="modules", cohort="Autumn")
    take_bridge(newcomers, bridge, instrument, version, evaluated=3, certified=0)
    outside_training(spring_people[:5], "2.5", program.questions[0].domain)
    outside_training(newcomers, "1.25", program.questions[0].domain)
    # A second session, in another year, some absent.
    session = make_session(
        cohort=program.cohort("Autumn"), start=datetime(2026, 2, 3, 18, tzinfo=UTC), hours={}
    )
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            trainee=person,
            status=Attendance.Status.ABSENT if number % 4 == 0 else Attendance.Status.PRESENT,
            minutes=0 if number % 4 == 0 else 90,
            joined=Attendance.Joined.IN_PERSON,
        )
        for number, person in enumerate(newcomers)
    )
    # One certificate still pending: not issued, counted nowhere.
    CertificateFactory(
        holder=newcomers[0],
        version=version,
        status=Certificate.Status.PENDING,
        issued_on=None,
        expires_on=None,
    )
    return program, version


def test_every_view_equals_the_live_aggregation(varied):
    program, version = varied
    rebuilt()
    views = every_view()
    # Versions (all, two) × cohorts (all, Spring, Autumn) × years (all, 2023 … this year).
    assert len(views) == 3 * 3 * (1 + date.today().year - 2023 + 1)
    cube = cube_figures(views)
    live = {view: raw_figures(view) for view in views}
    for view in views:
        assert cube[view] == live[view], view
    # Not an empty comparison: each kind of figure shows up somewhere.
    everyone, later = live[Filters()], live[Filters(version=version.pk)]
    assert everyone.funnel["enrolled"] == 65
    assert later.funnel["evaluation"] == 12 and later.funnel["certified"] == 4
    assert everyone.cycles[1]["renewed"] == 6 and everyone.cycles[1]["lapsed"] == 5
    assert everyone.hours["outside"]["people"] == 17
    assert everyone.hours["live"]["people"] == 14 + 9
    assert later.domains and later.days
    spring = Filters(cohort=program.cohort("Spring").pk, year=2025)
    assert cube[spring].cohorts and cube[spring].hours["live"]["amount"] == 14 * 100


def test_the_rebuild_stores_them_and_hides_the_same_cells(varied):
    rebuilt()
    views = every_view()
    stored = stored_figures(views)
    live = {view: raw_figures(view) for view in views}
    for view in views:
        assert stored.figures[view] == live[view], view
    hidden = suppress_cube(live)
    assert stored.hidden == hidden
    # Small groups exist in this data: suppression is part of what is compared.
    assert sum(len(keys) for keys in hidden.values()) > 50
    assert ("funnel", "certified") in hidden[Filters(version=varied[1].pk)]


def test_a_refresh_rewrites_only_the_stale_views(varied):
    program, version = varied
    rebuilt()
    spring = program.cohort("Spring")
    untouched = OutcomeScope.objects.get(version=version, cohort=spring, year=2023)
    facts_before = list(
        OutcomeFact.objects.filter(scope=untouched).order_by("pk").values_list("pk", flat=True)
    )
    people = program.add_trainees(11, step="certified", cohort="Autumn")
    marked = outcomes_mark_stale(trainee_ids=[person.pk for person in people])
    # The first version's views and all versions' (their course is the first's), any year,
    # any cohort: Autumn's row of the cohort comparison shows in every cohort's views.
    years = 1 + date.today().year - 2023 + 1
    assert marked == 2 * 3 * years
    assert outcomes_refresh_stale() == marked
    # The other views' rows were left alone (same ids), and every view is right.
    assert (
        list(
            OutcomeFact.objects.filter(scope=untouched).order_by("pk").values_list("pk", flat=True)
        )
        == facts_before
    )
    views = every_view()
    stored = stored_figures(views)
    for view in views:
        assert stored.figures[view] == raw_figures(view), view
