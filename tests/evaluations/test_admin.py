"""Reviewers write instruments in the Wagtail admin (criteria with their anchors, prerequisites,
the pass and retake rules) and publish them; each save is a revision. Instructors, evaluators
and trainees cannot reach them; evaluator panels are for administrators."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import Competency
from courses.permissions import INSTRUCTORS_GROUP, REVIEWERS_GROUP
from evaluations.models import Instrument
from tests.factories import TrainingDomainFactory, UserFactory

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_evaluations_instrument:add"
LIST = "wagtailsnippets_evaluations_instrument:list"
PANELS = "wagtailsnippets_evaluations_courseevaluator:list"


def criterion(title: str, critical: bool, domain, competency) -> dict:
    row = {
        "title": title,
        "anchor_not_observed": f"{title}: not seen.",
        "anchor_partly": f"{title}: partly.",
        "anchor_met": f"{title}: met.",
        "anchor_exemplary": f"{title}: exemplary.",
        "domain": domain.pk,
        "competency": competency.pk,
    }
    if critical:
        row["critical"] = "on"
    return row


def test_a_reviewer_writes_and_publishes_an_instrument(client, course):
    reviewer = UserFactory(groups=[Group.objects.get(name=REVIEWERS_GROUP)])
    client.force_login(reviewer)
    assert client.get(reverse(ADD)).status_code == 200
    domain = TrainingDomainFactory(name="Recovery/Wellness Support")
    competency, _ = Competency.objects.get_or_create(
        framework="SAMHSA", number=8, defaults={"title": "Helps peers to manage crises"}
    )
    data = nested_form_data(
        {
            "key": "crisis-hand-off",
            "skill": "Crisis: warm hand-off to 988",
            "course": course.course.pk,
            "summary": "Ask directly, check for danger, call 988 together.",
            "evaluator_brief": "Fictional scenario.",
            "actor_brief": "Nothing here is about a real person.",
            "duration_minutes": "15",
            "pass_percent": "70",
            "critical_min_level": "2",
            "second_rater_percent": "25",
            "kappa_threshold": "0.60",
            "min_pairs": "10",
            "retake_cooldown_days": "14",
            "max_attempts": "3",
            "remediation": "Rehearse the hand-off script.",
            "criteria": inline_formset(
                [
                    criterion("Asks directly about suicide", True, domain, competency),
                    criterion("Warm hand-off with consent", True, domain, competency),
                ]
            ),
            "prerequisites": inline_formset([{"page": course.modules[0].pk}]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(reverse(ADD), data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    instrument = Instrument.objects.get(key="crisis-hand-off")
    assert instrument.live and instrument.live_revision is not None
    assert [(c.title, c.critical) for c in instrument.criteria.all()] == [
        ("Asks directly about suicide", True),
        ("Warm hand-off with consent", True),
    ]
    assert [p.page_id for p in instrument.prerequisites.all()] == [course.modules[0].pk]
    pinned = instrument.live_revision.as_object()
    assert [c.anchor_met for c in pinned.criteria.all()] == [
        "Asks directly about suicide: met.",
        "Warm hand-off with consent: met.",
    ]


def test_instructors_evaluators_and_trainees_cannot_reach_instruments_or_panels(
    client, course, instrument, evaluator
):
    instructor = UserFactory(groups=[Group.objects.get(name=INSTRUCTORS_GROUP)])
    for user in (instructor, evaluator, UserFactory()):
        client.force_login(user)
        for url in (reverse(LIST), reverse(ADD), reverse(PANELS)):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url, response.status_code)
            assert "EVALUATOR-BRIEF" not in response.content.decode()
    reviewer = UserFactory(groups=[Group.objects.get(name=REVIEWERS_GROUP)])
    client.force_login(reviewer)
    assert client.get(reverse(PANELS)).status_code in (302, 403)  # administrators only
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert evaluator.last_name in client.get(reverse(PANELS)).content.decode()
