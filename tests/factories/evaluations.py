"""Practical-evaluation instruments and evaluators for tests.

An instrument is a clusterable snippet with revisions, so it is built as an editor would save
it: children attached, saved, then a first revision published."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from courses.models import Competency
from evaluations import services
from evaluations.models import CourseEvaluator, Criterion, Evaluation, Instrument, Prerequisite

from .accounts import UserFactory
from .courses import TrainingDomainFactory
from .pages import without_indexing

_keys = itertools.count(1)

# Title, critical: the shape most tests use (two criteria, the second critical).
DEFAULT_CRITERIA = [("Open questions", False), ("Warm hand-off", True)]


def make_instrument(
    *,
    course,
    criteria=DEFAULT_CRITERIA,
    prerequisites=(),
    publish: bool = True,
    **fields,
) -> Instrument:
    domain = TrainingDomainFactory(name="Mentoring/Education")
    competency, _ = Competency.objects.get_or_create(
        framework="SAMHSA", number=9, defaults={"title": "Values communication"}
    )
    number = next(_keys)
    values = {
        "key": f"instrument-{number}",
        "skill": f"Skill {number}",
        "summary": "What the evaluator watches for.",
        "evaluator_brief": "EVALUATOR-BRIEF fictional scenario.",
        "actor_brief": "ACTOR-BRIEF fictional role.",
        "remediation": "Practise reflections with a partner for a week.",
        "pass_percent": 70,
        "second_rater_percent": 0,
        "retake_cooldown_days": 7,
        "max_attempts": 3,
        **fields,
    }
    instrument = Instrument(course=course, live=False, **values)
    instrument.criteria = [
        Criterion(
            sort_order=order,
            title=title,
            critical=critical,
            domain=domain,
            competency=competency,
            anchor_not_observed=f"{title}: not seen at all.",
            anchor_partly=f"{title}: partly there.",
            anchor_met=f"{title}: clearly met.",
            anchor_exemplary=f"{title}: exemplary.",
        )
        for order, (title, critical) in enumerate(criteria)
    ]
    instrument.prerequisites = [
        Prerequisite(sort_order=order, page=page) for order, page in enumerate(prerequisites)
    ]
    # Not indexed for search or references unless the test asks (tests/factories/pages.py).
    with without_indexing(Instrument):
        instrument.save()
        if publish:
            instrument.save_revision().publish()
    if publish:
        instrument.refresh_from_db()
    return instrument


def criterion_ids(instrument: Instrument) -> list[int]:
    """In order; works on a stored instrument and on one restored from a revision."""
    return [c.pk for c in sorted(instrument.criteria.all(), key=lambda c: c.sort_order)]


def levels_for(instrument: Instrument, *levels: int) -> dict[int, int]:
    return dict(zip(criterion_ids(instrument), levels, strict=True))


def make_evaluator(*, course, **kwargs):
    group, _ = Group.objects.get_or_create(name=roles.EVALUATORS)
    user = UserFactory(groups=[group], **kwargs)
    CourseEvaluator.objects.create(evaluator=user, course=course)
    return user


def scheduled_evaluation(*, trainee, instrument, evaluator, second_rater=None, **fields):
    """An evaluation scheduled with `evaluator` for an hour from now (eligibility not checked:
    tests of eligibility go through evaluation_request)."""
    evaluation = Evaluation.objects.create(
        trainee=trainee,
        instrument=instrument,
        revision_id=instrument.live_revision_id,
        requested_at=timezone.now() - timedelta(days=1),
        second_rating_wanted=second_rater is not None,
        **fields,
    )
    services.evaluation_schedule(
        evaluator=evaluator,
        evaluation_id=evaluation.pk,
        mode=Evaluation.Mode.VIDEO,
        scheduled_for=timezone.now() + timedelta(hours=1),
        video_link="https://meet.example.org/room-VIDEO-SECRET",
    )
    if second_rater is not None:
        services.second_rating_take(evaluator=second_rater, evaluation_id=evaluation.pk)
    evaluation.refresh_from_db()
    return evaluation
