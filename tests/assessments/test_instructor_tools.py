"""Instructor tools in the admin: essay grading queue, results + CSV, item analysis, regrade."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments import services
from assessments.models import AttemptQuestion, AttemptState
from tests.assessments.conftest import make_assessment, make_instructor
from tests.conftest import build_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def essay_attempt(enrolled, course_tree):
    quiz, _ = make_assessment(course_tree.modules[0], types=["single", "essay"])
    attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
    essay = AttemptQuestion.objects.get(attempt=attempt, qtype="essay")
    single = AttemptQuestion.objects.get(attempt=attempt, qtype="single")
    services.attempt_save(
        attempt=attempt,
        answers={
            essay.pk: ["I would ask directly about safety and call 988 with them."],
            single.pk: [str(single.option_order.index(1))],
        },
    )
    return services.attempt_submit(attempt=attempt)


@pytest.fixture
def instructor_client(client, course_tree):
    client.force_login(make_instructor(course_tree.course))
    return client


def test_the_queue_lists_attempts_waiting_for_grading(instructor_client, essay_attempt):
    html = instructor_client.get(reverse("assessments_admin:queue")).content.decode()
    assert f'id="queue-{essay_attempt.pk}"' in html


def test_another_courses_instructor_does_not_see_the_attempt(client, essay_attempt, course_index):
    other = build_course(course_index, modules=1, lessons=1)
    client.force_login(make_instructor(other.course))
    html = client.get(reverse("assessments_admin:queue")).content.decode()
    assert f'id="queue-{essay_attempt.pk}"' not in html
    assert (
        client.get(reverse("assessments_admin:grade", args=[essay_attempt.pk])).status_code == 404
    )


def test_grading_the_rubric_makes_the_result_final_and_emails_the_trainee(
    instructor_client, essay_attempt, django_capture_on_commit_callbacks
):
    response_pk = AttemptQuestion.objects.get(attempt=essay_attempt, qtype="essay").response.pk
    url = reverse("assessments_admin:grade", args=[essay_attempt.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = instructor_client.post(
            url,
            {
                "response": response_pk,
                f"r{response_pk}-criterion_0": "2",
                f"r{response_pk}-criterion_1": "1",
                f"r{response_pk}-comment": "Good use of 988.",
            },
        )
    assert response.status_code == 302
    essay_attempt.refresh_from_db()
    assert essay_attempt.state == AttemptState.GRADED
    # 1 (single) + 3 of 4 rubric points scaled to the essay's 1 point = 0.75
    assert str(essay_attempt.score) == "1.75"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [essay_attempt.trainee.email]
    assert "1.75" not in message.subject + message.body  # no score in e-mail
    assert reverse("assessments:review", args=[essay_attempt.pk]) in message.body


def test_rubric_points_above_a_criterion_are_refused(instructor_client, essay_attempt):
    response_pk = AttemptQuestion.objects.get(attempt=essay_attempt, qtype="essay").response.pk
    instructor_client.post(
        reverse("assessments_admin:grade", args=[essay_attempt.pk]),
        {
            "response": response_pk,
            f"r{response_pk}-criterion_0": "5",
            f"r{response_pk}-criterion_1": "1",
        },
    )
    essay_attempt.refresh_from_db()
    assert essay_attempt.state == AttemptState.NEEDS_GRADING


def test_a_trainee_cannot_grade(essay_attempt):
    with pytest.raises(services.PermissionDenied):
        services.essay_grade(
            response=AttemptQuestion.objects.get(attempt=essay_attempt, qtype="essay").response,
            grader=UserFactory(),
            rubric_points=[2, 2],
        )


def test_results_table_and_csv_export(instructor_client, enrolled, quiz):
    services.attempt_submit(attempt=services.attempt_start(trainee=enrolled, assessment=quiz))
    html = instructor_client.get(
        reverse("assessments_admin:results", args=[quiz.pk])
    ).content.decode()
    assert str(enrolled) in html
    response = instructor_client.get(
        reverse("assessments_admin:results", args=[quiz.pk]) + "?format=csv"
    )
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("trainee,email,attempt,state")
    assert enrolled.email in lines[1] and ",graded," in lines[1] and lines[1].endswith(",no")


def test_csv_export_neutralises_formulas_in_names(instructor_client, enrolled, quiz):
    enrolled.first_name = "=HYPERLINK(1)"
    enrolled.save()
    services.attempt_submit(attempt=services.attempt_start(trainee=enrolled, assessment=quiz))
    body = instructor_client.get(
        reverse("assessments_admin:results", args=[quiz.pk]) + "?format=csv"
    ).content.decode()
    assert "'=HYPERLINK" in body


def test_results_of_another_course_are_404(client, quiz, course_index):
    other = build_course(course_index, modules=1, lessons=1)
    client.force_login(make_instructor(other.course))
    assert client.get(reverse("assessments_admin:results", args=[quiz.pk])).status_code == 404


def test_item_analysis_page_shows_facility_and_option_counts(instructor_client, enrolled, quiz):
    services.attempt_submit(attempt=services.attempt_start(trainee=enrolled, assessment=quiz))
    html = instructor_client.get(
        reverse("assessments_admin:items", args=[quiz.pk])
    ).content.decode()
    assert html.count('class="item-row"') == 5
    assert "very hard" in html  # nobody answered: facility 0


def test_regrade_page_dry_run_then_apply_is_audited(instructor_client, enrolled, quiz):
    services.attempt_submit(attempt=services.attempt_start(trainee=enrolled, assessment=quiz))
    url = reverse("assessments_admin:regrade", args=[quiz.pk])
    html = instructor_client.post(url, {"action": "dry_run"}).content.decode()
    assert "Dry run" in html
    instructor_client.post(url, {"action": "apply"})
    assert quiz.regrades.filter(dry_run=False).count() == 1
    assert quiz.regrades.filter(dry_run=True).count() == 1


def test_hand_grading_after_a_regrade_keeps_the_regraded_scores(enrolled, course_tree):
    """An essay graded after a key fix must not re-score the other answers against the
    revision the trainee was shown (that would undo the regrade)."""
    quiz, _ = make_assessment(course_tree.modules[0], types=["single", "essay"])
    attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
    essay = AttemptQuestion.objects.get(attempt=attempt, qtype="essay")
    single = AttemptQuestion.objects.select_related("question").get(attempt=attempt, qtype="single")
    wrong = next(i for i, o in enumerate(single.question.data["options"]) if not o["correct"])
    services.attempt_save(
        attempt=attempt,
        answers={
            essay.pk: ["I would ask directly about safety and call 988 with them."],
            single.pk: [str(single.option_order.index(wrong))],
        },
    )
    services.attempt_submit(attempt=attempt)

    # The author finds the key was wrong: the option this trainee chose is the right one.
    question = single.question
    question.data = {
        "options": [dict(o, correct=(i == wrong)) for i, o in enumerate(question.data["options"])]
    }
    services.question_publish(question=question)
    admin = UserFactory(is_superuser=True)
    services.assessment_regrade(assessment=quiz, performed_by=admin, dry_run=False)
    single.response.refresh_from_db()
    regraded_points = single.response.points
    assert regraded_points == single.max_points

    rubric = [criterion["points"] for criterion in essay.revision.content["data"]["rubric"]]
    attempt = services.essay_grade(response=essay.response, grader=admin, rubric_points=rubric)

    single.response.refresh_from_db()
    assert single.response.points == regraded_points
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.GRADED
    assert attempt.score == attempt.max_score and attempt.passed


def test_the_grading_queue_is_paged_oldest_first_in_a_fixed_number_of_queries(
    client, enrolled, course_tree, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    from assessments.admin_views import QUEUE_PAGE_SIZE
    from assessments.models import Attempt

    quiz, _ = make_assessment(course_tree.modules[0], types=["essay"], max_attempts=0)
    first = services.attempt_submit(
        attempt=services.attempt_start(trainee=enrolled, assessment=quiz)
    )
    assert first.state == AttemptState.NEEDS_GRADING
    start = timezone.now() - timedelta(days=30)
    Attempt.objects.bulk_create(
        [
            Attempt(
                assessment=quiz,
                trainee=enrolled,
                number=n,
                state=AttemptState.NEEDS_GRADING,
                started_at=start,
                submitted_at=start + timedelta(minutes=n),
            )
            for n in range(2, QUEUE_PAGE_SIZE + 8)
        ]
    )
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("assessments_admin:queue")

    with django_assert_max_num_queries(12):
        first_page = client.get(url).content.decode()
    with django_assert_max_num_queries(12):
        second_page = client.get(url, {"p": 2}).content.decode()

    assert first_page.count('id="queue-') == QUEUE_PAGE_SIZE
    assert second_page.count('id="queue-') == 7
    assert f'id="queue-{first.pk}"' in second_page  # submitted just now: the newest
    assert "Page 1 of 2 (57 attempts waiting, oldest first)" in first_page
