"""Regrading carries each answer over to the current revision by option text, never by position.

Pure tests of grading.map_answer / map_rubric_points first, then the regrade service end to end:
reordering options changes no score; moving the key changes exactly the attempts it affects;
an answer whose option was removed keeps its score and is listed in the dry run.
"""

import copy
import string
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from assessments import grading, services
from assessments.models import AttemptQuestion, Question, Regrade
from tests.assessments.conftest import make_assessment
from tests.factories import EnrollmentFactory, UserFactory
from tests.factories.assessments import SAMPLE_DATA


def q(qtype, data=None, points=1):
    return {"type": qtype, "points": points, "data": copy.deepcopy(data or SAMPLE_DATA[qtype])}


def options(*specs):
    """options(("A", True), ("B", False)) → {"options": [...]} with feedback."""
    return {
        "options": [
            {"text": text, "correct": correct, "feedback": f"fb {text}"} for text, correct in specs
        ]
    }


SINGLE = options(("Call 911 and stay", False), ("Call 988 together", True), ("Wait and see", False))


class TestChoice:
    def test_reordered_options_follow_their_text(self):
        new = options(
            ("Call 988 together", True), ("Wait and see", False), ("Call 911 and stay", False)
        )
        mapped = grading.map_answer(q("single", SINGLE), q("single", new), 1)
        assert mapped.ok and mapped.answer == 0
        assert grading.map_answer(q("single", SINGLE), q("single", new), 0).answer == 2

    def test_text_is_matched_after_normalising(self):
        new = options(
            ("call 988 together!", True), ("CALL 911 AND STAY", False), ("Wait  and see.", False)
        )
        assert grading.map_answer(q("single", SINGLE), q("single", new), 1).answer == 0
        assert grading.map_answer(q("single", SINGLE), q("single", new), 2).answer == 2

    def test_a_removed_chosen_option_cannot_be_mapped(self):
        new = options(("Call 911 and stay", False), ("Call 988 together", True))
        mapped = grading.map_answer(q("single", SINGLE), q("single", new), 2)
        assert not mapped.ok
        assert mapped.problem == "option 'Wait and see' was removed"

    def test_a_reworded_chosen_option_counts_as_removed(self):
        new = options(
            ("Call 911 and stay", False), ("Call 988 together", True), ("Wait and watch", False)
        )
        assert (
            "'Wait and see' was removed"
            in grading.map_answer(q("single", SINGLE), q("single", new), 2).problem
        )

    def test_removing_an_option_the_trainee_did_not_choose_is_fine(self):
        new = options(("Call 988 together", True), ("Call 911 and stay", False))
        assert grading.map_answer(q("single", SINGLE), q("single", new), 0).answer == 1

    def test_an_inserted_wrong_option_is_fine(self):
        new = options(
            ("Shout", False),
            ("Call 911 and stay", False),
            ("Call 988 together", True),
            ("Wait and see", False),
        )
        assert grading.map_answer(q("single", SINGLE), q("single", new), 1).answer == 2

    def test_an_inserted_correct_option_was_never_seen(self):
        new = options(
            ("Call 911 and stay", False),
            ("Call 988 together", False),
            ("Wait and see", False),
            ("Stay and listen", True),
        )
        mapped = grading.map_answer(q("single", SINGLE), q("single", new), 1)
        assert not mapped.ok and "'Stay and listen' was added as a correct answer" in mapped.problem

    def test_no_answer_maps_to_no_answer(self):
        new = options(("Other", True), ("Else", False))
        assert grading.map_answer(q("single", SINGLE), q("single", new), None).answer is None

    def test_duplicate_texts_cannot_be_told_apart(self):
        old = options(("Yes", True), ("yes!", False))
        new = options(("yes!", False), ("Yes", True))
        mapped = grading.map_answer(q("single", old), q("single", new), 0)
        assert not mapped.ok and "more than once" in mapped.problem

    def test_identical_data_maps_to_the_same_answer_even_with_duplicates(self):
        old = options(("Yes", True), ("yes!", False))
        assert grading.map_answer(q("single", old), q("single", old), 1).answer == 1

    def test_a_changed_type_cannot_be_mapped(self):
        mapped = grading.map_answer(q("single", SINGLE), q("multiple", SINGLE), 1)
        assert mapped.problem == "the question type changed from single to multiple"

    def test_multiple_response_maps_every_choice_sorted(self):
        old = SAMPLE_DATA["multiple"]
        new = {"options": list(reversed(old["options"]))}
        mapped = grading.map_answer(q("multiple", old), q("multiple", new), [0, 2])
        assert mapped.answer == [1, 3]

    def test_multiple_response_with_an_added_option_cannot_be_mapped(self):
        old = SAMPLE_DATA["multiple"]
        new = {"options": old["options"] + [{"text": "Silence", "correct": False}]}
        mapped = grading.map_answer(q("multiple", old), q("multiple", new), [0])
        assert not mapped.ok and "'Silence' was added" in mapped.problem


class TestOrderingAndMatching:
    def test_ordering_ranks_follow_the_items(self):
        old = {"items": ["A", "B", "C"]}
        new = {"items": ["C", "A", "B"]}  # the key changed: C now comes first
        answer = {"0": 1, "1": 2, "2": 3}  # the trainee put A, B, C
        mapped = grading.map_answer(q("ordering", old), q("ordering", new), answer)
        assert mapped.answer == {"1": 1, "2": 2, "0": 3}
        assert grading.grade(q("ordering", new), mapped.answer) == 0
        right = {"0": 2, "1": 3, "2": 1}  # C, A, B
        assert (
            grading.grade(
                q("ordering", new),
                grading.map_answer(q("ordering", old), q("ordering", new), right).answer,
            )
            == 1
        )

    @pytest.mark.parametrize(
        ("new_items", "problem"),
        [
            (["A", "B", "C", "D"], "item 'D' was added after the attempt"),
            (["A", "B"], "item 'C' was removed"),
        ],
    )
    def test_ordering_items_must_be_the_same_set(self, new_items, problem):
        mapped = grading.map_answer(
            q("ordering", {"items": ["A", "B", "C"]}),
            q("ordering", {"items": new_items}),
            {"0": 1, "1": 2, "2": 3},
        )
        assert problem in mapped.problem

    def test_matching_rows_and_answers_follow_their_text(self):
        old = SAMPLE_DATA["matching"]
        new = {"pairs": [old["pairs"][2], old["pairs"][0], old["pairs"][3], old["pairs"][1]]}
        answer = {"0": 0, "1": 2, "3": 3}  # Health ok, Home → Volunteering (wrong), Community ok
        mapped = grading.map_answer(q("matching", old), q("matching", new), answer)
        assert mapped.answer == {"1": 1, "3": 0, "2": 2}
        assert (
            grading.grade(q("matching", new, 4), mapped.answer)
            == grading.grade(q("matching", old, 4), answer)
            == 2
        )

    def test_a_removed_matched_pair_cannot_be_mapped(self):
        old = SAMPLE_DATA["matching"]
        new = {"pairs": old["pairs"][1:]}
        mapped = grading.map_answer(q("matching", old), q("matching", new), {"0": 0})
        assert mapped.problem == "pair 'Health' was removed"

    def test_an_added_pair_was_never_matched(self):
        old = SAMPLE_DATA["matching"]
        new = {"pairs": old["pairs"] + [["Faith", "A congregation"]]}
        mapped = grading.map_answer(q("matching", old), q("matching", new), {"0": 0})
        assert "pair 'Faith' was added" in mapped.problem

    @pytest.mark.parametrize("qtype", ["short", "essay"])
    def test_text_answers_carry_over_unchanged(self, qtype):
        new = (
            {"accepted_answers": ["other"]}
            if qtype == "short"
            else {"rubric": [{"criterion": "Other", "points": 3}]}
        )
        assert grading.map_answer(q(qtype), q(qtype, new), "my words").answer == "my words"


class TestRubric:
    OLD = {
        "rubric": [{"criterion": "Prompt", "points": 2}, {"criterion": "Safety plan", "points": 2}]
    }

    def test_points_follow_reordered_criteria(self):
        new = {
            "rubric": [
                {"criterion": "safety plan", "points": 3},
                {"criterion": "Prompt", "points": 2},
            ]
        }
        assert grading.map_rubric_points(self.OLD, new, ["2", "1"]).answer == ["1", "2"]

    def test_an_added_criterion_keeps_the_hand_grade(self):
        new = {"rubric": self.OLD["rubric"] + [{"criterion": "Tone", "points": 1}]}
        assert "'Tone' was added" in grading.map_rubric_points(self.OLD, new, ["2", "1"]).problem

    def test_a_criterion_worth_less_than_awarded_keeps_the_hand_grade(self):
        new = {
            "rubric": [
                {"criterion": "Prompt", "points": 1},
                {"criterion": "Safety plan", "points": 2},
            ]
        }
        assert "now worth 1 points" in grading.map_rubric_points(self.OLD, new, ["2", "1"]).problem


# --- properties ------------------------------------------------------------------------------

texts = st.lists(
    st.text(alphabet=string.ascii_letters + " .,!", min_size=1, max_size=12).filter(
        lambda t: grading.normalise_text(t)
    ),
    min_size=2,
    max_size=6,
    unique_by=grading.normalise_text,
)


@st.composite
def choice_question_and_answer(draw):
    qtype = draw(st.sampled_from(["single", "multiple", "true_false"]))
    labels = draw(texts)
    if qtype == "true_false":
        labels = labels[:2]
    n = len(labels)
    if qtype == "multiple":
        correct = draw(st.sets(st.integers(0, n - 1), min_size=1))
        answer = sorted(draw(st.sets(st.integers(0, n - 1))))
    else:
        correct = {draw(st.integers(0, n - 1))}
        answer = draw(st.none() | st.integers(0, n - 1))
    data = {
        "options": [
            {"text": t, "correct": i in correct, "feedback": ""} for i, t in enumerate(labels)
        ]
    }
    return q(qtype, data, points=draw(st.integers(1, 5))), answer


@given(choice_question_and_answer(), st.randoms(use_true_random=False))
def test_permuting_options_never_changes_the_grade(question_and_answer, rnd):
    old, answer = question_and_answer
    new = copy.deepcopy(old)
    rnd.shuffle(new["data"]["options"])
    mapped = grading.map_answer(old, new, answer)
    assert mapped.ok
    assert grading.grade(new, mapped.answer) == grading.grade(old, answer)
    # and mapping back gives the answer given
    assert grading.map_answer(new, old, mapped.answer).answer == answer


@given(
    texts,
    st.lists(st.integers(0, 5), min_size=2, max_size=6),
    st.randoms(use_true_random=False),
    st.integers(1, 5),
)
def test_permuting_matching_pairs_never_changes_the_grade(lefts, picks, rnd, points):
    n = len(lefts)
    pairs = [[left, f"right {i % 3}"] for i, left in enumerate(lefts)]  # rights may repeat
    old = q("matching", {"pairs": pairs}, points)
    answer = {str(i): pick % n for i, pick in enumerate(picks[:n])}
    new = copy.deepcopy(old)
    rnd.shuffle(new["data"]["pairs"])
    mapped = grading.map_answer(old, new, answer)
    assert mapped.ok
    assert grading.grade(new, mapped.answer) == grading.grade(old, answer)


@given(texts, st.randoms(use_true_random=False))
def test_ordering_with_the_same_order_in_other_spelling_keeps_the_grade(items, rnd):
    old = q("ordering", {"items": items})
    new = q("ordering", {"items": [item.upper() + "!" for item in items]})
    ranks = list(range(1, len(items) + 1))
    rnd.shuffle(ranks)
    answer = {str(i): rank for i, rank in enumerate(ranks)}
    mapped = grading.map_answer(old, new, answer)
    assert mapped.ok and grading.grade(new, mapped.answer) == grading.grade(old, answer)


# --- the regrade service ---------------------------------------------------------------------

OPTION_TEXTS = [o["text"] for o in SAMPLE_DATA["single"]["options"]]  # 911, 988 (correct), wait


@pytest.fixture
def three_attempts(db, course_tree):
    """One single-choice question; three trainees chose option 0, 1 (correct) and 2."""
    quiz, (question,) = make_assessment(course_tree.modules[0], types=["single"])
    attempts = {}
    for chosen in range(3):
        trainee = UserFactory()
        EnrollmentFactory(trainee=trainee, course=course_tree.course)
        attempt = services.attempt_start(trainee=trainee, assessment=quiz)
        aq = AttemptQuestion.objects.get(attempt=attempt)
        services.attempt_save(
            attempt=attempt, answers={aq.pk: [str(aq.option_order.index(chosen))]}
        )
        attempts[OPTION_TEXTS[chosen]] = services.attempt_submit(attempt=attempt)
    assert [a.score for a in attempts.values()] == [0, 1, 0]
    return quiz, question, attempts


def publish_options(question, specs):
    question.data = options(*specs)
    services.question_publish(question=question)


def scores(attempts):
    for attempt in attempts.values():
        attempt.refresh_from_db()
    return {text: attempt.score for text, attempt in attempts.items()}


@pytest.mark.django_db
class TestRegradeService:
    def test_reordering_options_changes_no_score(self, three_attempts):
        quiz, question, attempts = three_attempts
        # 988 moves to the front: read by position, every trainee's answer would change.
        publish_options(
            question,
            [("Call 988 together", True), ("Wait and see", False), ("Call 911 and stay", False)],
        )
        admin = UserFactory(is_superuser=True)
        dry = services.assessment_regrade(assessment=quiz, performed_by=admin, dry_run=True)
        assert dry.changes == [] and dry.unmapped == []
        applied = services.assessment_regrade(assessment=quiz, performed_by=admin, dry_run=False)
        assert applied.changes == [] and applied.unmapped == []
        assert scores(attempts) == {OPTION_TEXTS[0]: 0, OPTION_TEXTS[1]: 1, OPTION_TEXTS[2]: 0}

    def test_moving_the_key_changes_exactly_the_affected_attempts(self, three_attempts):
        quiz, question, attempts = three_attempts
        # Reordered *and* the key moved from 988 to 911: only those two trainees are affected.
        publish_options(
            question,
            [("Wait and see", False), ("Call 911 and stay", True), ("Call 988 together", False)],
        )
        admin = UserFactory(is_superuser=True)
        dry = services.assessment_regrade(assessment=quiz, performed_by=admin, dry_run=True)
        changed = {c["attempt"]: c["score"] for c in dry.changes}
        assert changed == {
            attempts[OPTION_TEXTS[0]].pk: ["0.00", "1.00"],
            attempts[OPTION_TEXTS[1]].pk: ["1.00", "0.00"],
        }
        assert dry.unmapped == []
        assert scores(attempts) == {OPTION_TEXTS[0]: 0, OPTION_TEXTS[1]: 1, OPTION_TEXTS[2]: 0}

        applied = services.assessment_regrade(assessment=quiz, performed_by=admin, dry_run=False)
        assert applied.changes == dry.changes
        assert scores(attempts) == {OPTION_TEXTS[0]: 1, OPTION_TEXTS[1]: 0, OPTION_TEXTS[2]: 0}
        # The attempt still points at the revision it showed, with the answer in its indices.
        aq = AttemptQuestion.objects.select_related("response").get(
            attempt=attempts[OPTION_TEXTS[0]]
        )
        assert aq.revision_id != Question.objects.get(pk=question.pk).live_revision_id
        assert aq.response.answer == 0

    def test_an_answer_whose_option_was_removed_keeps_its_score_and_is_listed(self, three_attempts):
        quiz, question, attempts = three_attempts
        publish_options(question, [("Call 988 together", False), ("Call 911 and stay", True)])
        admin = UserFactory(is_superuser=True)
        dry = services.assessment_regrade(assessment=quiz, performed_by=admin, dry_run=True)
        wait = attempts[OPTION_TEXTS[2]]
        assert dry.unmapped == [
            {
                "attempt": wait.pk,
                "trainee": str(wait.trainee),
                "number": 1,
                "question": question.key,
                "position": 1,
                "reason": "option 'Wait and see' was removed",
            }
        ]
        assert {c["attempt"] for c in dry.changes} == {
            attempts[OPTION_TEXTS[0]].pk,
            attempts[OPTION_TEXTS[1]].pk,
        }
        services.assessment_regrade(assessment=quiz, performed_by=admin, dry_run=False)
        assert scores(attempts) == {OPTION_TEXTS[0]: 1, OPTION_TEXTS[1]: 0, OPTION_TEXTS[2]: 0}
        wait.refresh_from_db()
        assert wait.max_score == 1
        # The audit record keeps what was left unmapped, not only the page that showed it.
        audit = Regrade.objects.get(assessment=quiz, dry_run=False)
        assert audit.performed_by == admin and audit.unmapped == dry.unmapped

    def test_points_still_change_with_the_current_revision(self, three_attempts):
        quiz, question, attempts = three_attempts
        question.points = 4
        question.data = options(
            ("Wait and see", False), ("Call 988 together", True), ("Call 911 and stay", False)
        )
        services.question_publish(question=question)
        services.assessment_regrade(
            assessment=quiz, performed_by=UserFactory(is_superuser=True), dry_run=False
        )
        assert scores(attempts) == {OPTION_TEXTS[0]: 0, OPTION_TEXTS[1]: 4, OPTION_TEXTS[2]: 0}
        assert attempts[OPTION_TEXTS[1]].percent == Decimal("100.00")

    def test_the_regrade_page_lists_answers_that_cannot_be_mapped(self, client, three_attempts):
        quiz, question, attempts = three_attempts
        publish_options(question, [("Call 988 together", True), ("Call 911 and stay", False)])
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        url = reverse("assessments_admin:regrade", args=[quiz.pk])
        html = client.post(url, {"action": "dry_run"}).content.decode()
        assert 'id="regrade-unmapped"' in html
        assert "Cannot map: option &#x27;Wait and see&#x27; was removed" in html
        response = client.post(url, {"action": "apply"}, follow=True)
        assert "1 answers could not be carried over" in response.content.decode()
        assert scores(attempts)[OPTION_TEXTS[2]] == 0
