"""The quiz as a trainee takes it: navigator, flags, pages, the summary before submitting, and a
review that marks the answer given."""

import re

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from assessments import services
from assessments.models import AttemptQuestion, AttemptState, Response
from tests.assessments.conftest import make_assessment, make_instructor
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def start(client, assessment):
    client.post(reverse("assessments:start", args=[assessment.pk]))
    return assessment.attempts.latest("pk")


def questions(attempt):
    return list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position"))


def attempt_url(attempt, page=None):
    url = reverse("assessments:attempt", args=[attempt.pk])
    return f"{url}?page={page}" if page else url


@pytest.fixture
def quiz(course_tree):
    assessment, _ = make_assessment(course_tree.modules[0], types=["single"] * 5)
    return assessment


class TestFlags:
    def test_a_flag_is_saved_with_the_autosave_and_checked_again_on_reload(
        self, trainee_client, enrolled, quiz
    ):
        attempt = start(trainee_client, quiz)
        first, second = questions(attempt)[:2]
        autosave = reverse("assessments:autosave", args=[attempt.pk])
        shown = [str(aq.pk) for aq in questions(attempt)]
        response = trainee_client.post(autosave, {"shown": shown, "flag": [str(second.pk)]})
        assert response.json()["saved"] is True
        assert Response.objects.get(attempt_question=second).flagged
        assert not Response.objects.get(attempt_question=first).flagged
        html = trainee_client.get(attempt_url(attempt)).content.decode()
        assert f'name="flag" value="{second.pk}" checked' in html
        assert f'name="flag" value="{first.pk}" checked' not in html
        # Unticked on a page that showed it: the flag is gone.
        trainee_client.post(autosave, {"shown": shown})
        assert not Response.objects.get(attempt_question=second).flagged

    def test_a_flag_for_a_question_outside_the_attempt_is_refused(
        self, trainee_client, enrolled, quiz
    ):
        attempt = start(trainee_client, quiz)
        response = trainee_client.post(
            reverse("assessments:autosave", args=[attempt.pk]),
            {"shown": ["987654"], "flag": ["987654"]},
        )
        assert response.status_code == 409

    def test_the_navigator_shows_answered_unanswered_and_flagged(
        self, trainee_client, enrolled, quiz
    ):
        attempt = start(trainee_client, quiz)
        aqs = questions(attempt)
        services.attempt_save(attempt=attempt, answers={aqs[0].pk: ["1"]}, flags={aqs[2].pk: True})
        html = trainee_client.get(attempt_url(attempt)).content.decode()
        nav = html.split('id="quiz-nav"')[1].split("</nav>")[0]
        assert 'aria-label="Question 1: answered"' in nav
        assert 'aria-label="Question 2: not answered"' in nav
        assert 'aria-label="Question 3: not answered, flagged for review"' in nav
        assert nav.count("<button") == 6  # five questions and "Finish attempt…"


class TestPages:
    @pytest.fixture
    def paged(self, course_tree):
        assessment, _ = make_assessment(
            course_tree.modules[0], types=["single"] * 5, questions_per_page=2
        )
        return assessment

    def test_questions_come_n_per_page_and_the_navigator_lists_them_all(
        self, trainee_client, enrolled, paged
    ):
        attempt = start(trainee_client, paged)
        first = trainee_client.get(attempt_url(attempt)).content.decode()
        assert first.count('<fieldset class="question"') == 2
        assert "Page 1 of 3" in first
        assert first.count('class="quiz-nav-item') == 5
        last = trainee_client.get(attempt_url(attempt, 3)).content.decode()
        assert last.count('<fieldset class="question"') == 1
        assert 'id="question-5"' in last
        assert 'value="next"' not in last

    def test_moving_between_pages_saves_the_page_and_keeps_the_clock(
        self, trainee_client, enrolled, course_tree
    ):
        paged, _ = make_assessment(
            course_tree.modules[0],
            types=["single"] * 5,
            questions_per_page=2,
            time_limit_minutes=20,
        )
        attempt = start(trainee_client, paged)
        aq = questions(attempt)[1]
        response = trainee_client.post(
            reverse("assessments:navigate", args=[attempt.pk]),
            {"page": "1", "goto": "next", f"q-{aq.pk}": "1", "shown": [str(aq.pk)]},
        )
        assert response["Location"] == attempt_url(attempt, 2)
        assert Response.objects.get(attempt_question=aq).answer == 1
        html = trainee_client.get(response["Location"]).content.decode()
        seconds = int(re.search(r'data-seconds="(\d+)"', html).group(1))
        assert 1100 <= seconds <= 1200

    def test_the_navigator_goes_to_a_question_on_its_page(self, trainee_client, enrolled, paged):
        attempt = start(trainee_client, paged)
        response = trainee_client.post(
            reverse("assessments:navigate", args=[attempt.pk]), {"page": "1", "goto": "q-5"}
        )
        assert response["Location"] == attempt_url(attempt, 3) + "#question-5"


class TestSummaryAndSubmit:
    def test_the_summary_lists_unanswered_and_flagged_questions(
        self, trainee_client, enrolled, quiz
    ):
        attempt = start(trainee_client, quiz)
        aqs = questions(attempt)
        services.attempt_save(
            attempt=attempt,
            answers={aq.pk: ["1"] for aq in aqs[:3]},
            flags={aqs[1].pk: True},
        )
        response = trainee_client.post(
            reverse("assessments:navigate", args=[attempt.pk]), {"goto": "summary"}
        )
        assert response["Location"] == reverse("assessments:summary", args=[attempt.pk])
        html = trainee_client.get(response["Location"]).content.decode()
        unanswered = html.split('id="summary-unanswered"')[1].split("</p>")[0]
        assert "2 questions are not answered" in unanswered
        assert "Question 4" in unanswered and "Question 5" in unanswered
        flagged = html.split('id="summary-flagged"')[1].split("</p>")[0]
        assert "1 question is flagged for review" in flagged and "Question 2" in flagged
        assert "Return to attempt" in html
        assert "Submit all and finish" in html
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.IN_PROGRESS

    def test_submitting_without_the_confirmation_saves_and_shows_the_summary(
        self, trainee_client, enrolled, quiz
    ):
        attempt = start(trainee_client, quiz)
        aq = questions(attempt)[0]
        response = trainee_client.post(
            reverse("assessments:submit", args=[attempt.pk]), {f"q-{aq.pk}": "1"}
        )
        assert response["Location"] == reverse("assessments:summary", args=[attempt.pk])
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.IN_PROGRESS
        assert Response.objects.get(attempt_question=aq).answer == 1

    def test_submit_all_and_finish_grades_the_attempt(self, trainee_client, enrolled, quiz):
        attempt = start(trainee_client, quiz)
        response = trainee_client.post(
            reverse("assessments:submit", args=[attempt.pk]), {"confirm": "yes"}
        )
        assert response["Location"] == reverse("assessments:review", args=[attempt.pk])
        attempt.refresh_from_db()
        assert attempt.state == AttemptState.GRADED

    def test_the_summary_of_a_finished_attempt_is_its_review(self, trainee_client, enrolled, quiz):
        attempt = start(trainee_client, quiz)
        services.attempt_submit(attempt=attempt)
        response = trainee_client.get(reverse("assessments:summary", args=[attempt.pk]))
        assert response["Location"] == reverse("assessments:review", args=[attempt.pk])


class TestAutosaveFromAnUnloadingPage:
    def test_the_csrf_token_in_the_body_is_enough(self, trainee, enrolled, quiz):
        """A beacon or keepalive fetch sent while the page unloads carries the form body (with
        the token) and the session cookie, and nothing else: that must be accepted."""
        client = Client(enforce_csrf_checks=True)
        client.force_login(trainee)
        attempt = services.attempt_start(trainee=trainee, assessment=quiz)
        aq = questions(attempt)[0]
        url = reverse("assessments:autosave", args=[attempt.pk])
        assert client.post(url, {f"q-{aq.pk}": "1"}).status_code == 403
        request = RequestFactory().get("/")
        token = get_token(request)
        client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
        response = client.post(url, {"csrfmiddlewaretoken": token, f"q-{aq.pk}": "1"})
        assert response.status_code == 200 and response.json()["saved"] is True


class TestReview:
    def test_the_answer_given_is_marked_in_words_and_by_more_than_colour(
        self, trainee_client, enrolled, quiz
    ):
        attempt = start(trainee_client, quiz)
        aq = questions(attempt)[0]
        services.attempt_save(attempt=attempt, answers={aq.pk: ["0"]})
        services.attempt_submit(attempt=attempt)
        html = trainee_client.get(reverse("assessments:review", args=[attempt.pk])).content
        question = html.decode().split('id="question-1"')[1].split("</fieldset>")[0]
        chosen = question.split('class="option option-chosen"')[1].split("</label>")[0]
        assert "Call 911 and stay" in chosen and "Your answer" in chosen
        assert question.count("Your answer") == 1
        second = html.decode().split('id="question-2"')[1].split("</fieldset>")[0]
        assert "You did not answer this question." in second

    def test_points_are_counted_in_words(self, trainee_client, enrolled, course_tree):
        quiz, questions_made = make_assessment(course_tree.modules[0], types=["single"])
        QuestionFactory(category=questions_made[0].category, type="single", points=2)
        quiz.pool_rules.update(count=2)
        attempt = start(trainee_client, quiz)
        html = trainee_client.get(attempt_url(attempt)).content.decode()
        assert "(1 point)" in html and "(2 points)" in html

    def test_an_essay_review_shows_the_grade_for_each_rubric_criterion(
        self, trainee_client, trainee, enrolled, course_tree
    ):
        quiz, (essay,) = make_assessment(course_tree.modules[0], types=["essay"])
        attempt = services.attempt_start(trainee=trainee, assessment=quiz)
        aq = questions(attempt)[0]
        services.attempt_save(attempt=attempt, answers={aq.pk: ["I would stay with them."]})
        services.attempt_submit(attempt=attempt)
        rubric = essay.data["rubric"]
        services.essay_grade(
            response=aq.response,
            grader=make_instructor(course_tree.course),
            rubric_points=[row["points"] for row in rubric[:-1]] + [0],
            notify=False,
        )
        html = trainee_client.get(reverse("assessments:review", args=[attempt.pk])).content
        table = html.decode().split('class="rubric-scores"')[1].split("</table>")[0]
        for row in rubric[:-1]:
            assert row["criterion"] in table
            assert f"{row['points']} of {row['points']}" in table
        assert f"0 of {rubric[-1]['points']}" in table
