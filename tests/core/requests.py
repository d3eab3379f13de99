"""A request's start and end signals, as Django's test client sends them around a request."""

from contextlib import contextmanager

from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@contextmanager
def one_request():
    """request_started … request_finished around the block (what a request's memo and the
    generations' per-request reads hang on), without close_old_connections: it would close the
    test's connection on PostgreSQL (a connection inside the test's transaction looks unusable)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        yield
        request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
