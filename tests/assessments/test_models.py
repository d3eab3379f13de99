"""The question bank and assessment pages as editors meet them in the Wagtail admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import AssessmentPage, PoolRule, Question
from courses.models import CoursePage, LessonPage, ModulePage
from tests.factories import QuestionCategoryFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_assessments_sit_under_modules_and_courses_and_have_no_children():
    assert AssessmentPage in ModulePage.allowed_subpage_models()
    assert AssessmentPage in CoursePage.allowed_subpage_models()
    assert AssessmentPage.allowed_subpage_models() == []
    assert LessonPage not in AssessmentPage.allowed_subpage_models()


def test_publishing_a_question_keeps_its_identity_and_adds_a_revision():
    question = QuestionFactory()
    first = question.live_revision_id
    question.text = "Edited"
    question.save_revision().publish()
    question.refresh_from_db()
    assert question.live_revision_id != first
    assert question.revisions.count() == 2


def test_a_draft_edit_leaves_the_live_revision_in_place():
    question = QuestionFactory()
    live = question.live_revision_id
    question.text = "Work in progress"
    question.save_revision()
    question.refresh_from_db()
    assert question.live_revision_id == live and question.has_unpublished_changes


def test_question_data_is_validated_for_its_type():
    question = Question(
        key="bad",
        category=QuestionCategoryFactory(),
        type="single",
        text="?",
        data={"options": [{"text": "a", "correct": False}, {"text": "b", "correct": False}]},
    )
    with pytest.raises(ValidationError, match="exactly one"):
        question.full_clean()


def test_a_pool_rule_is_a_category_or_a_fixed_question():
    with pytest.raises(ValidationError):
        PoolRule(count=2).clean()
    PoolRule(category=QuestionCategoryFactory(), count=2).clean()


def test_an_assessment_must_close_after_it_opens(course_tree):
    from django.utils import timezone

    now = timezone.now()
    page = AssessmentPage(title="Quiz", opens_at=now, closes_at=now)
    with pytest.raises(ValidationError):
        page.clean()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_assessments_question:list",
        "wagtailsnippets_assessments_question:add",
        "wagtailsnippets_assessments_questioncategory:list",
        "wagtailsnippets_assessments_accommodation:list",
        "assessments_admin:index",
    ],
)
def test_admin_screens_open(client, url_name):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse(url_name)).status_code == 200


def test_an_editor_can_create_and_publish_a_question_in_the_admin(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    category = QuestionCategoryFactory()
    # The answers come from the structured editor (tests/assessments/test_question_editor.py).
    response = client.post(
        reverse("wagtailsnippets_assessments_question:add"),
        {
            "key": "oars-open",
            "category": category.pk,
            "type": "true_false",
            "text": "An open question invites more than yes or no.",
            "points": 1,
            "difficulty": "easy",
            "cognitive_level": "application",
            "options-count": "2",
            "options-0-value-text": "True",
            "options-0-value-correct": "on",
            "options-0-deleted": "",
            "options-0-order": "0",
            "options-1-value-text": "False",
            "options-1-deleted": "",
            "options-1-order": "1",
            "general_feedback": "",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get(key="oars-open")
    assert question.live and question.live_revision is not None
    assert question.data == {
        "options": [
            {"text": "True", "correct": True, "feedback": ""},
            {"text": "False", "correct": False, "feedback": ""},
        ]
    }


def test_an_editor_can_add_an_assessment_page_in_the_admin(client, course_tree):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    module = course_tree.modules[0]
    url = reverse("wagtailadmin_pages:add", args=["assessments", "assessmentpage", module.pk])
    assert client.get(url).status_code == 200
