"""What trainees and instructors see: the assessment page, the attempt form, review, history."""

import json
import re

import pytest
from django.urls import reverse

from assessments import selectors, services
from assessments.models import Attempt, AttemptQuestion, AttemptState, Response
from tests.assessments.conftest import ALL_TYPES, make_assessment, make_instructor
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory
from tests.factories.assessments import SAMPLE_DATA

pytestmark = pytest.mark.django_db


def start(client, assessment):
    response = client.post(reverse("assessments:start", args=[assessment.pk]))
    assert response.status_code == 302, response
    return Attempt.objects.latest("pk")


class TestAssessmentPage:
    def test_shows_rules_and_a_start_button(self, trainee_client, enrolled, quiz):
        html = trainee_client.get(quiz.url).content.decode()
        assert "Pass mark: 70 %" in html
        assert 'id="start-attempt"' in html

    def test_states_the_wait_between_attempts_as_people_say_it(
        self, trainee_client, enrolled, course_tree
    ):
        quiz, _ = make_assessment(course_tree.modules[0], cooldown_minutes=24 * 60)
        assert "Wait 1 day between attempts." in trainee_client.get(quiz.url).content.decode()

    def test_resume_button_after_starting(self, trainee_client, enrolled, quiz):
        attempt = start(trainee_client, quiz)
        html = trainee_client.get(quiz.url).content.decode()
        assert reverse("assessments:attempt", args=[attempt.pk]) in html
        assert 'id="resume-attempt"' in html

    def test_out_of_attempts_says_so_instead_of_a_button(
        self, trainee_client, enrolled, course_tree
    ):
        quiz, _ = make_assessment(course_tree.modules[0], max_attempts=1)
        services.attempt_submit(attempt=start(trainee_client, quiz))
        html = trainee_client.get(quiz.url).content.decode()
        assert selectors.NO_ATTEMPTS_LEFT in html
        assert 'id="start-attempt"' not in html

    def test_not_enrolled_trainee_is_sent_to_the_course(self, trainee_client, quiz, course_tree):
        response = trainee_client.get(quiz.url)
        assert response.status_code == 302
        assert response["Location"] == course_tree.course.url


class TestTakingAnAttempt:
    def test_full_flow_start_autosave_reload_submit_review(self, trainee_client, enrolled, quiz):
        attempt = start(trainee_client, quiz)
        url = reverse("assessments:attempt", args=[attempt.pk])
        html = trainee_client.get(url).content.decode()
        aqs = list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position"))
        assert html.count('class="question"') == 5
        first = aqs[0]
        right = str(first.option_order.index(1))
        saved = trainee_client.post(
            reverse("assessments:autosave", args=[attempt.pk]),
            {first.field if hasattr(first, "field") else f"q-{first.pk}": right},
        )
        assert saved.status_code == 200 and saved.json()["saved"] is True
        # Reload: the saved choice is checked again.
        html = trainee_client.get(url).content.decode()
        assert re.search(rf'name="q-{first.pk}" value="{right}" checked', html)
        response = trainee_client.post(
            reverse("assessments:submit", args=[attempt.pk]), {"confirm": "yes"}
        )
        assert response["Location"] == reverse("assessments:review", args=[attempt.pk])
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.GRADED and attempt.score == 1
        review = trainee_client.get(response["Location"]).content.decode()
        assert "Score: 1.00 of 5.00 (20.00 %)" in review

    def test_autosave_of_a_finished_attempt_is_refused_with_a_message(
        self, trainee_client, enrolled, quiz
    ):
        attempt = start(trainee_client, quiz)
        services.attempt_submit(attempt=attempt)
        aq = AttemptQuestion.objects.filter(attempt=attempt).first()
        response = trainee_client.post(
            reverse("assessments:autosave", args=[attempt.pk]), {f"q-{aq.pk}": "0"}
        )
        assert response.status_code == 409
        assert response.json()["error"] == services.ATTEMPT_FINISHED

    def test_a_stale_page_is_refused(self, trainee_client, enrolled, quiz):
        attempt = start(trainee_client, quiz)
        response = trainee_client.post(
            reverse("assessments:autosave", args=[attempt.pk]), {"q-987654": "0"}
        )
        assert response.status_code == 409
        assert "out of date" in response.json()["error"]

    def test_the_attempt_page_shows_the_server_time_left(
        self, trainee_client, enrolled, course_tree
    ):
        quiz, _ = make_assessment(course_tree.modules[0], time_limit_minutes=20)
        attempt = start(trainee_client, quiz)
        html = trainee_client.get(
            reverse("assessments:attempt", args=[attempt.pk])
        ).content.decode()
        seconds = int(re.search(r'data-seconds="(\d+)"', html).group(1))
        assert 1190 <= seconds <= 1200

    def test_attempt_pages_are_never_cached(self, trainee_client, enrolled, quiz):
        attempt = start(trainee_client, quiz)
        response = trainee_client.get(reverse("assessments:attempt", args=[attempt.pk]))
        assert "no-store" in response["Cache-Control"]


class TestNoLeaks:
    """Correct flags, feedback, accepted answers and rubrics stay on the server until the review
    policy allows them. Every question type is rendered and the responses are searched."""

    @pytest.fixture
    def attempt(self, trainee_client, enrolled, course_tree):
        quiz, _ = make_assessment(
            course_tree.modules[0],
            types=ALL_TYPES,
            shuffle_options=True,
            review_submit_score=True,
            review_submit_correctness=False,
            review_submit_feedback=False,
            review_submit_answers=False,
            review_pass_correctness=False,
            review_pass_feedback=False,
            review_pass_answers=False,
            review_last_correctness=False,
            review_last_feedback=False,
            review_last_answers=False,
        )
        return start(trainee_client, quiz)

    @staticmethod
    def secrets():
        # Every feedback, accepted answer and rubric text in SAMPLE_DATA starts with SECRET.
        values = {"SECRET", '"correct"', "accepted_answers"}
        for data in SAMPLE_DATA.values():
            for option in data.get("options", []):
                values.add(option["feedback"])
        values.update(SAMPLE_DATA["short"]["accepted_answers"])
        values.update(row["criterion"] for row in SAMPLE_DATA["essay"]["rubric"])
        return values

    def assert_clean(self, text):
        for secret in self.secrets():
            assert secret not in text, secret
        # Ordering items are never listed in their correct order. Only the ordering question's
        # own fieldset is searched: "Call 911" is also the start of a single-choice option.
        (ordering,) = [
            f
            for f in text.split("<fieldset")[1:]
            if "Give each item its place" in f or "the place you gave each item" in f
        ]
        items = SAMPLE_DATA["ordering"]["items"]
        positions = [ordering.index(f"<label>{item}\n") for item in items]
        assert positions != sorted(positions)

    def test_attempt_page_and_autosave_json_leak_nothing(self, trainee_client, attempt):
        html = trainee_client.get(
            reverse("assessments:attempt", args=[attempt.pk])
        ).content.decode()
        self.assert_clean(html.replace('class="question"', "").replace("is-correct", ""))
        aq = AttemptQuestion.objects.filter(attempt=attempt, qtype="single").get()
        saved = trainee_client.post(
            reverse("assessments:autosave", args=[attempt.pk]), {f"q-{aq.pk}": "0"}
        )
        for secret in self.secrets():
            assert secret not in json.dumps(saved.json())

    def test_review_before_the_policy_allows_leaks_nothing(self, trainee_client, attempt):
        trainee_client.post(reverse("assessments:submit", args=[attempt.pk]), {"confirm": "yes"})
        html = trainee_client.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
        self.assert_clean(html)
        assert "(correct)" not in html and "(incorrect)" not in html

    def test_review_shows_answers_once_the_policy_allows(self, trainee_client, attempt):
        assessment = attempt.assessment
        assessment.review_submit_answers = True
        assessment.review_submit_feedback = True
        assessment.save()
        trainee_client.post(reverse("assessments:submit", args=[attempt.pk]), {"confirm": "yes"})
        html = trainee_client.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
        assert "SECRET-ANSWER minimum necessary" in html
        assert "SECRET-RUBRIC responds promptly" in html
        assert "SECRET-GENERAL-FEEDBACK" in html


class TestWhoSeesWhat:
    @pytest.fixture
    def attempt(self, trainee, enrolled, quiz):
        attempt = services.attempt_start(trainee=trainee, assessment=quiz)
        return services.attempt_submit(attempt=attempt)

    def test_another_trainee_gets_404(self, client, attempt):
        client.force_login(UserFactory())
        for name in ["attempt", "review"]:
            assert client.get(reverse(f"assessments:{name}", args=[attempt.pk])).status_code == 404
        assert client.post(reverse("assessments:autosave", args=[attempt.pk])).status_code == 404

    def test_an_instructor_of_the_course_sees_the_full_review(self, client, attempt, course_tree):
        instructor = make_instructor(course_tree.course)
        client.force_login(instructor)
        response = client.get(reverse("assessments:review", args=[attempt.pk]))
        assert response.status_code == 200
        assert "instructor view" in response.content.decode()

    def test_an_instructor_of_another_course_gets_404(self, client, attempt, course_index):
        other = build_course(course_index, modules=1, lessons=1)
        instructor = make_instructor(other.course)
        client.force_login(instructor)
        assert client.get(reverse("assessments:review", args=[attempt.pk])).status_code == 404

    def test_history_lists_only_my_attempts(self, trainee_client, attempt, quiz, course_tree):
        someone = UserFactory()
        EnrollmentFactory(trainee=someone, course=course_tree.course)
        services.attempt_submit(attempt=services.attempt_start(trainee=someone, assessment=quiz))
        html = trainee_client.get(reverse("assessments:history")).content.decode()
        assert f'id="attempt-{attempt.pk}"' in html
        assert html.count('<tr id="attempt-') == 1


@pytest.mark.parametrize("questions", [10, 50])
def test_attempt_page_and_submit_queries_do_not_grow_with_questions(
    trainee_client, enrolled, course_tree, django_assert_max_num_queries, questions
):
    quiz, _ = make_assessment(course_tree.modules[0], types=["multiple"] * questions)
    attempt = start(trainee_client, quiz)
    answers = {f"q-{aq.pk}": ["0", "1"] for aq in AttemptQuestion.objects.filter(attempt=attempt)}
    with django_assert_max_num_queries(12):
        assert (
            trainee_client.get(reverse("assessments:attempt", args=[attempt.pk])).status_code == 200
        )
    with django_assert_max_num_queries(12):
        trainee_client.post(reverse("assessments:autosave", args=[attempt.pk]), answers)
    with django_assert_max_num_queries(22):
        trainee_client.post(
            reverse("assessments:submit", args=[attempt.pk]), {**answers, "confirm": "yes"}
        )
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.GRADED
    assert (
        Response.objects.filter(attempt_question__attempt=attempt, points__isnull=True).count() == 0
    )
