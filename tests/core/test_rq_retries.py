"""A job that fails is tried again after its retry interval (core/jobs.py), by a real
`rqworker` started as deploy/ starts it: rq parks the failed job in rq:scheduled:default and
only a worker running rq's scheduler moves it back to the queue. Exactly one unit does."""

import os
import shlex
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from rq.registry import ScheduledJobRegistry

from core import jobs
from tests.core.retry_jobs import fail_first_attempt
from tests.rq_results import wait_for_success

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

# The project's backoff starts at 10 s (core.jobs.RETRY_INTERVALS). rq writes the intervals into
# the job when it is enqueued, and what is tested here (who moves a parked job back, and when)
# does not depend on the number, so these tests enqueue with a short one instead of waiting the
# real one out. Two seconds, not one: rq keeps scheduled times in whole seconds, so a retry may
# come up to a second early, and one second could not be told apart from no wait at all.
INTERVAL = 2


def unit_command(unit: str) -> list[str]:
    """The unit's ExecStart, run here: this interpreter for the installation's venv python."""
    text = (DEPLOY / unit).read_text().replace("\\\n", " ")  # continuation lines
    for line in text.splitlines():
        if line.startswith("ExecStart="):
            command = shlex.split(line.removeprefix("ExecStart="))
            return [sys.executable, *command[1:]]
    raise AssertionError(f"{unit} has no ExecStart")


def test_exactly_one_unit_runs_the_scheduler():
    units = sorted(unit.name for unit in DEPLOY.glob("*.service"))
    with_scheduler = [name for name in units if "--with-scheduler" in unit_command(name)]
    assert with_scheduler == ["peercert-worker-scheduler.service"]


def start(command: list[str], redis_url: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "REDIS_URL": redis_url}
    with log.open("ab") as output:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def enqueue_failing_job(queue, django_capture_on_commit_callbacks) -> tuple[str, str]:
    """Through the project's own path (core.jobs: Retry with RETRY_INTERVALS)."""
    key = f"retry-probe:{uuid.uuid4().hex}"
    before = set(queue.get_job_ids())
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue(fail_first_attempt, key)
    [job_id] = set(queue.get_job_ids()) - before
    assert queue.fetch_job(job_id).retry_intervals == jobs.RETRY_INTERVALS
    return key, job_id


@pytest.fixture
def queue(redis_url, monkeypatch):
    # Starts empty: redis_url clears rq's keys, among them a parked job an earlier test left
    # and the lock of a scheduler worker it killed (held for a minute otherwise).
    monkeypatch.setattr(jobs, "RETRY_INTERVALS", [INTERVAL])
    return jobs.get_queue()


def test_the_scheduler_worker_retries_a_failed_job_after_its_interval(
    queue, redis_url, tmp_path, django_capture_on_commit_callbacks
):
    key, job_id = enqueue_failing_job(queue, django_capture_on_commit_callbacks)
    log = tmp_path / "worker.log"
    worker = start(unit_command("peercert-worker-scheduler.service"), redis_url, log)
    try:
        deadline = time.monotonic() + 60 + INTERVAL
        wait_for_success(queue, job_id, deadline=deadline, what="the retried job")
    finally:
        stop(worker)
    connection = queue.connection
    assert int(connection.get(key)) == 2, log.read_text()[-2000:]
    first, second = (float(t) for t in connection.lrange(f"{key}:ran-at", 0, -1))
    # rq keeps scheduled times in whole seconds: the retry may come up to a second early.
    assert INTERVAL - 1 <= second - first < INTERVAL + 30


def test_a_worker_without_the_scheduler_leaves_the_retry_parked(
    queue, redis_url, tmp_path, django_capture_on_commit_callbacks
):
    """What peercert-worker@N does alone, as every unit did before: the failed job waits in
    rq:scheduled:default past its interval, retried by nobody."""
    key, job_id = enqueue_failing_job(queue, django_capture_on_commit_callbacks)
    log = tmp_path / "worker.log"
    worker = start(unit_command("peercert-worker@.service"), redis_url, log)
    connection = queue.connection
    registry = ScheduledJobRegistry(queue=queue)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and job_id not in registry.get_job_ids():
            time.sleep(0.2)
        assert job_id in registry.get_job_ids(), log.read_text()[-2000:]
        # Past the time it was due by several of rq's one-second scheduler ticks: a scheduler
        # would have moved it by then. Nothing here to wait on: the point is that nothing comes.
        due = registry.get_scheduled_time(job_id).timestamp()
        time.sleep(max(0.0, due - time.time()) + 3)
        assert int(connection.get(key)) == 1
        assert job_id in registry.get_job_ids()
    finally:
        stop(worker)
