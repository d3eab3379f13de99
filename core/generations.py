"""Generation counters: what a cached entry was built from, so that no entry outlives a change.

A *generation* is a number with a name ("content", "roles", "user:42", …). Whatever is cached
is keyed by the generations of everything it was read from; every write that changes any of it
*bumps* them, so the next read after a change misses, builds afresh, and nothing older is read
again. Entries are never deleted one by one: an entry nobody asks for any more leaves the cache
when its timeout ends.

Two kinds of name: a global one (the published content, the role groups, the CE rules) is
bumped by edits that change something for everyone; a person's own (``user_name(pk)``) by every
write to their progress, attempts, CE records, certificates, enrolments, cohorts or groups, so
one person's writes never empty another's entries, and one person's entries (keyed by their
generation and their id) are never read for another.

Where the counters live depends on the cache (settings.CURRICULUM_CACHE_SHARED):

- A cache every worker shares (Redis): in the cache. A bump moves the counter on at once and again
  when the transaction commits (a reader between the two would otherwise store the old rows under
  the new number); until the writer's own transaction commits, it neither reads nor stores
  entries (what it would store could still be rolled back).
- A cache per process (the local-memory default with several workers): a worker cannot see
  another's cache, so the counters are rows of core.Generation, written inside the transaction
  that makes the change (committed or rolled back with it) with a fresh random value each time
  (a value a rolled-back change wrote never returns). Every name a request will need — the
  global ones and the signed-in person's, which the request announces up front (``expect``) — is
  read in one query, once per request.

Within a request the values are read once and kept, and so is every entry ``cached`` returns
(keyed by its full key, generations included): a page that asks for the same entry ten times
(the locales, a course's skeleton, a translation) reads the cache once and unpickles once. A bump
during the request forgets both, so the next read fetches afresh and a write is seen by the
reads after it. The memo belongs to one request of one thread: it is made by request_started
and dropped by request_finished, and outside a request (jobs, commands, the shell) every read
fetches the generations afresh. An entry is shared by the callers of one request: treat what ``cached`` returns as
read-only (copy before changing it), as the cache's own copies are.

Behind the memo, each process keeps the entries it read or stored most recently, unpickled, in
a bounded LRU (settings.CURRICULUM_LOCAL_ENTRIES entries; 0 turns it off), keyed like the memo
by the full key. A key carries the generations its entry was built from, so the copy in memory
is exactly as valid as the cache's own: the generations are still read afresh with each
request (one query or one round trip), a write still moves them on at once, and what the write
made out of date is simply never asked for again. A kept entry leaves at its timeout, counted
from when this process stored or read it (the cache's copy may have been stored earlier; an
entry is valid for as long as its key is current, the timeout only bounds memory), or
earlier when less recently used ones make room. So an entry is shared by the requests and
threads of a process too: what ``cached`` returns must not be changed, not even by loading a
relation of a model instance in it that its key's generations do not cover (read what a page
needs in the build). ``forget_local`` empties it (tests, a demo restored).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.signals import request_finished, request_started, setting_changed
from django.db import connection, transaction
from django.db.models.signals import post_migrate, pre_migrate

CACHE_PREFIX = "generation:"
# Long enough to matter, short enough that an entry nobody bumped away still leaves memory.
TIMEOUT = 60 * 60

_local = threading.local()
# Names read with every first read of a request (per-process cache): register() adds to it.
_GLOBAL: set[str] = set()
# Aspects of a person moved on apart from the rest of their rows (register_personal()).
_PERSONAL: set[str] = set()
_MISSING = object()
# While `migrate` runs, core.Generation may not exist yet, and no cache serves anyone.
_migrating = False


def shared() -> bool:
    """Whether every worker reads and writes the one cache (Redis)."""
    return getattr(settings, "CURRICULUM_CACHE_SHARED", False)


def register(*names: str) -> None:
    """Global generations every page may need: read together in one query (per-process cache)."""
    _GLOBAL.update(names)


def user_name(pk) -> str:
    """The name of one person's generation."""
    return f"user:{pk}"


def register_personal(*aspects: str) -> None:
    """Aspects of a person that change far more often than the rest of their rows (where a
    trainee is reading): each has a generation of its own (``personal_name``), so moving it on
    leaves the person's other entries in place. A request that expects the person's generation
    expects these too (read in the same query)."""
    _PERSONAL.update(aspects)


def personal_name(pk, aspect: str) -> str:
    """The name of one aspect of one person's rows (register_personal)."""
    return f"{user_name(pk)}:{aspect}"


# Entries this process keeps unpickled, in front of the cache (see the module docstring).
LOCAL_ENTRIES = 2_000
# What a kept entry's timeout is counted on (a clock that never goes back).
_clock = time.monotonic


def _local_size() -> int:
    return getattr(settings, "CURRICULUM_LOCAL_ENTRIES", LOCAL_ENTRIES)


class _LocalEntries:
    """A bounded LRU of (value, expiry) by full key, shared by the threads of one process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[Any, float | None]] = OrderedDict()

    def get(self, name: str):
        now = _clock()
        with self._lock:
            item = self._items.get(name)
            if item is None:
                return _MISSING
            if item[1] is not None and item[1] <= now:
                del self._items[name]
                return _MISSING
            self._items.move_to_end(name)
            return item[0]

    def put(self, name: str, value, timeout) -> None:
        size = _local_size()
        if size <= 0:
            return
        if timeout is DEFAULT_TIMEOUT:
            timeout = cache.default_timeout
        if timeout is not None and timeout <= 0:
            return  # the cache would not keep it either
        expires = None if timeout is None else _clock() + timeout
        with self._lock:
            self._items[name] = (value, expires)
            self._items.move_to_end(name)
            while len(self._items) > size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


_kept = _LocalEntries()


def forget_local() -> None:
    """Empty this process's kept entries: where the cache is emptied and the database goes back
    to an earlier state (a test's rollback, a restored demo), a generation's value can come back
    with other rows behind it, which no running site ever sees."""
    _kept.clear()


# --- reading ----------------------------------------------------------------------------------


def _memo() -> dict[str, int] | None:
    return getattr(_local, "memo", None)


def _entries() -> dict[str, Any] | None:
    """This request's entries read so far (full key → value), or None outside a request."""
    return getattr(_local, "entries", None)


def expect(*names: str) -> None:
    """Names this request will read (the signed-in person's): fetched with the first read."""
    if _memo() is not None:
        wanted = {n for n in names if n}
        # A person's own aspects come with their generation (user:<pk> → user:<pk>:<aspect>).
        wanted |= {
            f"{n}:{aspect}"
            for n in wanted
            if n.count(":") == 1 and n.startswith("user:")
            for aspect in _PERSONAL
        }
        _local.expected = getattr(_local, "expected", set()) | wanted


def _fetch_cache(names: list[str]) -> dict[str, int]:
    keys = {name: CACHE_PREFIX + name for name in names}
    found = cache.get_many(list(keys.values()))
    values = {}
    for name, key in keys.items():
        value = found.get(key)
        if value is None:
            # A fresh (or emptied, or evicted) cache starts from the clock: never a number an
            # entry still in the cache was stored under.
            cache.add(key, time.time_ns(), None)
            value = cache.get(key, 0)
        values[name] = value
    return values


def _fetch_database(names: list[str]) -> dict[str, int]:
    from .models import Generation

    values = dict.fromkeys(names, 0)  # never bumped: 0
    values.update(Generation.objects.filter(name__in=names).values_list("name", "value"))
    return values


def values(*names: str) -> tuple[int, ...]:
    """The current value of each generation, in order."""
    memo = _memo()
    if memo is None:
        fetched = (_fetch_cache if shared() else _fetch_database)(list(names))
        return tuple(fetched[name] for name in names)
    missing = [name for name in names if name not in memo]
    if missing:
        # One query (or one round trip to the shared cache) for all a request will need: the
        # globals and the expected names too.
        wanted = set(missing) | ((_GLOBAL | getattr(_local, "expected", set())) - memo.keys())
        memo.update((_fetch_cache if shared() else _fetch_database)(sorted(wanted)))
    return tuple(memo[name] for name in names)


def key(kind: str, names: Iterable[str], *parts) -> str:
    """A cache key for `kind` and `parts` that changes whenever one of `names` is bumped."""
    names = tuple(names)
    stamp = ".".join(str(v) for v in values(*names))
    return ":".join(["gen", kind, stamp, *(str(p) for p in parts)])


def unsettled(*names: str) -> bool:
    """Whether this thread bumped one of these shared counters in a transaction that has not
    committed yet: entries under it are neither read nor stored until it does (what this thread
    would store could still be rolled back, and what it would read predates its own write)."""
    pending = getattr(_local, "unsettled", None)
    if not pending:
        return False
    if not shared() or not _in_transaction():
        # Committed (the callback has run) or rolled back (the data is as it was): settled.
        pending.clear()
        return False
    return not pending.isdisjoint(names)


def cached(
    kind: str, names: Iterable[str], parts: tuple, build: Callable[[], Any], timeout=TIMEOUT
):
    """The entry for (kind, parts) under the current generations of `names`, built and stored
    on a miss."""
    names = tuple(names)
    if unsettled(*names):
        return build()
    name = key(kind, names, *parts)
    value = read(name, timeout)
    if value is not _MISSING:
        return value
    value = build()
    if unsettled(*names):  # building may itself have written
        return value
    cache.set(name, value, timeout)
    # Kept unless building bumped something (then the entry is under a value this request no
    # longer reads, and the bump emptied the memo).
    if not _bumped_since(name, names):
        _kept.put(name, value, timeout)
        entries = _entries()
        if entries is not None:
            entries[name] = value
    return value


def store(kind: str, names: Iterable[str], parts: tuple, value, timeout=TIMEOUT) -> None:
    """Put the entry for (kind, parts) under the current generations of `names`: for a writer
    that has just bumped them and already holds what the next read would build (the row it
    wrote), so that read is not a miss. Nothing is stored while the write is unsettled."""
    names = tuple(names)
    if unsettled(*names):
        return
    name = key(kind, names, *parts)
    cache.set(name, value, timeout)
    _kept.put(name, value, timeout)
    entries = _entries()
    if entries is not None:
        entries[name] = value


MISSING = _MISSING  # what read() answers for an entry nobody stored (or that has expired)


def read(name: str, timeout=TIMEOUT):
    """The entry stored under `name`, a full key made by key() (for a caller whose key holds
    what it shows, worked out per request: the dashboard's rendered parts), or MISSING: from
    this request's memo, this process's kept entries or the cache (then kept here for
    `timeout`, the writer's own). cached() reads through it."""
    entries = _entries()
    if entries is not None:
        value = entries.get(name, _MISSING)
        if value is not _MISSING:
            return value
    value = _kept.get(name)
    if value is _MISSING:
        value = cache.get(name, _MISSING)
        if value is _MISSING:
            return value
        _kept.put(name, value, timeout)
    if entries is not None:
        entries[name] = value
    return value


def write(name: str, value, timeout=TIMEOUT) -> None:
    """Store `value` under `name`, a full key made by key() (read() reads it): in the cache and
    in this process's kept entries. The caller checks unsettled() first, as for store()."""
    cache.set(name, value, timeout)
    _kept.put(name, value, timeout)
    entries = _entries()
    if entries is not None:
        entries[name] = value


def _bumped_since(name: str, names: tuple[str, ...]) -> bool:
    """Whether one of `names` moved on since `name` was keyed (a build that wrote). Outside a
    request nothing tells: no, as the cache was told too (a key a bump left behind is never
    asked for again)."""
    memo = _memo()
    return memo is not None and any(n not in memo for n in names)


# --- writing ----------------------------------------------------------------------------------


def _bump_cache(names: list[str]) -> None:
    for name in names:
        try:
            cache.incr(CACHE_PREFIX + name)
        except ValueError:  # not there (yet, or any more): a new starting point
            cache.set(CACHE_PREFIX + name, time.time_ns(), None)


def _in_transaction() -> bool:
    """In a transaction that will commit or roll back: an atomic block of the code's own (the
    ones a test case wraps each test in never commit, and count as autocommit, as Django's
    durable blocks count them)."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _settled(names: list[str]) -> None:
    _bump_cache(names)
    pending = getattr(_local, "unsettled", None)
    if pending:
        pending.difference_update(names)


def _bump_database(names: list[str]) -> dict[str, int]:
    from .models import Generation

    table = connection.ops.quote_name(Generation._meta.db_table)
    rows = ", ".join(["(%s, %s)"] * len(names))
    written = {name: secrets.randbits(62) for name in names}
    params = []
    for name, value in written.items():
        params += [name, value]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, value) VALUES {rows} "  # noqa: S608 (names are params)
            "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
            params,
        )
    return written


def bump(*names: str) -> None:
    """Everything cached under these generations is out of date."""
    names = sorted({name for name in names if name})
    if not names or _migrating:
        return
    memo = _memo()
    if memo is not None:
        for name in names:
            memo.pop(name, None)
    entries = _entries()
    if entries is not None:
        # Entries are keyed by the values just forgotten; any of them may hold what the write
        # changed (one built from several names): all are read afresh.
        entries.clear()
    if shared():
        _bump_cache(names)
        if connection.in_atomic_block:
            if _in_transaction():
                if getattr(_local, "unsettled", None) is None:
                    _local.unsettled = set()
                _local.unsettled.update(names)
            transaction.on_commit(lambda: _settled(names))
    else:
        written = _bump_database(names)
        if memo is not None:
            # What this request's next read would fetch: no second query for it.
            memo.update(written)


def bump_users(pks: Iterable) -> None:
    """Everything cached for these people is out of date."""
    bump(*(user_name(pk) for pk in pks if pk is not None))


# --- wiring -----------------------------------------------------------------------------------


def _request_started(**kwargs) -> None:
    _local.memo = {}
    _local.entries = {}
    _local.expected = set()
    _local.unsettled = set()


def _request_finished(**kwargs) -> None:
    _local.memo = None
    _local.entries = None
    _local.expected = set()
    _local.unsettled = set()


def _setting_changed(setting: str, **kwargs) -> None:
    # Another cache, or counters kept elsewhere: what this process kept was read from the old.
    if setting in ("CACHES", "CURRICULUM_CACHE_SHARED", "CURRICULUM_LOCAL_ENTRIES"):
        forget_local()


def _pre_migrate(**kwargs) -> None:
    global _migrating
    _migrating = True


def _post_migrate(**kwargs) -> None:
    global _migrating
    _migrating = False


def connect() -> None:
    request_started.connect(_request_started, dispatch_uid="generations-request-started")
    request_finished.connect(_request_finished, dispatch_uid="generations-request-finished")
    setting_changed.connect(_setting_changed, dispatch_uid="generations-setting-changed")
    pre_migrate.connect(_pre_migrate, dispatch_uid="generations-pre-migrate")
    post_migrate.connect(_post_migrate, dispatch_uid="generations-post-migrate")


__all__ = [
    "TIMEOUT",
    "bump",
    "bump_users",
    "cached",
    "connect",
    "expect",
    "forget_local",
    "MISSING",
    "key",
    "personal_name",
    "read",
    "register",
    "register_personal",
    "shared",
    "store",
    "unsettled",
    "user_name",
    "values",
    "write",
]
