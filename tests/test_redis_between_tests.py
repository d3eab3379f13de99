"""What one test left in Redis is never found by the next.

Redis outlives a test and a run. A worker killed while it takes a job (as
tests/certificates/test_worker_kill.py does on purpose) leaves the job in rq's lists, where the
next rqworker on the same database finds it abandoned and schedules it for a retry that belongs
to nobody. The `redis_url` fixture (tests/conftest.py) clears rq's keys before each test that
uses Redis. These two tests run in this order in one process (one xdist group, so one Redis
database): the first leaves a job half taken, the second must find none of it."""

import pytest
import redis
from rq import Queue

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("redis-between-tests")]


def test_a_worker_killed_while_taking_a_job_leaves_it_behind(redis_url):
    connection = redis.Redis.from_url(redis_url)
    queue = Queue("default", connection=connection)
    job = queue.enqueue("os.getcwd")
    # What rq's worker does first as it takes a job, atomically (Queue.dequeue_any): the job
    # moves from the queue to the intermediate list. Killed here, it stays there.
    connection.lmove(queue.key, queue.intermediate_queue_key)
    assert job.id in queue.intermediate_queue.get_job_ids()
    assert connection.exists(job.key)


def test_the_next_test_using_redis_finds_none_of_rqs_keys(redis_url):
    connection = redis.Redis.from_url(redis_url)
    queue = Queue("default", connection=connection)
    assert queue.intermediate_queue.get_job_ids() == []
    assert list(connection.scan_iter("rq:*")) == []
