"""/evaluations/ for trainees and evaluators: what each sees, the scoring form, and what stays
private (the video link, other people's evaluations, the role-play briefs)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.forms import criterion_field, note_field
from evaluations.models import Evaluation, Rating
from tests.factories import EnrollmentFactory, UserFactory
from tests.factories.certificates import SupervisionEntryFactory
from tests.factories.evaluations import (
    criterion_ids,
    levels_for,
    make_evaluator,
    make_instrument,
    scheduled_evaluation,
)

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/room-VIDEO-SECRET"


def page(client, user, url) -> tuple[int, str]:
    client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


def rating_post(instrument, *levels, comment="Clear, warm open questions."):
    data = {"comment": comment}
    for criterion, level in zip(criterion_ids(instrument), levels, strict=True):
        data[criterion_field(criterion)] = str(level)
        data[note_field(criterion)] = ""
    return data


# --- trainees --------------------------------------------------------------------------------


def test_a_trainee_sees_what_to_complete_first_then_requests_the_evaluation(
    client, enrolled, instrument, course
):
    status, text = page(client, enrolled, reverse("evaluations:home"))
    assert status == 200
    assert instrument.skill in text and "Complete these first" in text
    assert course.modules[0].title in text
    assert "Request this evaluation" not in text
    assert "EVALUATOR-BRIEF" not in text and "ACTOR-BRIEF" not in text

    from tests.factories import LessonCompletionFactory

    for lesson in course.lessons[0]:
        LessonCompletionFactory(trainee=enrolled, lesson=lesson)
    text = client.get(reverse("evaluations:home")).content.decode()
    assert "Request this evaluation" in text
    assert "Retake rule: 3 attempts in all" in text
    response = client.post(reverse("evaluations:request", args=[instrument.pk]))
    evaluation = Evaluation.objects.get(trainee=enrolled)
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluations:detail", args=[evaluation.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Waiting for an evaluator" in detail
    assert "Open questions: clearly met." in detail  # the anchors, before the evaluation


def test_a_refused_request_says_why_and_creates_nothing(client, enrolled, instrument):
    client.force_login(enrolled)
    response = client.post(reverse("evaluations:request", args=[instrument.pk]), follow=True)
    assert "Complete these first" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_trainee_reads_each_criterion_with_the_anchor_met_the_feedback_and_what_to_practise(
    client, eligible, instrument, evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 3, 1),
        notes={criterion_ids(instrument)[1]: "Handed over the number only."},
        comment="FEEDBACK-TEXT: stay until the person is connected.",
    )
    status, text = page(client, eligible, reverse("evaluations:detail", args=[evaluation.pk]))
    assert status == 200
    assert "Not passed yet" in text and "66% of the highest total" in text
    assert "3 — Exemplary" in text and "Open questions: exemplary." in text
    assert "1 — Partly" in text and "Warm hand-off: partly there." in text
    assert "Handed over the number only." in text
    assert "FEEDBACK-TEXT" in text
    assert "What to practise" in text and instrument.remediation in text
    next_on = timezone.localdate() + timedelta(days=instrument.retake_cooldown_days)
    assert f"Next possible request: {next_on.day} " in text
    assert "EVALUATOR-BRIEF" not in text


# --- evaluators ------------------------------------------------------------------------------


def test_the_queue_shows_assigned_and_waiting_requests_of_the_evaluators_courses_only(
    client, eligible, instrument, evaluator, second_evaluator, course_index
):
    waiting = services.evaluation_request(trainee=eligible, instrument=instrument)
    from tests.conftest import build_course

    other_course = build_course(course_index, modules=1, lessons=1, title="Other course")
    elsewhere = make_instrument(course=other_course.course, skill="ELSEWHERE-SKILL")
    stranger = UserFactory(last_name="Elsewhere")
    EnrollmentFactory(trainee=stranger, course=other_course.course)
    outsider_evaluator = make_evaluator(course=other_course.course)
    scheduled_evaluation(trainee=stranger, instrument=elsewhere, evaluator=outsider_evaluator)

    status, text = page(client, evaluator, reverse("evaluations:home"))
    assert status == 200
    assert "Evaluation queue" in text and "Requests waiting for an evaluator" in text
    assert eligible.display_name in text
    assert "ELSEWHERE-SKILL" not in text and "Elsewhere" not in text

    # Once the second evaluator takes it, it is theirs: gone from the first one's queue.
    services.evaluation_schedule(
        evaluator=second_evaluator,
        evaluation_id=waiting.pk,
        mode="in_person",
        scheduled_for=timezone.now() + timedelta(days=1),
        location="Room 4",
    )
    text = client.get(reverse("evaluations:home")).content.decode()
    assert eligible.display_name not in text
    assert page(client, second_evaluator, reverse("evaluations:home"))[1].count(
        eligible.display_name
    )


def test_the_queue_hides_an_evaluators_supervisee(client, eligible, instrument, evaluator):
    services.evaluation_request(trainee=eligible, instrument=instrument)
    SupervisionEntryFactory(trainee=eligible, supervisor=evaluator)
    text = page(client, evaluator, reverse("evaluations:home"))[1]
    assert eligible.display_name not in text and "Nothing waits for you." in text


def test_an_evaluator_schedules_from_the_page_and_the_trainee_is_told_without_the_link(
    client, eligible, instrument, evaluator, django_capture_on_commit_callbacks
):
    evaluation = services.evaluation_request(trainee=eligible, instrument=instrument)
    client.force_login(evaluator)
    detail = client.get(reverse("evaluations:detail", args=[evaluation.pk])).content.decode()
    assert "Schedule this evaluation" in detail and "EVALUATOR-BRIEF" in detail
    when = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("evaluations:schedule", args=[evaluation.pk]),
            {
                "mode": "video",
                "scheduled_for": when.strftime("%Y-%m-%dT%H:%M"),
                "location": "",
                "video_link": LINK,
            },
        )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.evaluator == evaluator and evaluation.scheduled_for == when
    [message] = mail.outbox
    assert message.to == [eligible.email] and LINK not in message.body
    assert message.subject == "Your practical evaluation is scheduled"


def test_a_schedule_without_a_location_is_shown_again_with_the_error(
    client, eligible, instrument, evaluator
):
    evaluation = services.evaluation_request(trainee=eligible, instrument=instrument)
    client.force_login(evaluator)
    response = client.post(
        reverse("evaluations:schedule", args=[evaluation.pk]),
        {"mode": "in_person", "scheduled_for": "2099-01-01T10:00", "location": ""},
    )
    assert response.status_code == 400
    assert services.LOCATION_REQUIRED in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.REQUESTED and evaluation.evaluator is None


def test_the_scoring_form_shows_every_anchor_as_a_labelled_radio_group(
    client, eligible, instrument, evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    status, text = page(client, evaluator, reverse("evaluations:score", args=[evaluation.pk]))
    assert status == 200
    assert text.count("<fieldset") == 2 and text.count("<legend>") == 2
    assert text.count('type="radio"') == 8
    for anchor in ("not seen at all.", "partly there.", "clearly met.", "exemplary."):
        assert f"Open questions: {anchor}" in text and f"Warm hand-off: {anchor}" in text
    assert "critical" in text


def test_submitting_the_score_makes_the_result_final_and_a_resubmission_changes_nothing(
    client, eligible, instrument, evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    client.force_login(evaluator)
    url = reverse("evaluations:score", args=[evaluation.pk])
    response = client.post(url, rating_post(instrument, 2, 3))
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.COMPLETED and evaluation.passed
    # The same form sent again (a double click, a second tab): refused, nothing changes.
    again = client.post(url, rating_post(instrument, 0, 0), follow=True)
    assert services.ALREADY_FINAL in again.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.passed and Rating.objects.filter(evaluation=evaluation).count() == 1


def test_a_score_with_a_criterion_left_out_is_shown_again_and_nothing_is_saved(
    client, eligible, instrument, evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    client.force_login(evaluator)
    data = rating_post(instrument, 2, 2)
    del data[criterion_field(criterion_ids(instrument)[1])]
    response = client.post(reverse("evaluations:score", args=[evaluation.pk]), data)
    assert response.status_code == 400
    assert "Choose a level for this criterion." in response.content.decode()
    assert not Rating.objects.exists()


def test_the_second_rater_scores_blind(client, eligible, instrument, evaluator, second_evaluator):
    evaluation = scheduled_evaluation(
        trainee=eligible, instrument=instrument, evaluator=evaluator, second_rater=second_evaluator
    )
    services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 3, 3),
        comment="PRIMARY-FEEDBACK",
    )
    status, text = page(
        client, second_evaluator, reverse("evaluations:detail", args=[evaluation.pk])
    )
    assert status == 200 and "PRIMARY-FEEDBACK" not in text and "Give the second rating" in text
    client.post(reverse("evaluations:score", args=[evaluation.pk]), rating_post(instrument, 2, 2))
    text = client.get(reverse("evaluations:detail", args=[evaluation.pk])).content.decode()
    assert "PRIMARY-FEEDBACK" in text


# --- privacy ---------------------------------------------------------------------------------


def test_the_video_link_is_shown_to_the_trainee_and_evaluator_only(
    client, eligible, instrument, evaluator, second_evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    url = reverse("evaluations:detail", args=[evaluation.pk])
    assert LINK in page(client, eligible, url)[1]
    assert LINK in page(client, evaluator, url)[1]
    # Another evaluator on the panel, a stranger, anyone: not found.
    for other in (second_evaluator, UserFactory(), UserFactory(is_superuser=True, is_staff=True)):
        status, text = page(client, other, url)
        assert status == 404 and LINK not in text
    assert LINK not in page(client, evaluator, reverse("evaluations:home"))[1]
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_trainees_see_only_their_own_evaluations(client, eligible, instrument, evaluator, course):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    classmate = UserFactory()
    EnrollmentFactory(trainee=classmate, course=course.course)
    for name in ("detail", "score"):
        assert page(client, classmate, reverse(f"evaluations:{name}", args=[evaluation.pk]))[0] == (
            404
        )
    for name in ("withdraw", "schedule", "take_second"):
        assert client.post(reverse(f"evaluations:{name}", args=[evaluation.pk])).status_code == 404
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.SCHEDULED


def test_the_calibration_report_is_for_reviewers_and_flags_drift(
    client, course, evaluator, second_evaluator
):
    instrument = make_instrument(course=course.course, min_pairs=4, kappa_threshold="0.60")
    for number in range(3):
        trainee = UserFactory()
        EnrollmentFactory(trainee=trainee, course=course.course)
        evaluation = scheduled_evaluation(
            trainee=trainee,
            instrument=instrument,
            evaluator=evaluator,
            second_rater=second_evaluator,
        )
        first, second = [(3, 3), (2, 2), (1, 2)][number], [(0, 1), (3, 0), (2, 3)][number]
        services.rating_submit(
            rater=evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(instrument, *first),
            comment="First.",
        )
        services.rating_submit(
            rater=second_evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(instrument, *second),
            comment="Second.",
        )
    url = reverse("evaluations_calibration")
    reviewer = UserFactory(groups=[Group.objects.get(name="Reviewers")])
    status, text = page(client, reviewer, url)
    assert status == 200
    assert "from 3 evaluations scored by both" in text
    assert "drift (kappa below 0.60)" in text  # each rater's 6 pairs
    assert "too few to judge (needs 4)" in text  # 3 pairs per criterion
    assert evaluator.display_name in text and second_evaluator.display_name in text
    for outsider in (evaluator, UserFactory()):
        response = page(client, outsider, url)
        assert response[0] in (302, 403)


def test_the_header_offers_evaluations_to_evaluators_and_the_checklist_links_them(
    client, eligible, evaluator
):
    home_for_evaluator = page(client, evaluator, "/")[1]
    assert f'href="{reverse("evaluations:home")}"' in home_for_evaluator
    dashboard = page(client, eligible, reverse("dashboard"))[1]
    assert f'href="{reverse("evaluations:home")}"' in dashboard
    header = dashboard.split("</header>")[0]
    assert reverse("evaluations:home") not in header


def test_download_my_data_holds_my_evaluation_result_but_not_a_second_rating(
    client, eligible, instrument, evaluator, second_evaluator
):
    import json

    evaluation = scheduled_evaluation(
        trainee=eligible, instrument=instrument, evaluator=evaluator, second_rater=second_evaluator
    )
    services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 2, 3),
        comment="PRIMARY-FEEDBACK",
    )
    services.rating_submit(
        rater=second_evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 0, 0),
        comment="SECOND-FEEDBACK",
    )
    client.force_login(eligible)
    response = client.get(reverse("account_data"))
    [row] = json.loads(response.content)["practical_evaluations"]
    assert row["skill"] == instrument.skill and row["passed"] is True and row["percent"] == 83
    assert row["feedback"] == "PRIMARY-FEEDBACK"
    assert [(c["criterion"], c["level"]) for c in row["criteria"]] == [
        ("Open questions", 2),
        ("Warm hand-off", 3),
    ]
    assert "SECOND-FEEDBACK" not in response.content.decode()
    client.force_login(evaluator)
    assert json.loads(client.get(reverse("account_data")).content)["practical_evaluations"] == []
