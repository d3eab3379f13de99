"""An evaluation submitted twice at once gives one result: two threads on PostgreSQL, each on its
own connection, submit the same evaluator's rating (a double click, two tabs); one is recorded,
the other is refused with a clear error, and the trainee gets one e-mail. The same for two
requests at once. Without row locks the tables' unique constraints still say no."""

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from evaluations import services
from evaluations.models import Evaluation, Rating, Score
from tests.factories.evaluations import levels_for, scheduled_evaluation


def at_once(count: int, action) -> tuple[list, list[Exception]]:
    """Run `action(index)` in `count` threads released together; their results and errors."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(index: int):
        try:
            barrier.wait(timeout=30)
            results.append(action(index))
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("submissions", [2, 5])
def test_an_evaluation_submitted_several_times_at_once_gets_one_result(
    postgres, eligible, instrument, evaluator, submissions
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    mail.outbox.clear()
    # Each submission a different verdict: whichever wins, the loser must change nothing.
    verdicts = [(3, 3), (0, 0), (2, 2), (3, 1), (1, 3)]

    def submit(index: int):
        return services.rating_submit(
            rater=evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(instrument, *verdicts[index]),
            comment=f"Submission {index}",
        )

    results, errors = at_once(submissions, submit)
    assert len(results) == 1, errors
    assert len(errors) == submissions - 1
    assert all(isinstance(error, ValidationError) for error in errors), errors
    assert all(services.ALREADY_FINAL in error.messages for error in errors)

    [rating] = Rating.objects.filter(evaluation=evaluation)
    assert rating.pk == results[0].pk
    assert Score.objects.filter(rating__evaluation=evaluation).count() == 2
    evaluation.refresh_from_db()
    winner = int(rating.comment.removeprefix("Submission "))
    levels = verdicts[winner]
    assert evaluation.status == Evaluation.Status.COMPLETED
    assert evaluation.score_percent == sum(levels) * 100 // 6
    assert [m.to for m in mail.outbox] == [[eligible.email]]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_open_one_evaluation(postgres, eligible, instrument):
    results, errors = at_once(
        2, lambda _i: services.evaluation_request(trainee=eligible, instrument=instrument)
    )
    assert len(results) == 1
    [error] = errors
    assert isinstance(error, ValidationError) and services.ALREADY_OPEN in error.messages
    assert Evaluation.objects.filter(trainee=eligible).count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_rating_in_the_same_role(eligible, instrument, evaluator):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    Rating.objects.create(evaluation=evaluation, rater=evaluator, role="primary", comment="One.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(
            evaluation=evaluation, rater=evaluator, role="primary", comment="Two."
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(
            trainee=eligible,
            instrument=instrument,
            revision_id=instrument.live_revision_id,
        )  # a second open evaluation of the same instrument
