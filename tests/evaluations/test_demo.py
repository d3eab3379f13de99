"""The practical-evaluation story seed_demo tells: five instruments, a request waiting in
evaluator@'s queue, a second-rater sample for evaluator@, certified@'s pass before their
certificate, and a program version that asks for it — and a second run adds nothing."""

import json

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate, EvaluationRequirement
from certificates.selectors import checklist_for
from evaluations import rules
from evaluations.demo import PROGRAM_INSTRUMENT, load_instruments
from evaluations.models import Evaluation, Instrument, Rating
from evaluations.selectors import calibration_report, queue_for

pytestmark = pytest.mark.django_db

SKILLS = {
    "OARS in a first conversation",
    "Strategic self-disclosure",
    "Crisis: warm hand-off to 988",
    "Co-creating a safety plan (Stanley-Brown)",
    "Ethical decision under a dual-relationship dilemma",
}


def test_the_instruments_data_is_complete_and_fictional():
    data = load_instruments()
    assert {item["skill"] for item in data} == SKILLS
    for item in data:
        assert item["criteria"] and item["prerequisites"]
        assert any(c["critical"] for c in item["criteria"]), item["key"]
        for criterion in item["criteria"]:
            assert len(criterion["anchors"]) == len(rules.LEVELS)
            assert len(set(criterion["anchors"])) == len(rules.LEVELS)
            assert 1 <= criterion["competency"] <= 12
        assert "Nothing here is about a real person." in item["actor_brief"]
        assert "Fictional scenario" in item["evaluator_brief"]
    crisis = next(i for i in data if i["key"] == "crisis-warm-handoff-988")
    # Role-plays never dial the real lines.
    assert "Never place a real call to 988 or 911" in crisis["evaluator_brief"]
    plan = next(i for i in data if i["key"] == "safety-plan-stanley-brown")
    steps = [
        "warning signs",
        "internal coping",
        "people and places for distraction",
        "people to ask for help",
        "professionals and agencies",
        "making the environment safer",
    ]
    text = plan["criteria"][0]["anchors"][2]
    assert [text.find(step) for step in steps] == sorted(text.find(step) for step in steps)
    assert all(step in text for step in steps)


def test_demo_evaluations_and_a_second_run_adds_nothing(
    seeded_demo, django_capture_on_commit_callbacks
):
    lines = seeded_demo.lines
    users = {u.email: u for u in User.objects.all()}
    evaluator, trainee, certified = (
        users["evaluator@example.org"],
        users["trainee@example.org"],
        users["certified@example.org"],
    )
    assert any(line.startswith("Demo login: evaluator@example.org") for line in lines)
    assert set(Instrument.objects.filter(live=True).values_list("skill", flat=True)) == SKILLS

    queue = queue_for(evaluator)
    [waiting] = queue.unassigned
    assert waiting.trainee == trainee and waiting.instrument.key == PROGRAM_INSTRUMENT
    [sample] = queue.second
    assert sample.second_rater == evaluator and sample.evaluator == users["evaluator2@example.org"]
    assert sample.status == Evaluation.Status.SCHEDULED and sample.scheduled_for > timezone.now()

    certificate = Certificate.objects.get(holder=certified)
    assert certificate.status == Certificate.Status.VALID
    passed = Evaluation.objects.get(trainee=certified, passed=True)
    assert timezone.localdate(passed.completed_at) < certificate.issued_on
    [requirement] = EvaluationRequirement.objects.filter(version=certificate.version)
    assert requirement.instrument.key == PROGRAM_INSTRUMENT and requirement.within_months == 24
    assert checklist_for(trainee=certified, version=certificate.version).met
    trainee_items = checklist_for(trainee=trainee, version=certificate.version).items
    assert not next(i for i in trainee_items if i.kind == "evaluation").met

    report = calibration_report()
    assert report.evaluations_paired == 2
    assert {row.label for row in report.by_evaluator} == {
        evaluator.display_name,
        users["evaluator2@example.org"].display_name,
    }

    counts = (Evaluation.objects.count(), Rating.objects.count(), Instrument.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        from evaluations.demo import seed_evaluations

        seed_evaluations(course=waiting.instrument.course, users=users)
    assert (
        Evaluation.objects.count(),
        Rating.objects.count(),
        Instrument.objects.count(),
    ) == counts


def test_the_instruments_file_is_where_the_demo_reads_it():
    path = settings.BASE_DIR / "demo" / "evaluations" / "instruments.json"
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 5
