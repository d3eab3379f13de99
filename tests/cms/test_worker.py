"""The worker class deploy/ runs (settings.RQ: cms.worker.PeerCertWorker)."""

import threading
import time

import pytest
from redis import Redis

from cms.worker import PeerCertWorker

pytestmark = pytest.mark.redis


def _until(condition) -> None:
    """Waits (up to 30 s) for the listener thread to reach a state that a reply from Redis sets."""
    pause, deadline = threading.Event(), time.monotonic() + 30
    while time.monotonic() < deadline:
        if condition():
            return
        pause.wait(0.001)
    raise AssertionError("the listener thread never got there")


def test_the_command_listener_stops_at_once_after_reading_its_unsubscribe_reply(redis_url):
    # The race rq#1613 describes, made to happen: the listener thread reads the reply to the
    # worker's UNSUBSCRIBE before the worker stops it, and goes back to waiting for a
    # subscription. With rq's own 60 s wait the worker's exit sat out that minute.
    worker = PeerCertWorker(["default"], connection=Redis.from_url(redis_url))
    worker.subscribe()
    try:
        _until(lambda: worker.pubsub.subscribed)
        worker.pubsub.unsubscribe()
        _until(lambda: not worker.pubsub.subscribed)
        worker.pubsub_thread.stop(timeout=30)
        assert not worker.pubsub_thread.is_alive()
    finally:
        worker.pubsub.close()
