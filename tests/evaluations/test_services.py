"""Asking for, scheduling and scoring a practical evaluation: each refusal is a clear error that
changes nothing, and a result, once submitted, is final."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.services import account_close
from courses.permissions import INSTRUCTORS_GROUP
from courses.services import course_add_instructor
from evaluations import rules, services
from evaluations.models import Evaluation, Rating, Score
from evaluations.selectors import OWN_SUPERVISEE, OWN_TRAINEE, queue_for
from tests.factories import UserFactory
from tests.factories.certificates import SupervisionEntryFactory
from tests.factories.evaluations import levels_for, make_instrument, scheduled_evaluation

pytestmark = pytest.mark.django_db

FEEDBACK = "Good open questions; practise reflections."


def request(trainee, instrument, **kwargs) -> Evaluation:
    return services.evaluation_request(trainee=trainee, instrument=instrument, **kwargs)


def snapshot(evaluation: Evaluation) -> tuple:
    evaluation.refresh_from_db()
    return (
        evaluation.status,
        evaluation.evaluator_id,
        evaluation.scheduled_for,
        evaluation.passed,
        Rating.objects.filter(evaluation=evaluation).count(),
        Score.objects.filter(rating__evaluation=evaluation).count(),
    )


# --- asking ----------------------------------------------------------------------------------


def test_an_eligible_trainee_requests_the_live_revision(eligible, instrument):
    evaluation = request(eligible, instrument)
    assert evaluation.status == Evaluation.Status.REQUESTED
    assert evaluation.revision_id == instrument.live_revision_id
    assert evaluation.evaluator is None


def test_a_trainee_without_the_prerequisites_is_told_what_to_complete(enrolled, instrument, course):
    with pytest.raises(ValidationError) as error:
        request(enrolled, instrument)
    assert course.modules[0].title in error.value.messages[0]
    assert not Evaluation.objects.exists()


def test_a_trainee_not_enrolled_in_the_course_cannot_ask(trainee, instrument):
    with pytest.raises(ValidationError):
        request(trainee, instrument)
    assert not Evaluation.objects.exists()


def test_a_second_request_while_one_is_open_is_refused(eligible, instrument):
    request(eligible, instrument)
    with pytest.raises(ValidationError, match=services.ALREADY_OPEN):
        request(eligible, instrument)
    assert Evaluation.objects.count() == 1


def test_an_unpublished_instrument_cannot_be_requested(eligible, course):
    draft = make_instrument(course=course.course, publish=False)
    with pytest.raises(ValidationError, match=services.NOT_LIVE):
        request(eligible, draft)


def test_the_second_rater_sample_follows_the_instruments_rate(eligible, course):
    always = make_instrument(course=course.course, second_rater_percent=100)
    never = make_instrument(course=course.course, second_rater_percent=0)
    assert request(eligible, always).second_rating_wanted
    assert not request(eligible, never).second_rating_wanted


def test_a_fail_starts_the_cooldown_then_a_retake_is_allowed(eligible, instrument, evaluator):
    evaluation = request(eligible, instrument)
    evaluation = schedule(evaluation, evaluator)
    services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 3, 1),  # the critical criterion below "met"
        comment=FEEDBACK,
    )
    with pytest.raises(ValidationError) as error:
        request(eligible, instrument)
    next_on = timezone.localdate() + timedelta(days=instrument.retake_cooldown_days)
    # The day as people write it ("13 December 2026"; "13 de diciembre de 2026" in Spanish).
    assert f"{next_on.day} {next_on:%B} {next_on.year}" in error.value.messages[0]
    retake = request(eligible, instrument, now=timezone.now() + timedelta(days=7))
    assert retake.status == Evaluation.Status.REQUESTED


def test_withdrawing_frees_the_trainee_to_ask_again(eligible, instrument):
    evaluation = request(eligible, instrument)
    services.evaluation_withdraw(trainee=eligible, evaluation_id=evaluation.pk)
    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.WITHDRAWN
    request(eligible, instrument)
    with pytest.raises(Evaluation.DoesNotExist):
        services.evaluation_withdraw(trainee=UserFactory(), evaluation_id=evaluation.pk)


# --- scheduling -----------------------------------------------------------------------------


def schedule(evaluation, evaluator, **kwargs) -> Evaluation:
    values = {
        "mode": Evaluation.Mode.IN_PERSON,
        "scheduled_for": timezone.now() + timedelta(days=2),
        "location": "Training room 2",
        **kwargs,
    }
    return services.evaluation_schedule(evaluator=evaluator, evaluation_id=evaluation.pk, **values)


def test_scheduling_assigns_the_request_and_keeps_only_what_the_mode_needs(
    eligible, instrument, evaluator
):
    evaluation = request(eligible, instrument)
    schedule(evaluation, evaluator, video_link="https://meet.example.org/x")
    evaluation.refresh_from_db()
    assert evaluation.evaluator == evaluator
    assert evaluation.status == Evaluation.Status.SCHEDULED
    assert evaluation.location == "Training room 2" and evaluation.video_link == ""
    schedule(
        evaluation,
        evaluator,
        mode=Evaluation.Mode.VIDEO,
        location="Room",
        video_link=("https://meet.example.org/abc"),
    )
    evaluation.refresh_from_db()
    assert (evaluation.location, evaluation.video_link) == ("", "https://meet.example.org/abc")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"mode": "in_person", "location": "  "}, "location"),
        ({"mode": "video", "video_link": "http://meet.example.org/x"}, "video_link"),
        ({"mode": "phone"}, "mode"),
        ({"scheduled_for": timezone.now() - timedelta(days=30)}, "scheduled_for"),
    ],
)
def test_a_schedule_missing_what_its_mode_needs_is_refused(
    eligible, instrument, evaluator, kwargs, field
):
    evaluation = request(eligible, instrument)
    before = snapshot(evaluation)
    with pytest.raises(ValidationError) as error:
        schedule(evaluation, evaluator, **kwargs)
    assert field in error.value.message_dict
    assert snapshot(evaluation) == before


def test_an_evaluator_off_the_courses_panel_cannot_take_a_request(eligible, instrument):
    outsider = UserFactory(groups=[Group.objects.get(name="Evaluators")])
    evaluation = request(eligible, instrument)
    with pytest.raises(ValidationError, match=services.NOT_ON_PANEL):
        schedule(evaluation, outsider)


def test_another_evaluators_evaluation_cannot_be_rescheduled(
    eligible, instrument, evaluator, second_evaluator
):
    evaluation = schedule(request(eligible, instrument), evaluator)
    before = snapshot(evaluation)
    with pytest.raises(ValidationError, match=services.NOT_YOURS):
        schedule(evaluation, second_evaluator)
    assert snapshot(evaluation) == before


def test_a_supervisor_never_evaluates_their_supervisee(eligible, instrument, evaluator):
    SupervisionEntryFactory(trainee=eligible, supervisor=evaluator)
    evaluation = request(eligible, instrument)
    with pytest.raises(ValidationError, match=OWN_SUPERVISEE):
        schedule(evaluation, evaluator)
    assert queue_for(evaluator).empty


def test_an_instructor_evaluates_their_own_trainee_only_if_the_instrument_allows(
    eligible, course, evaluator
):
    evaluator.groups.add(Group.objects.get(name=INSTRUCTORS_GROUP))
    course_add_instructor(course=course.course, user=evaluator)
    forbidden = make_instrument(course=course.course, instructors_may_evaluate=False)
    allowed = make_instrument(course=course.course, instructors_may_evaluate=True)
    refused = request(eligible, forbidden)
    with pytest.raises(ValidationError, match=OWN_TRAINEE):
        schedule(refused, evaluator)
    accepted = request(eligible, allowed)
    schedule(accepted, evaluator)
    assert [e.pk for e in queue_for(evaluator).assigned] == [accepted.pk]


# --- scoring -------------------------------------------------------------------------------


def test_the_evaluators_rating_makes_the_result_final_and_emails_the_trainee_once(
    eligible, instrument, evaluator, django_capture_on_commit_callbacks
):
    evaluation = schedule(request(eligible, instrument), evaluator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rating = services.rating_submit(
            rater=evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(instrument, 2, 3),
            notes={criterion: "Named the feeling." for criterion in levels_for(instrument, 0, 0)},
            comment=FEEDBACK,
        )
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.COMPLETED
    assert evaluation.passed is True and evaluation.score_percent == 83
    assert [(s.title, s.level, s.anchor) for s in rating.scores.all()] == [
        ("Open questions", 2, "Open questions: clearly met."),
        ("Warm hand-off", 3, "Warm hand-off: exemplary."),
    ]
    [message] = mail.outbox
    assert message.to == [eligible.email]
    assert message.subject == "Your practical evaluation result is ready"
    assert instrument.skill in message.body and f"/evaluations/{evaluation.pk}/" in message.body
    # The job runs again (a retry, the daily catch-up): nothing more is sent.
    from evaluations.notifications import send_result

    assert send_result(evaluation_id=evaluation.pk) is False
    assert len(mail.outbox) == 1


def test_a_second_submission_is_refused_and_changes_nothing(eligible, instrument, evaluator):
    evaluation = schedule(request(eligible, instrument), evaluator)
    services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 2, 3),
        comment=FEEDBACK,
    )
    before = snapshot(evaluation)
    with pytest.raises(ValidationError, match=services.ALREADY_FINAL):
        services.rating_submit(
            rater=evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(instrument, 0, 0),
            comment="Changed my mind.",
        )
    assert snapshot(evaluation) == before
    assert evaluation.passed is True


def test_an_incomplete_rating_is_refused_and_changes_nothing(eligible, instrument, evaluator):
    evaluation = schedule(request(eligible, instrument), evaluator)
    before = snapshot(evaluation)
    [first, _second] = levels_for(instrument, 2, 2)
    for levels, comment in (({first: 2}, FEEDBACK), (levels_for(instrument, 2, 2), "   ")):
        with pytest.raises(ValidationError):
            services.rating_submit(
                rater=evaluator, evaluation_id=evaluation.pk, levels=levels, comment=comment
            )
    assert snapshot(evaluation) == before


def test_an_unscheduled_request_cannot_be_scored_and_strangers_cannot_score(
    eligible, instrument, evaluator, second_evaluator
):
    evaluation = request(eligible, instrument)
    with pytest.raises(ValidationError, match=services.NOT_A_RATER):
        services.rating_submit(
            rater=evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(instrument, 2, 2),
            comment=FEEDBACK,
        )
    schedule(evaluation, evaluator)
    with pytest.raises(ValidationError, match=services.NOT_A_RATER):
        services.rating_submit(
            rater=second_evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(instrument, 2, 2),
            comment=FEEDBACK,
        )
    assert not Rating.objects.exists()


def test_scores_come_from_the_revision_the_trainee_asked_for(eligible, instrument, evaluator):
    evaluation = schedule(request(eligible, instrument), evaluator)
    # The instrument is edited and republished after the request: a third criterion.
    from evaluations.models import Criterion

    first = instrument.criteria.first()
    instrument.criteria.add(
        Criterion(
            title="New criterion",
            domain=first.domain,
            competency=first.competency,
            anchor_not_observed="a",
            anchor_partly="b",
            anchor_met="c",
            anchor_exemplary="d",
            sort_order=5,
        )
    )
    instrument.save()
    instrument.save_revision().publish()
    rating = services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(evaluation.pinned_instrument(), 2, 2),
        comment=FEEDBACK,
    )
    assert [s.title for s in rating.scores.all()] == ["Open questions", "Warm hand-off"]


def test_a_second_rating_is_blind_to_and_leaves_the_result(
    eligible, instrument, evaluator, second_evaluator
):
    evaluation = scheduled_evaluation(
        trainee=eligible, instrument=instrument, evaluator=evaluator, second_rater=second_evaluator
    )
    services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 3, 2),
        comment=FEEDBACK,
    )
    services.rating_submit(
        rater=second_evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 1, 1),
        comment="Second view.",
    )
    evaluation.refresh_from_db()
    assert evaluation.passed is True  # the second rater's fail does not change it
    assert set(evaluation.ratings.values_list("role", flat=True)) == {"primary", "second"}
    with pytest.raises(ValidationError, match=services.ALREADY_RATED):
        services.rating_submit(
            rater=second_evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(instrument, 2, 2),
            comment="Again.",
        )


def test_the_evaluator_of_record_cannot_take_its_second_rating(
    eligible, instrument, evaluator, second_evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    Evaluation.objects.filter(pk=evaluation.pk).update(second_rating_wanted=True)
    with pytest.raises(ValidationError, match=services.PRIMARY_CANNOT_SECOND):
        services.second_rating_take(evaluator=evaluator, evaluation_id=evaluation.pk)
    services.second_rating_take(evaluator=second_evaluator, evaluation_id=evaluation.pk)
    other = UserFactory(groups=[Group.objects.get(name="Evaluators")])
    with pytest.raises(ValidationError, match=services.SECOND_TAKEN):
        services.second_rating_take(evaluator=other, evaluation_id=evaluation.pk)


def test_a_closed_account_withdraws_its_requests_and_releases_what_it_was_to_evaluate(
    eligible, instrument, evaluator, course
):
    waiting = request(eligible, instrument)
    other = UserFactory()
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(trainee=other, course=course.course)
    theirs = scheduled_evaluation(trainee=other, instrument=instrument, evaluator=evaluator)
    account_close(user=eligible)
    account_close(user=evaluator)
    assert Evaluation.objects.get(pk=waiting.pk).status == Evaluation.Status.WITHDRAWN
    theirs.refresh_from_db()
    assert theirs.evaluator is None and theirs.status == Evaluation.Status.REQUESTED
    assert theirs.video_link == ""


def test_level_names_are_the_scale_everyone_uses():
    assert list(rules.LEVEL_NAMES.values()) == ["Not observed", "Partly", "Met", "Exemplary"]


def test_the_daily_run_resends_a_result_email_that_was_lost(
    eligible, instrument, evaluator, django_capture_on_commit_callbacks
):
    from cms.daily import run_daily

    evaluation = schedule(request(eligible, instrument), evaluator)
    # The job that would e-mail the result never runs (Redis down at enqueue, a killed worker).
    with django_capture_on_commit_callbacks(execute=False):
        services.rating_submit(
            rater=evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(instrument, 2, 3),
            comment=FEEDBACK,
            at=timezone.now() - timedelta(minutes=30),
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = run_daily()
    assert report.counts["evaluation result e-mails re-enqueued"] == 1
    assert [m.to for m in mail.outbox if m.subject.startswith("Your practical")] == [
        [eligible.email]
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert run_daily().counts["evaluation result e-mails re-enqueued"] == 0
