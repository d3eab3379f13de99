"""Jobs a real `rqworker` runs for tests/core/test_rq_retries.py (importable by the worker)."""

import time

from rq import get_current_job


def fail_first_attempt(key: str) -> str:
    """Fails the first time it runs, succeeds the second; records when each attempt ran."""
    connection = get_current_job().connection
    connection.rpush(f"{key}:ran-at", repr(time.time()))
    if connection.incr(key) == 1:
        raise RuntimeError("the first attempt fails on purpose")
    return "second attempt ran"
