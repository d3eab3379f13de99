"""The entries each process keeps in memory in front of the cache (core/generations.py): a kept
entry is read without asking the cache, a bump — this process's or another's — makes the next
read build afresh, a kept entry leaves at its timeout or when less recently used ones need the
room, threads share it safely, and one person's entries are never another's."""

from __future__ import annotations

import threading

import pytest

from core import generations
from core.models import Generation
from tests.core.requests import one_request

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["shared cache", "database"])
def mode(request, settings):
    settings.CURRICULUM_CACHE_SHARED = request.param == "shared cache"
    settings.CURRICULUM_LOCAL_ENTRIES = 100
    return request.param


@pytest.fixture
def cache_reads(monkeypatch):
    """The entry keys read from the cache (generation counters are not counted)."""
    reads: list[str] = []
    real = generations.cache

    class Counting:
        def __getattr__(self, name):
            return getattr(real, name)

        def get(self, key, *args, **kwargs):
            reads.append(key)
            return real.get(key, *args, **kwargs)

    monkeypatch.setattr(generations, "cache", Counting())
    return reads


def counter(kind: str):
    """A build that counts how often it ran and returns that count."""
    built = []

    def build():
        built.append(kind)
        return f"{kind} #{len(built)}"

    return build


def test_a_kept_entry_is_read_without_asking_the_cache(mode, cache_reads):
    build = counter("kept")
    with one_request():
        assert generations.cached("test-kept", ("content",), (1,), build) == "kept #1"
    for _ in range(3):
        with one_request():
            assert generations.cached("test-kept", ("content",), (1,), build) == "kept #1"
    # The first request missed the cache once; the three after it never asked it.
    assert len([key for key in cache_reads if "test-kept" in key]) == 1


def test_an_entry_stored_by_a_writer_is_kept_too(mode, cache_reads):
    name = generations.user_name(31)
    generations.bump(name)
    generations.store("test-stored", (name,), (31,), "as written")
    with one_request():
        assert generations.cached("test-stored", (name,), (31,), lambda: "") == "as written"
    assert not [key for key in cache_reads if "test-stored" in key]


def test_turned_off_every_request_asks_the_cache(mode, settings, cache_reads):
    settings.CURRICULUM_LOCAL_ENTRIES = 0
    build = counter("off")
    for _ in range(3):
        with one_request():
            assert generations.cached("test-off", ("content",), (1,), build) == "off #1"
    assert len([key for key in cache_reads if "test-off" in key]) == 3


def test_a_bump_in_this_process_makes_the_next_read_build_afresh(mode):
    name = generations.user_name(32)
    build = counter("bumped")
    with one_request():
        assert generations.cached("test-bumped", (name,), (32,), build) == "bumped #1"
    with one_request():
        generations.bump(name)
    with one_request():
        assert generations.cached("test-bumped", (name,), (32,), build) == "bumped #2"
        assert generations.cached("test-bumped", (name,), (32,), build) == "bumped #2"


def test_another_workers_write_is_seen_at_the_next_request(mode):
    """Another worker's bump never reaches this process's memory: the counters it moves on, read
    afresh with each request, are what makes the kept entry's key an old one."""
    name = generations.user_name(33)
    build = counter("elsewhere")
    with one_request():
        assert generations.cached("test-elsewhere", (name,), (33,), build) == "elsewhere #1"
    # The other worker's bump, as it reaches the shared cache or the database.
    if mode == "shared cache":
        generations.cache.incr(generations.CACHE_PREFIX + name)
    else:
        Generation.objects.update_or_create(name=name, defaults={"value": 12345})
    with one_request():
        assert generations.cached("test-elsewhere", (name,), (33,), build) == "elsewhere #2"


def test_a_kept_entry_leaves_at_its_timeout(mode, monkeypatch, cache_reads):
    now = [1000.0]
    monkeypatch.setattr(generations, "_clock", lambda: now[0])
    generations.cached("test-timeout", ("content",), (1,), lambda: "short", timeout=60)
    generations.cached("test-timeout", ("content",), (2,), lambda: "long")  # an hour
    now[0] += 59
    generations.cached("test-timeout", ("content",), (1,), lambda: "")
    assert len([key for key in cache_reads if "test-timeout" in key]) == 2  # the two misses
    now[0] += 2
    # The short one is asked of the cache again (which still holds it here: its clock is not
    # ours); the long one is still kept.
    generations.cached("test-timeout", ("content",), (1,), lambda: "")
    generations.cached("test-timeout", ("content",), (2,), lambda: "")
    assert [key.rsplit(":", 1)[-1] for key in cache_reads if "test-timeout" in key] == [
        "1",
        "2",
        "1",
    ]


def test_an_entry_the_cache_would_not_keep_is_not_kept(mode, cache_reads):
    generations.cached("test-no-timeout", ("content",), (1,), lambda: "now", timeout=0)
    generations.cached("test-no-timeout", ("content",), (1,), lambda: "again")
    assert len([key for key in cache_reads if "test-no-timeout" in key]) == 2


def test_the_least_recently_used_make_room(mode, settings, cache_reads):
    settings.CURRICULUM_LOCAL_ENTRIES = 3
    for part in (1, 2, 3):
        generations.cached("test-lru", ("content",), (part,), lambda: "entry")
    generations.cached("test-lru", ("content",), (1,), lambda: "")  # 1 used again: 2 is oldest
    generations.cached("test-lru", ("content",), (4,), lambda: "entry")  # 2 makes room
    assert len(generations._kept) == 3
    del cache_reads[:]
    for part in (1, 3, 4, 2):
        generations.cached("test-lru", ("content",), (part,), lambda: "entry")
    assert [key.rsplit(":", 1)[-1] for key in cache_reads if "test-lru" in key] == ["2"]


def test_threads_share_the_kept_entries_without_mixing_them(settings):
    # The counters in the shared (memory) cache: no thread opens a database connection.
    settings.CURRICULUM_CACHE_SHARED = True
    settings.CURRICULUM_LOCAL_ENTRIES = 50
    generations.values("content")  # the counter exists before the threads read it
    errors: list[BaseException] = []
    wrong: list[tuple[int, object]] = []

    def work(offset: int) -> None:
        try:
            for i in range(400):
                part = (offset * 7 + i) % 120  # more parts than room: evictions all along
                value = generations.cached(
                    "test-threads", ("content",), (part,), lambda part=part: ("entry", part)
                )
                if value != ("entry", part):
                    wrong.append((part, value))
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert wrong == []
    assert len(generations._kept) <= 50


def test_one_persons_kept_entries_are_never_anothers(mode):
    """Both people's generations may hold the same value (never bumped: 0 in the database); the
    key carries whose entry it is, as every personal entry's parts do."""
    first, second = generations.user_name(41), generations.user_name(42)
    with one_request():
        generations.expect(first)
        assert generations.cached("test-person", (first,), (41,), lambda: "first's") == "first's"
    with one_request():
        generations.expect(second)
        got = generations.cached("test-person", (second,), (42,), lambda: "second's")
        assert got == "second's"
    with one_request():
        generations.expect(first)
        assert generations.cached("test-person", (first,), (41,), lambda: "") == "first's"
    generations.bump(first)
    with one_request():
        assert generations.cached("test-person", (second,), (42,), lambda: "") == "second's"
        assert generations.cached("test-person", (first,), (41,), lambda: "new") == "new"


def test_forgetting_empties_them(mode, cache_reads):
    generations.cached("test-forget", ("content",), (1,), lambda: "kept")
    generations.forget_local()
    assert len(generations._kept) == 0
    generations.cached("test-forget", ("content",), (1,), lambda: "")
    assert len([key for key in cache_reads if "test-forget" in key]) == 2
