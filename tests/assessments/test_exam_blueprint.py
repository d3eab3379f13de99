"""A blueprint exam through the attempt engine: forms follow the domain weights, enemies stay
apart, a failed candidate meets fresh items, and results report a scaled score and a domain
profile without showing a single item."""

import random

import pytest

from assessments import services
from assessments.models import AttemptQuestion, BlueprintWeight, Question
from courses.models import ModuleDomainHours, TrainingDomain
from tests.factories import (
    AssessmentPageFactory,
    PoolRuleFactory,
    QuestionCategoryFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

WEIGHTS = {"Advocacy": 40, "Ethical Responsibility": 60}


@pytest.fixture
def exam(course_tree):
    """A 10-item exam over two domains (4 + 6) with 12 items in each domain's pool."""
    module = course_tree.modules[0]
    exam = AssessmentPageFactory(
        parent=module,
        title="Certifying exam",
        blueprint_length=10,
        scale_low=200,
        scale_high=800,
        scale_cut=500,
        show_domain_profile=True,
        review_questions=False,
        max_attempts=5,
        **{f"review_{m}_score": True for m in ("submit", "pass", "last", "close")},
        **{
            f"review_{m}_{w}": False
            for m in ("submit", "pass", "last", "close")
            for w in ("correctness", "feedback", "answers")
        },
    )
    for order, (name, weight) in enumerate(WEIGHTS.items()):
        domain, _ = TrainingDomain.objects.get_or_create(
            name=name, defaults={"framework": "IC&RC Peer Recovery"}
        )
        category = QuestionCategoryFactory(name=f"Exam pool: {name}")
        for n in range(12):
            QuestionFactory(
                category=category, domain=domain, key=f"{name[:3].lower()}-{n}", type="single"
            )
        PoolRuleFactory(assessment=exam, category=category, count=0)
        BlueprintWeight.objects.create(
            assessment=exam, domain=domain, weight=weight, sort_order=order
        )
        ModuleDomainHours.objects.get_or_create(module=module, domain=domain, defaults={"hours": 2})
    return exam


def domains_of(attempt):
    return list(
        AttemptQuestion.objects.filter(attempt=attempt).values_list(
            "question__domain__name", flat=True
        )
    )


def test_each_form_follows_the_domain_weights(enrolled, exam):
    attempt = services.attempt_start(trainee=enrolled, assessment=exam, rng=random.Random(1))
    domains = domains_of(attempt)
    assert len(domains) == 10
    assert domains.count("Advocacy") == 4 and domains.count("Ethical Responsibility") == 6


def test_enemy_items_never_share_a_form(enrolled, exam):
    # Pair every Advocacy item with the next one: at most one of each pair on any form.
    advocacy = list(Question.objects.filter(domain__name="Advocacy").order_by("key"))
    for a, b in zip(advocacy[::2], advocacy[1::2], strict=True):
        a.enemies.add(b)
    attempt = services.attempt_start(trainee=enrolled, assessment=exam, rng=random.Random(5))
    drawn = set(
        AttemptQuestion.objects.filter(attempt=attempt).values_list("question_id", flat=True)
    )
    for a, b in zip(advocacy[::2], advocacy[1::2], strict=True):
        assert not {a.pk, b.pk} <= drawn


def _fail(attempt):
    return services.attempt_submit(attempt=attempt)  # nothing answered: 0 %


def test_after_a_failed_attempt_the_next_form_holds_fresh_items_where_the_pool_allows(
    enrolled, exam
):
    exam.cooldown_minutes = 0
    exam.save()
    first = _fail(services.attempt_start(trainee=enrolled, assessment=exam, rng=random.Random(1)))
    assert first.passed is False
    second = services.attempt_start(trainee=enrolled, assessment=exam, rng=random.Random(2))
    seen = set(AttemptQuestion.objects.filter(attempt=first).values_list("question_id", flat=True))
    now = set(AttemptQuestion.objects.filter(attempt=second).values_list("question_id", flat=True))
    # 12 items per domain, 4 and 6 used: the second form can avoid every one of them.
    assert not seen & now


def test_the_exam_review_shows_score_scaled_score_and_domain_profile_but_no_item(
    enrolled, exam, client
):
    attempt = _fail(services.attempt_start(trainee=enrolled, assessment=exam, rng=random.Random(1)))
    client.force_login(enrolled)
    page = client.get(f"/assessments/attempts/{attempt.pk}/review/").content.decode()
    assert "Scaled score: <strong>200</strong>" in page
    assert "Score by training domain" in page
    assert "Review this domain" in page
    for question in Question.objects.filter(domain__isnull=False):
        assert question.text not in page
    assert "SECRET-GENERAL-FEEDBACK" not in page


def test_a_practice_quiz_review_still_shows_its_items(enrolled, quiz, client):
    attempt = services.attempt_submit(
        attempt=services.attempt_start(trainee=enrolled, assessment=quiz, rng=random.Random(1))
    )
    client.force_login(enrolled)
    page = client.get(f"/assessments/attempts/{attempt.pk}/review/").content.decode()
    first = AttemptQuestion.objects.filter(attempt=attempt).first()
    assert first.revision.content["text"] in page
