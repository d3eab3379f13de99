"""Generation counters (core/generations.py): a bump moves a name on and no other, a cached entry
is never read again after a bump, and with per-process caches the counters live in the database,
read in one query a request and rolled back with the change that wrote them."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core import generations
from core.models import Generation
from tests.core.requests import one_request

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["shared cache", "database"])
def mode(request, settings):
    settings.CURRICULUM_CACHE_SHARED = request.param == "shared cache"
    return request.param


@pytest.fixture
def in_request():
    with one_request():
        yield


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


# --- the per-request memo of entries ------------------------------------------------------------


def test_an_entry_is_read_from_the_cache_once_a_request(mode, in_request, monkeypatch):
    # Stored by an earlier request.
    generations.cache.set(generations.key("test-memo", ("content",), 1), "stored")
    reads = []

    class Counting:
        def __getattr__(self, name):
            return getattr(generations.django_cache, name)

        def get(self, key, *args, **kwargs):
            reads.append(key)
            return generations.django_cache.get(key, *args, **kwargs)

    monkeypatch.setattr(generations, "django_cache", generations.cache, raising=False)
    monkeypatch.setattr(generations, "cache", Counting())
    for _ in range(3):
        assert generations.cached("test-memo", ("content",), (1,), lambda: "rebuilt") == "stored"
    assert len([name for name in reads if "test-memo" in name]) == 1


def test_a_write_in_a_request_is_seen_by_the_reads_after_it(mode, in_request):
    name = generations.user_name(21)
    progress = {"lessons": 1}

    def build():
        return dict(progress)

    assert generations.cached("test-write", (name,), (21,), build) == {"lessons": 1}
    progress["lessons"] = 2  # the write …
    generations.bump(name)  # … and its bump, as every write to a person's rows does
    assert generations.cached("test-write", (name,), (21,), build) == {"lessons": 2}


def test_any_bump_in_a_request_reads_every_entry_afresh_from_the_cache(mode, in_request):
    # The memo forgets everything (an entry may hold more than its names say); the cache keeps
    # what is still current, so nothing is built again.
    built = []
    generations.cached("test-other", ("content",), (1,), lambda: built.append(1) or len(built))
    generations.bump(generations.user_name(22))
    assert generations._entries() == {}
    assert generations.cached("test-other", ("content",), (1,), lambda: "again") == 1
    assert built == [1]


def test_a_build_that_writes_is_not_kept_for_the_request(mode, in_request):
    name = generations.user_name(23)
    built = []

    def build_and_write():
        built.append(1)
        generations.bump(name)  # building changed what it was keyed by
        return len(built)

    generations.cached("test-build-writes", (name,), (23,), build_and_write)
    assert generations.cached("test-build-writes", (name,), (23,), lambda: "after") == "after"


def test_two_requests_never_share_the_memo(settings):
    settings.CURRICULUM_CACHE_SHARED = True  # no query: a request without the test's database
    # The memo alone: the entries a process keeps across requests are tests/core/
    # test_local_entries.py's (an entry is never replaced under its key there).
    settings.CURRICULUM_LOCAL_ENTRIES = 0
    with one_request():
        generations.cached("test-two", ("content",), (1,), lambda: "first request")
        first = generations._entries()
    assert generations._entries() is None  # nothing kept between requests
    # Another writer replaces the entry between the requests (as a bump and rebuild would).
    generations.cache.set(generations.key("test-two", ("content",), 1), "second request")
    with one_request():
        assert generations._entries() == {}
        assert generations._entries() is not first
        assert generations.cached("test-two", ("content",), (1,), lambda: "") == "second request"


def test_another_thread_never_reads_this_requests_memo(mode, in_request):
    import threading

    generations.cached("test-thread", ("content",), (1,), lambda: "this request")
    seen = {}

    def other():
        # A thread of its own serving no request: no memo, every read from the cache.
        seen["entries"] = generations._entries()
        seen["value"] = generations.cached("test-thread", ("content",), (2,), lambda: "other")

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen == {"entries": None, "value": "other"}
    assert all("test-thread" not in key or key.endswith(":1") for key in generations._entries())


def test_outside_a_request_every_read_goes_to_the_cache(mode, settings):
    settings.CURRICULUM_LOCAL_ENTRIES = 0  # no entries kept in memory either
    generations.cached("test-outside", ("content",), (1,), lambda: "first")
    generations.cache.set(generations.key("test-outside", ("content",), 1), "changed")
    assert generations.cached("test-outside", ("content",), (1,), lambda: "") == "changed"
