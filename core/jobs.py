"""The one path every background job takes.

With REDIS_URL set, jobs go to django-rq's "default" queue once the surrounding transaction
commits (so a worker never sees a row that is not there yet). Without it (`make demo` on a laptop)
they run in-process right after commit. Jobs must be idempotent: the reconciler and rq's retries
may run one twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import django_rq
from django.conf import settings
from django.db import transaction
from redis.exceptions import RedisError
from rq import Retry

logger = logging.getLogger(__name__)

# Backoff for a failing job: 4 more tries over roughly twenty minutes.
RETRY_INTERVALS = [10, 60, 300, 900]


def queue_enabled() -> bool:
    return bool(settings.REDIS_URL)


def get_queue(name: str = "default", **kwargs):
    return django_rq.get_queue(name, **kwargs)


def enqueue(func: Callable, *args, **kwargs) -> None:
    """Schedule `func(*args, **kwargs)` to run after the current transaction commits.

    Arguments must be plain values (ids, strings): the job re-fetches what it needs.
    A Redis outage at enqueue time is logged, not raised: the row that asked for the job
    stays in its pending state and the reconciler picks it up later.
    """
    transaction.on_commit(lambda: _dispatch(func, args, kwargs))


def _dispatch(func: Callable, args: tuple, kwargs: dict) -> None:
    name = f"{func.__module__}.{func.__qualname__}"
    if not queue_enabled():
        try:
            func(*args, **kwargs)
        except Exception:
            # In-process jobs record their own failure on their row; the request goes on.
            logger.exception("in-process job %s failed", name)
        return
    try:
        # We are already past the commit: "auto" stops django-rq deferring the write again (and
        # a Redis error then escaping this try) when a new transaction happens to be open.
        get_queue(commit_mode="auto").enqueue(
            func, *args, retry=Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS), **kwargs
        )
    except RedisError:
        logger.warning("could not enqueue %s: queue unavailable; the reconciler will retry", name)
