"""Administrators write a program version's rules in the Wagtail admin: hours per domain, courses,
practical evaluations to pass, a live-training share and hours on required topics, and as many
attestation statements as the board asks for, each becoming its own requirement."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates.models import ProgramVersion
from certificates.selectors import rules_for
from cohorts.models import Topic
from tests.factories import TrainingDomainFactory, UserFactory
from tests.factories.certificates import CertificationProgramFactory
from tests.factories.evaluations import make_instrument

pytestmark = pytest.mark.django_db


def test_admin_creates_a_version_with_two_attestations(client, course_tree):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    program = CertificationProgramFactory()
    ethics = TrainingDomainFactory(name="Ethical Responsibility")
    instrument = make_instrument(course=course_tree.course, skill="Crisis: warm hand-off to 988")
    topic = Topic.objects.create(name="HIV/AIDS and bloodborne pathogens")
    data = nested_form_data(
        {
            "program": program.pk,
            "label": "2027",
            "effective_from": "2027-01-01",
            "effective_until": "",
            "min_total_hours": "46",
            "practice_hours": "500",
            "supervision_hours": "25",
            "validity_months": "24",
            # The admin form shows the default (no provisional stage, so no extensions).
            "provisional_extensions_allowed": "0",
            "auto_issue": "on",
            "min_synchronous_percent": "50",
            "live_virtual_is_synchronous": "",
            "topic_requirements": inline_formset([{"topic": topic.pk, "min_hours": "6"}]),
            "domain_requirements": inline_formset([{"domain": ethics.pk, "min_hours": "16"}]),
            "course_requirements": inline_formset([{"course": course_tree.course.pk}]),
            "assessment_requirements": inline_formset([]),
            "endorsements": inline_formset([]),
            "evaluation_requirements": inline_formset(
                [{"instrument": instrument.pk, "within_months": "36"}]
            ),
            "attestation_requirements": inline_formset(
                [
                    {
                        "title": "Attest the code of ethics",
                        "text": "I keep confidences.",
                        "agreement": "I agree to practise by it.",
                    },
                    {
                        "title": "Attest lived experience of recovery",
                        "text": "I have lived experience.",
                        "agreement": "This is true of me.",
                    },
                ]
            ),
        }
    )
    response = client.post(reverse("wagtailsnippets_certificates_programversion:add"), data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    version = ProgramVersion.objects.get(label="2027")
    rules = rules_for(version)
    assert [title for _id, title, _hash in rules.attestations] == [
        "Attest the code of ethics",
        "Attest lived experience of recovery",
    ]
    assert rules.min_hours_by_domain == {"Ethical Responsibility": Decimal("16")}
    assert rules.min_synchronous_percent == 50
    assert rules.live_modes == frozenset({"in_person"})  # a board that means the room
    assert rules.min_hours_by_topic == {"HIV/AIDS and bloodborne pathogens": Decimal("6")}
    assert list(rules.required_evaluations) == [(instrument.pk, "Crisis: warm hand-off to 988", 36)]
    edit = client.get(
        reverse("wagtailsnippets_certificates_programversion:edit", args=[version.pk])
    ).content.decode()
    assert "I have lived experience." in edit
