"""Generation counters (core/generations.py): a bump moves a name on and no other, a cached entry
is never read again after a bump, and with per-process caches the counters live in the database,
read in one query a request and rolled back with the change that wrote them."""

from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext

from core import generations
from core.models import Generation

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["shared cache", "database"])
def mode(request, settings):
    settings.CURRICULUM_CACHE_SHARED = request.param == "shared cache"
    return request.param


@pytest.fixture
def in_request():
    # As Django's test client does: without close_old_connections, which would close the test's
    # connection on PostgreSQL (a connection inside the test's transaction looks unusable).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        yield
        request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_a_bump_moves_that_name_on_and_no_other(mode):
    mine, theirs = generations.user_name(1), generations.user_name(2)
    before = generations.values(mine, theirs, "content")
    generations.bump_users([1])
    after = generations.values(mine, theirs, "content")
    assert after[0] != before[0]
    assert after[1:] == before[1:]


def test_an_entry_is_built_again_after_a_bump_and_only_then(mode):
    built = []

    def build():
        built.append(1)
        return len(built)

    name = generations.user_name(7)
    assert generations.cached("test-entry", (name,), (7,), build) == 1
    assert generations.cached("test-entry", (name,), (7,), build) == 1
    generations.bump(name)
    assert generations.cached("test-entry", (name,), (7,), build) == 2


def test_one_persons_entry_is_never_anothers(mode):
    first = generations.cached("test-own", (generations.user_name(1),), (1,), lambda: "first")
    second = generations.cached("test-own", (generations.user_name(2),), (2,), lambda: "second")
    assert (first, second) == ("first", "second")


def test_per_process_caches_read_every_counter_a_request_needs_in_one_query(settings, in_request):
    settings.CURRICULUM_CACHE_SHARED = False
    generations.register("content", "roles")
    generations.expect(generations.user_name(5))
    with CaptureQueriesContext(connection) as queries:
        generations.values("content")
        generations.values("roles", generations.user_name(5))
        generations.values("content")
    assert len(queries) == 1


def test_a_bump_during_a_request_is_read_back_at_once(settings, in_request):
    settings.CURRICULUM_CACHE_SHARED = False
    name = generations.user_name(3)
    before = generations.values(name)
    generations.bump(name)
    assert generations.values(name) != before


def test_in_the_database_a_rolled_back_change_takes_its_bump_with_it(settings):
    settings.CURRICULUM_CACHE_SHARED = False
    name = generations.user_name(9)
    generations.bump(name)
    before = generations.values(name)

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        generations.bump(name)
        inside = generations.values(name)
        generations.cached("test-undone", (name,), (9,), lambda: "from the undone change")
        raise Undo

    assert generations.values(name) == before
    assert inside != before
    # What the undone change cached is under a value that is never read again.
    assert generations.cached("test-undone", (name,), (9,), lambda: "as it is") == "as it is"
    assert Generation.objects.get(name=name).value == before[0]


def test_a_shared_counter_moves_on_again_when_the_change_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.CURRICULUM_CACHE_SHARED = True
    name = generations.user_name(11)
    before = generations.values(name)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        generations.bump(name)
        at_once = generations.values(name)
        # Until the change commits, this thread neither stores nor reads entries under it.
        assert generations.unsettled(name)
        assert not generations.unsettled("content")
        generations.cached("test-unsettled", (name,), (11,), lambda: "uncommitted")
    assert before < at_once < generations.values(name)
    assert not generations.unsettled(name)
    assert generations.cached("test-unsettled", (name,), (11,), lambda: "committed") == "committed"
