"""Program versions can ask for practical evaluations passed, optionally recently: the pure
requirements function decides, the checklist shows each with a link to /evaluations/, and a
pass that completes the requirements issues the certificate."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, EvaluationRequirement
from certificates.requirements import Facts, Rules, evaluate, evaluations_counted
from certificates.selectors import checklist_for
from evaluations import services as evaluation_services
from evaluations.models import Evaluation
from tests.factories.evaluations import levels_for, make_evaluator, make_instrument

REQUIRED = [(7, "OARS in a first conversation", 24), (8, "Crisis: warm hand-off to 988", None)]
TODAY = date(2026, 6, 1)


# --- pure --------------------------------------------------------------------------------------


def test_a_pass_counts_inside_the_window_and_any_pass_counts_without_one():
    passed_on = {7: date(2024, 6, 1), 8: date(2010, 1, 1)}
    assert evaluations_counted(REQUIRED, passed_on, today=TODAY) == {7, 8}
    assert evaluations_counted(REQUIRED, {7: date(2024, 5, 31)}, today=TODAY) == frozenset()
    assert evaluations_counted(REQUIRED, {}, today=TODAY) == frozenset()


def test_each_required_evaluation_is_a_checklist_item_that_says_how_recent():
    checklist = evaluate(
        Rules(required_evaluations=REQUIRED), Facts(passed_evaluation_ids=frozenset({8}))
    )
    first, second = checklist.items
    assert first.key == "evaluation:7" and first.kind == "evaluation"
    assert first.label == (
        "Pass the practical evaluation “OARS in a first conversation” (passed in the last 24 "
        "months)"
    )
    assert not first.met and second.met
    assert second.label == "Pass the practical evaluation “Crisis: warm hand-off to 988”"
    assert not checklist.met


# --- the database ------------------------------------------------------------------------------


@pytest.fixture
def required(program):
    instrument = make_instrument(course=program.course, skill="OARS in a first conversation")
    EvaluationRequirement.objects.create(
        version=program.version, instrument=instrument, within_months=12
    )
    return instrument


def passed_evaluation(trainee, instrument, *, evaluator, at=None) -> Evaluation:
    evaluation = Evaluation.objects.create(
        trainee=trainee,
        instrument=instrument,
        revision_id=instrument.live_revision_id,
        requested_at=(at or timezone.now()) - timedelta(days=3),
    )
    evaluation_services.evaluation_schedule(
        evaluator=evaluator,
        evaluation_id=evaluation.pk,
        mode="in_person",
        scheduled_for=(at or timezone.now()) - timedelta(hours=1),
        location="Room 1",
    )
    evaluation_services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 3, 3),
        comment="Well done.",
        at=at,
    )
    return evaluation


@pytest.mark.django_db
def test_the_checklist_counts_a_recent_pass_only(enrolled, program, required):
    evaluator = make_evaluator(course=program.course)
    key = f"evaluation:{required.pk}"

    def met() -> bool:
        return next(
            i
            for i in checklist_for(trainee=enrolled, version=program.version).items
            if i.key == key
        ).met

    assert not met()
    passed_evaluation(
        enrolled, required, evaluator=evaluator, at=timezone.now() - timedelta(days=400)
    )
    assert not met()  # older than the 12 months the version asks for
    Evaluation.objects.filter(trainee=enrolled).update(completed_at=timezone.now())
    assert met()


@pytest.mark.django_db
def test_the_certification_page_links_the_requirement_to_evaluations(
    client, enrolled, program, required
):
    client.force_login(enrolled)
    text = client.get(reverse("certificates:overview")).content.decode()
    link = f'<a href="{reverse("evaluations:home")}">Pass the practical evaluation'
    assert link in text and "OARS in a first conversation" in text


@pytest.mark.django_db
def test_a_pass_that_completes_the_requirements_issues_the_certificate(
    client, enrolled, program, supervisor, required, issuer_keys, django_capture_on_commit_callbacks
):
    from tests.certificates.test_issuance import complete_everything

    evaluator = make_evaluator(course=program.course)
    complete_everything(client, enrolled, program, supervisor, django_capture_on_commit_callbacks)
    assert not Certificate.objects.filter(holder=enrolled).exists()  # the evaluation is missing
    with django_capture_on_commit_callbacks(execute=True):
        passed_evaluation(enrolled, required, evaluator=evaluator)
    certificate = Certificate.objects.get(holder=enrolled)
    assert certificate.status == Certificate.Status.VALID


@pytest.mark.django_db
def test_a_failed_evaluation_leaves_the_requirement_unmet(enrolled, program, required):
    evaluator = make_evaluator(course=program.course)
    evaluation = Evaluation.objects.create(
        trainee=enrolled,
        instrument=required,
        revision_id=required.live_revision_id,
        requested_at=timezone.now() - timedelta(days=1),
    )
    evaluation_services.evaluation_schedule(
        evaluator=evaluator,
        evaluation_id=evaluation.pk,
        mode="in_person",
        scheduled_for=timezone.now(),
        location="Room 1",
    )
    evaluation_services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(required, 3, 1),
        comment="Not yet.",
    )
    items = checklist_for(trainee=enrolled, version=program.version).items
    assert not next(i for i in items if i.kind == "evaluation").met
