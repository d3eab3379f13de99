"""The structured answer editor of a question, through the real Wagtail admin views.

Instructors and reviewers edit options / accepted answers / items / pairs / rubric as lists
(Wagtail ListBlocks in form-only BlockFields); the stored `Question.data` keeps its JSON format.
POST data is built the way Wagtail's block widgets send it (`<name>-count`, `<name>-N-value-…`,
flattened with wagtail.test.utils.form_data.nested_form_data), and round trips start from what
the edit page itself renders.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html

from assessments import question_editor, services
from assessments.models import Question
from courses.permissions import REVIEWERS_GROUP, ensure_role_groups
from tests.assessments.conftest import ALL_TYPES, make_instructor
from tests.factories import QuestionCategoryFactory, QuestionFactory, UserFactory
from tests.factories.assessments import SAMPLE_DATA

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_assessments_question:add"
EDIT = "wagtailsnippets_assessments_question:edit"
REVERT = "wagtailsnippets_assessments_question:revisions_revert"
COPY = "wagtailsnippets_assessments_question:copy"
COMPARE = "wagtailsnippets_assessments_question:revisions_compare"
EDITOR_FOR = {
    "single": "options",
    "multiple": "options",
    "true_false": "options",
    "short": "accepted_answers",
    "ordering": "items",
    "matching": "pairs",
    "essay": "rubric",
}


def listblock(rows):
    """A ListBlock's form data (the ListBlock counterpart of form_data.streamfield): use inside
    nested_form_data with the field name as the key. A row is a child value: a dict of a
    StructBlock's children, or a plain value."""
    data = {
        str(index): {"value": row, "deleted": "", "order": str(index), "id": f"row-{index}"}
        for index, row in enumerate(rows)
    }
    data["count"] = str(len(rows))
    return data


def option(text, correct=False, feedback=""):
    # A BooleanBlock is a checkbox: ticked sends "on", unticked sends nothing.
    row = {"text": text, "feedback": feedback}
    if correct:
        row["correct"] = "on"
    return row


def post_data(*, key, qtype, editors, category, action="action-publish", **extra):
    fields = {
        "key": key,
        "category": category.pk,
        "type": qtype,
        "text": "What does a peer recovery specialist do first?",
        "points": 1,
        "difficulty": "easy",
        "cognitive_level": "application",
        "general_feedback": "",
        **{name: listblock(rows) for name, rows in editors.items()},
        **extra,
    }
    if action:
        fields[action] = action
    return nested_form_data(fields)


def make_reviewer():
    ensure_role_groups()
    user = UserFactory()
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return user


@pytest.fixture
def reviewer_client(client):
    client.force_login(make_reviewer())
    return client


@pytest.fixture
def instructor_client(client, course_tree):
    client.force_login(make_instructor(course_tree.course))
    return client


@pytest.fixture
def category():
    return QuestionCategoryFactory(name="Crisis support")


def editor_state(html, key):
    """The value an editor was rendered with: the first argument Wagtail's w-block controller
    gets (the ListBlock's form state), plus the error it shows."""
    element = WagtailTestUtils.get_soup(html).find(id=key)
    value, error = json.loads(element["data-w-block-arguments-value"])
    return value, error


def rows_from_state(key, state):
    """Turn a rendered ListBlock form state back into POST rows (what the browser would send
    unchanged)."""
    rows = []
    for item in state:
        value = item["value"]
        if isinstance(value, dict):
            row = {}
            for name, child in value.items():
                if isinstance(child, bool):
                    if child:
                        row[name] = "on"
                else:
                    row[name] = "" if child is None else str(child)
            rows.append(row)
        else:
            rows.append(value)
    return rows


def messages(response, key):
    return response.context["form"].editor_messages(key)


class TestCreate:
    def test_a_reviewer_creates_a_single_choice_question_with_three_options(
        self, reviewer_client, category
    ):
        response = reviewer_client.post(
            reverse(ADD),
            post_data(
                key="first-step",
                qtype="single",
                category=category,
                editors={
                    "options": [
                        option("Call 911 and stay", feedback="Only when life is in danger."),
                        option("Call or text 988 together", correct=True, feedback="Yes."),
                        option("Wait and see"),
                    ]
                },
            ),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        question = Question.objects.get(key="first-step")
        assert question.data == {
            "options": [
                {
                    "text": "Call 911 and stay",
                    "correct": False,
                    "feedback": "Only when life is in danger.",
                },
                {"text": "Call or text 988 together", "correct": True, "feedback": "Yes."},
                {"text": "Wait and see", "correct": False, "feedback": ""},
            ]
        }
        assert question.live and question.live_revision.content["data"] == question.data

    def test_an_instructor_saves_a_draft_for_review(self, instructor_client, category):
        response = instructor_client.post(
            reverse(ADD),
            post_data(
                key="oars",
                qtype="multiple",
                category=category,
                action=None,
                editors={
                    "options": [
                        option("Open questions", correct=True),
                        option("Affirmations", correct=True),
                        option("Diagnoses"),
                    ]
                },
            ),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        question = Question.objects.get(key="oars")
        assert not question.live
        assert [o["correct"] for o in question.data["options"]] == [True, True, False]
        assert question.latest_revision.content["data"] == question.data

    def test_only_the_chosen_types_editor_is_stored_and_checked(self, reviewer_client, category):
        response = reviewer_client.post(
            reverse(ADD),
            post_data(
                key="recovery-capital",
                qtype="short",
                category=category,
                editors={
                    "accepted_answers": ["  recovery capital ", "", "Recovery-capital"],
                    # What the hidden editors hold is ignored, even when it is not valid.
                    "options": [option("", correct=True)],
                    "rubric": [{"criterion": "", "points": "not a number"}],
                },
            ),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        assert Question.objects.get(key="recovery-capital").data == {
            "accepted_answers": ["recovery capital", "Recovery-capital"]
        }

    def test_blank_rows_are_ignored(self, reviewer_client, category):
        reviewer_client.post(
            reverse(ADD),
            post_data(
                key="blank-rows",
                qtype="true_false",
                category=category,
                editors={
                    "options": [
                        option("True"),
                        option(""),
                        option("False", correct=True),
                        option(""),
                    ]
                },
            ),
        )
        assert Question.objects.get(key="blank-rows").data == {
            "options": [
                {"text": "True", "correct": False, "feedback": ""},
                {"text": "False", "correct": True, "feedback": ""},
            ]
        }

    def test_the_add_page_offers_empty_rows_for_every_editor(self, reviewer_client):
        html = reviewer_client.get(reverse(ADD)).content.decode()
        for key in question_editor.EDITORS:
            state, error = editor_state(html, key)
            assert state and error is None
        assert 'data-controller="w-rules"' in html
        assert "data-w-rules-target" in html


class TestInvalidInput:
    @pytest.mark.parametrize(
        ("qtype", "editors", "expected"),
        [
            (
                "single",
                {"options": [option("A"), option("B"), option("C")]},
                "Mark exactly one option correct.",
            ),
            (
                "single",
                {"options": [option("Only one", correct=True)]},
                "Give at least two options.",
            ),
            (
                "multiple",
                {"options": [option("A"), option("B")]},
                "Mark at least one option correct.",
            ),
            (
                "true_false",
                {"options": [option("True", correct=True), option("False"), option("Maybe")]},
                "A true/false question has exactly two options.",
            ),
            (
                "single",
                {"options": [option("A", correct=True), option("", feedback="orphan")]},
                "Option 2 needs a text.",
            ),
            ("short", {"accepted_answers": ["", "  "]}, "Give at least one accepted answer."),
            (
                "ordering",
                {"items": ["Only step"]},
                "Give at least two items, in the correct order.",
            ),
            (
                "matching",
                {"pairs": [{"left": "Home", "right": ""}, {"left": "Health", "right": "GP"}]},
                "Each pair is [left, right], both non-empty.",
            ),
            (
                "essay",
                {"rubric": [{"criterion": "Safety", "points": ""}]},
                "Each rubric criterion needs a text and whole points above 0.",
            ),
            ("essay", {"rubric": []}, "Give at least one rubric criterion."),
        ],
    )
    def test_is_a_field_error_and_nothing_is_saved(
        self, reviewer_client, category, qtype, editors, expected
    ):
        response = reviewer_client.post(
            reverse(ADD), post_data(key="bad", qtype=qtype, category=category, editors=editors)
        )
        assert response.status_code == 200
        key = EDITOR_FOR[qtype]
        assert expected in messages(response, key)
        # shown on the editor itself, by Wagtail's block JS
        _state, error = editor_state(response.content.decode(), key)
        assert expected in error["messages"]
        assert not Question.objects.filter(key="bad").exists()

    def test_an_editor_missing_from_the_post_is_a_field_error(self, reviewer_client, category):
        response = reviewer_client.post(
            reverse(ADD), post_data(key="bad", qtype="ordering", category=category, editors={})
        )
        assert response.status_code == 200
        assert messages(response, "items") == ["Give at least two items, in the correct order."]

    def test_an_invalid_edit_changes_nothing(self, reviewer_client):
        question = QuestionFactory(type="single")
        revisions = question.revisions.count()
        response = reviewer_client.post(
            reverse(EDIT, args=[question.pk]),
            post_data(
                key=question.key,
                qtype="single",
                category=question.category,
                editors={"options": [option("A"), option("B")]},
            ),
        )
        assert response.status_code == 200
        assert messages(response, "options") == ["Mark exactly one option correct."]
        question.refresh_from_db()
        assert question.data == SAMPLE_DATA["single"]
        assert question.revisions.count() == revisions


class TestEdit:
    def test_the_edit_page_shows_the_questions_options(self, instructor_client):
        question = QuestionFactory(type="single")
        html = instructor_client.get(reverse(EDIT, args=[question.pk])).content.decode()
        state, error = editor_state(html, "options")
        assert error is None
        assert [item["value"] for item in state] == SAMPLE_DATA["single"]["options"]

    @pytest.mark.parametrize("qtype", ALL_TYPES)
    def test_every_type_round_trips_unchanged(self, reviewer_client, qtype):
        """Open the edit page, send back exactly what it shows: the data stays the same."""
        question = QuestionFactory(type=qtype)
        url = reverse(EDIT, args=[question.pk])
        html = reviewer_client.get(url).content.decode()
        key = EDITOR_FOR[qtype]
        state, _error = editor_state(html, key)
        data = querydict_from_html(html, form_id="w-editor-form")
        for name, value in nested_form_data({key: listblock(rows_from_state(key, state))}).items():
            data[name] = value
        data["action-publish"] = "action-publish"
        response = reviewer_client.post(url, data)
        assert response.status_code == 302, messages(response, key)
        question.refresh_from_db()
        assert question.data == SAMPLE_DATA[qtype]
        assert question.live_revision.content["data"] == SAMPLE_DATA[qtype]

    def test_reordering_and_rewording_options_is_stored_in_the_new_order(self, reviewer_client):
        question = QuestionFactory(type="single")
        old = SAMPLE_DATA["single"]["options"]
        response = reviewer_client.post(
            reverse(EDIT, args=[question.pk]),
            post_data(
                key=question.key,
                qtype="single",
                category=question.category,
                editors={
                    "options": [
                        option(old[1]["text"], correct=True, feedback=old[1]["feedback"]),
                        option(old[0]["text"], feedback=old[0]["feedback"]),
                        option("Wait and watch", feedback=old[2]["feedback"]),
                    ]
                },
            ),
        )
        assert response.status_code == 302
        question.refresh_from_db()
        assert question.data == {"options": [old[1], old[0], dict(old[2], text="Wait and watch")]}

    def test_changing_the_type_stores_the_new_types_answers(self, reviewer_client):
        question = QuestionFactory(type="single")
        response = reviewer_client.post(
            reverse(EDIT, args=[question.pk]),
            post_data(
                key=question.key,
                qtype="ordering",
                category=question.category,
                editors={
                    "items": ["Check for breathing", "Give naloxone", "Stay"],
                    "options": [option("left over")],
                },
            ),
        )
        assert response.status_code == 302
        question.refresh_from_db()
        assert question.type == "ordering"
        assert question.data == {"items": ["Check for breathing", "Give naloxone", "Stay"]}

    def test_rows_sent_in_another_order_are_stored_in_that_order(self, reviewer_client, category):
        """Wagtail's drag-and-drop reorders by the `-order` fields, not the row numbers."""
        data = post_data(
            key="steps",
            qtype="ordering",
            category=category,
            editors={"items": ["First", "Second", "Third"]},
        )
        data["items-0-order"], data["items-2-order"] = "2", "0"
        assert reviewer_client.post(reverse(ADD), data).status_code == 302
        assert Question.objects.get(key="steps").data == {"items": ["Third", "Second", "First"]}


class TestRevisions:
    """The other snippet views that build the form or compare revisions."""

    @pytest.fixture
    def edited(self):
        question = QuestionFactory(type="single")
        first = question.live_revision_id
        question.data = {"options": list(reversed(question.data["options"]))}
        services.question_publish(question=question)
        return question, first

    def test_reverting_shows_the_old_revisions_options(self, reviewer_client, edited):
        question, first = edited
        html = reviewer_client.get(reverse(REVERT, args=[question.pk, first])).content.decode()
        state, _error = editor_state(html, "options")
        assert [item["value"] for item in state] == SAMPLE_DATA["single"]["options"]

    def test_a_copy_starts_with_the_questions_options(self, reviewer_client, edited):
        question, _first = edited
        html = reviewer_client.get(reverse(COPY, args=[question.pk])).content.decode()
        state, _error = editor_state(html, "options")
        assert [item["value"]["text"] for item in state] == [
            "Wait and see",
            "Call 988 together",
            "Call 911 and stay",
        ]

    def test_comparing_revisions_still_shows_the_answer_changes(self, reviewer_client, edited):
        question, first = edited
        html = reviewer_client.get(
            reverse(COMPARE, args=[question.pk, first, question.live_revision_id])
        ).content.decode()
        assert "Answer data" in html and 'class="deletion"' in html


class TestPure:
    @pytest.mark.parametrize("qtype", ALL_TYPES)
    def test_rows_and_data_convert_both_ways(self, qtype):
        key = EDITOR_FOR[qtype]
        rows = question_editor.rows_from_data(key, SAMPLE_DATA[qtype])
        assert question_editor.data_from_rows(key, rows) == SAMPLE_DATA[qtype]

    def test_unreadable_data_gives_no_rows(self):
        assert question_editor.rows_from_data("options", {"options": "nope"}) == []
        assert question_editor.rows_from_data("pairs", []) == []
