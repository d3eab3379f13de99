"""Concurrent requests against the attempt engine, with real threads on PostgreSQL."""

import threading

import pytest
from django.db import connection

from assessments import selectors, services
from assessments.models import Attempt, AttemptState

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_in_threads(count, target):
    barrier = threading.Barrier(count)
    errors = []

    def worker():
        try:
            barrier.wait()
            target()
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_twenty_concurrent_submits_grade_exactly_once(postgres, enrolled, quiz, monkeypatch):
    attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
    gradings = []
    real = services.grade_attempt

    def counting(**kwargs):
        gradings.append(kwargs["attempt"].pk)
        return real(**kwargs)

    monkeypatch.setattr(services, "grade_attempt", counting)
    errors = run_in_threads(20, lambda: services.attempt_submit(attempt=attempt))
    assert errors == []
    assert gradings == [attempt.pk]
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.GRADED


def test_concurrent_starts_never_exceed_the_attempt_limit(postgres, enrolled, course_tree):
    from tests.assessments.conftest import make_assessment

    quiz, _ = make_assessment(course_tree.modules[0], max_attempts=2)

    def start_and_submit():
        try:
            attempt = services.attempt_start(trainee=enrolled, assessment=quiz)
        except Exception as error:
            if selectors.NO_ATTEMPTS_LEFT in str(error):
                return
            raise
        services.attempt_submit(attempt=attempt)

    errors = run_in_threads(12, start_and_submit)
    assert errors == []
    assert Attempt.objects.filter(trainee=enrolled, assessment=quiz).count() == 2


def test_concurrent_starts_open_a_single_attempt(postgres, enrolled, quiz):
    started = []
    errors = run_in_threads(
        10, lambda: started.append(services.attempt_start(trainee=enrolled, assessment=quiz).pk)
    )
    assert errors == []
    assert len(set(started)) == 1
    assert Attempt.objects.filter(trainee=enrolled, assessment=quiz).count() == 1
