"""Waiting for a real `rqworker` on rq's own completion events instead of polling.

rq appends every result of a job (success or failure) to a Redis stream, `rq:results:<job id>`;
XREAD blocks until an entry arrives, so a test wakes the moment a job is done. The waits are
bounded, and are taken in slices of at most a second so that a worker that died is reported at
once instead of at the deadline.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rq.job import Job
from rq.queue import Queue
from rq.results import Result
from rq.worker import Worker

from cms.worker import PromptPubsubShutdown


class PlainWorker(PromptPubsubShutdown, Worker):
    """rq's own worker, without PeerCertWorker's warm-up, that exits as soon as it is told to
    (a SIGTERM at the end of a test) instead of sometimes a minute later (cms/worker.py)."""


SLICE = 1.0  # seconds one XREAD blocks before the worker's health is looked at again


def wait_for_success(
    queue: Queue,
    job_id: str,
    *,
    deadline: float,
    alive: Callable[[], str | None] = lambda: None,
    what: str = "a job",
) -> Result:
    """Block until job `job_id` has a successful result. A failed attempt is not the end (rq
    retries), but its error is reported if the deadline (a `time.monotonic()` value) passes.
    `alive()` returns why the worker can no longer run jobs, or None while it can."""
    connection = queue.connection
    key = Result.get_key(job_id)
    last_seen = "0-0"  # from the start of the stream: a result already there counts
    failure = ""
    while True:
        dead = alive()
        if dead:
            raise AssertionError(f"waiting for {what} (job {job_id}): {dead}")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(
                f"timed out waiting for {what} (job {job_id}"
                + (f"; last attempt failed: {failure}" if failure else "")
                + ")"
            )
        block_ms = max(1, int(min(remaining, SLICE) * 1000))
        for _stream, entries in connection.xread({key: last_seen}, block=block_ms) or []:
            for entry_id, payload in entries:
                last_seen = entry_id
                result = Result.restore(
                    job_id,
                    entry_id.decode(),
                    payload,
                    connection=connection,
                    serializer=queue.serializer,
                )
                if result.type == Result.Type.SUCCESSFUL:
                    return result
                failure = result.exc_string or str(result.type)


def all_job_ids(queue: Queue) -> set[str]:
    """Every job rq knows on this queue: waiting, running, done, failed, retrying or deferred."""
    ids = set(queue.get_job_ids())
    for registry in (
        queue.started_job_registry,
        queue.finished_job_registry,
        queue.failed_job_registry,
        queue.scheduled_job_registry,
        queue.deferred_job_registry,
    ):
        ids.update(registry.get_job_ids())
    return ids


class JobWatch:
    """The jobs enqueued after this watch was made — by the test, the live server or a job — and
    a way to wait until every one of them has succeeded."""

    def __init__(self, queue: Queue, *, alive: Callable[[], str | None] = lambda: None):
        self.queue = queue
        self.alive = alive
        self.done = all_job_ids(queue)  # whatever was there before the watch was made

    def settle(self, *, timeout: float, what: str) -> None:
        """Wait until each job enqueued so far, and each job those enqueue, has succeeded. A job
        enqueues its follow-ups before its own result is written, so once a round finds no new
        job the queue is quiet."""
        deadline = time.monotonic() + timeout
        while pending := all_job_ids(self.queue) - self.done:
            for job_id in sorted(pending):
                wait_for_success(self.queue, job_id, deadline=deadline, alive=self.alive, what=what)
                self.done.add(job_id)

    def describe(self) -> str:
        lines = []
        for job_id in sorted(all_job_ids(self.queue) - self.done):
            job = Job.fetch(job_id, connection=self.queue.connection)
            lines.append(f"{job_id} {job.func_name} {job.get_status()}")
        return "\n".join(lines) or "(no unfinished jobs)"
