"""A program version can ask for recent training ("40 hours within 5 years"): a module counts
from the day it was completed — its last lesson, or its assessment's first pass if later."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.selectors import checklist_for, facts_for
from courses.models import LessonCompletion

pytestmark = pytest.mark.django_db


def complete_module(trainee, program, *, days_ago: int):
    at = timezone.now() - timedelta(days=days_ago)
    for lesson in program.all_lessons:
        LessonCompletion.objects.create(trainee=trainee, lesson=lesson)
    LessonCompletion.objects.filter(trainee=trainee).update(completed_at=at)


def hours_item(checklist):
    return next(item for item in checklist.items if item.key == "hours:total")


def test_old_training_stops_counting_when_the_version_asks_for_recent_training(enrolled, program):
    complete_module(enrolled, program, days_ago=6 * 365)
    contact_hours = program.modules[0].contact_hours
    assert facts_for(trainee=enrolled, version=program.version).training_hours_total == (
        contact_hours
    )

    program.version.training_window_months = 60
    program.version.save()

    facts = facts_for(trainee=enrolled, version=program.version)
    assert facts.training_hours_total == 0
    assert facts.training_hours_by_domain == {}
    item = hours_item(checklist_for(trainee=enrolled, version=program.version))
    assert not item.met
    assert item.label == "Training hours in total (completed in the last 60 months)"


def test_recent_training_counts_inside_the_window(enrolled, program):
    program.version.training_window_months = 60
    program.version.save()
    complete_module(enrolled, program, days_ago=4 * 365)

    facts = facts_for(trainee=enrolled, version=program.version)
    assert facts.training_hours_total == program.modules[0].contact_hours
    assert facts.training_hours_by_domain == {"Ethical Responsibility": Decimal(4)}
    assert hours_item(checklist_for(trainee=enrolled, version=program.version)).met


def test_the_trainee_sees_the_window_on_their_checklist(client, enrolled, program):
    program.version.training_window_months = 60
    program.version.save()
    client.force_login(enrolled)
    page = client.get(reverse("certificates:overview")).content.decode()
    assert "Training hours in total (completed in the last 60 months)" in page


def test_a_module_counts_from_its_assessments_first_pass_when_that_came_later(enrolled, program):
    from assessments.models import Attempt, AttemptState
    from tests.assessments.conftest import make_assessment

    quiz, _ = make_assessment(program.modules[0])
    program.version.training_window_months = 60
    program.version.save()
    complete_module(enrolled, program, days_ago=7 * 365)  # lessons long ago
    Attempt.objects.create(
        assessment=quiz,
        trainee=enrolled,
        number=1,
        state=AttemptState.GRADED,
        percent=Decimal(100),
        passed=True,
        submitted_at=timezone.now() - timedelta(days=400),
        graded_at=timezone.now() - timedelta(days=400),
    )

    facts = facts_for(trainee=enrolled, version=program.version)
    assert facts.training_hours_total == program.modules[0].contact_hours
