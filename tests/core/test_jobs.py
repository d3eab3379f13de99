"""core.jobs.enqueue: after commit, in-process without Redis, to django-rq's "default" queue
with it; a failing job or a dead Redis never breaks the request that asked for the job."""

import logging

import pytest
from django.db import transaction

from core import jobs

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"

CALLS: list[tuple] = []


def record_call(*args, **kwargs):
    """A job: module-level so rq can import it by name."""
    CALLS.append((args, kwargs))


def failing_job(certificate_id):
    raise RuntimeError(f"signing failed for {certificate_id}")


@pytest.fixture(autouse=True)
def _clear_calls():
    CALLS.clear()
    yield
    CALLS.clear()


@pytest.fixture
def in_process(settings):
    settings.REDIS_URL = ""


def test_in_process_job_runs_only_after_commit(in_process, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        jobs.enqueue(record_call, 7, reason="issued")
        assert CALLS == []  # still inside the transaction
    assert len(callbacks) == 1
    assert CALLS == [((7,), {"reason": "issued"})]


def test_in_process_job_does_not_run_when_the_transaction_rolls_back(
    in_process, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        jobs.enqueue(record_call, 7)
    assert len(callbacks) == 1
    assert CALLS == []  # never committed, never run


def test_failing_in_process_job_is_logged_not_raised(
    in_process, django_capture_on_commit_callbacks, caplog
):
    with (
        caplog.at_level(logging.ERROR, logger="core.jobs"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        jobs.enqueue(failing_job, 42)
    [record] = [r for r in caplog.records if r.name == "core.jobs"]
    assert record.levelno == logging.ERROR
    assert "tests.core.test_jobs.failing_job" in record.getMessage()
    assert record.exc_info and "signing failed for 42" in str(record.exc_info[1])


# The tests below run in a real transaction (no test-wide atomic block around them), the way a
# request or a job runs in production: django-rq's queue class only writes to Redis at once when
# no atomic block is open. serialized_rollback puts back what migrations created (Wagtail's root
# page, locale, site) so the transactional tests that follow still find it.


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_job_lands_in_the_default_queue_only_after_commit(redis_url):
    queue = jobs.get_queue("default")
    queue.empty()
    try:
        with transaction.atomic():
            jobs.enqueue(record_call, 7, reason="issued")
            assert queue.count == 0  # nothing a worker could pick up before the commit
        assert queue.count == 1
        [job] = queue.get_jobs()
        assert job.func_name == "tests.core.test_jobs.record_call"
        assert job.args == (7,)
        assert job.kwargs == {"reason": "issued"}
        assert job.retries_left == len(jobs.RETRY_INTERVALS)
        assert CALLS == []  # queued for a worker, not run here
    finally:
        queue.empty()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_job_is_not_queued_when_the_transaction_rolls_back(redis_url):
    queue = jobs.get_queue("default")
    queue.empty()
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.enqueue(record_call, 7)
        raise RuntimeError("the request failed")
    assert queue.count == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dead_redis_is_logged_as_a_warning_not_raised(settings, caplog):
    settings.REDIS_URL = DEAD_REDIS
    settings.RQ_QUEUES = {"default": {"URL": DEAD_REDIS, "DEFAULT_TIMEOUT": 300}}
    with caplog.at_level(logging.WARNING, logger="core.jobs"), transaction.atomic():
        jobs.enqueue(record_call, 7)
    assert CALLS == []
    [record] = [r for r in caplog.records if r.name == "core.jobs"]
    assert record.levelno == logging.WARNING
    assert "could not enqueue tests.core.test_jobs.record_call" in record.getMessage()
