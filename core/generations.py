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

Within a request the values are read once and kept, except that a bump during the request makes
the next read fetch afresh. Outside a request (jobs, commands, the shell) every read fetches.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models.signals import post_migrate, pre_migrate

CACHE_PREFIX = "generation:"
# Long enough to matter, short enough that an entry nobody bumped away still leaves memory.
TIMEOUT = 60 * 60

_local = threading.local()
# Names read with every first read of a request (per-process cache): register() adds to it.
_GLOBAL: set[str] = set()
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


# --- reading ----------------------------------------------------------------------------------


def _memo() -> dict[str, int] | None:
    return getattr(_local, "memo", None)


def expect(*names: str) -> None:
    """Names this request will read (the signed-in person's): fetched with the first read."""
    if _memo() is not None:
        _local.expected = getattr(_local, "expected", set()) | {n for n in names if n}


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
        if shared():
            memo.update(_fetch_cache(missing))
        else:
            # One query for all a request will need: the globals and the expected names too.
            wanted = set(missing) | ((_GLOBAL | getattr(_local, "expected", set())) - memo.keys())
            memo.update(_fetch_database(sorted(wanted)))
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
    value = cache.get(name, _MISSING)
    if value is _MISSING:
        value = build()
        if not unsettled(*names):  # building may itself have written
            cache.set(name, value, timeout)
    return value


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


def _bump_database(names: list[str]) -> None:
    from .models import Generation

    table = connection.ops.quote_name(Generation._meta.db_table)
    rows = ", ".join(["(%s, %s)"] * len(names))
    params = []
    for name in names:
        params += [name, secrets.randbits(62)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, value) VALUES {rows} "  # noqa: S608 (names are params)
            "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
            params,
        )


def bump(*names: str) -> None:
    """Everything cached under these generations is out of date."""
    names = sorted({name for name in names if name})
    if not names or _migrating:
        return
    memo = _memo()
    if memo is not None:
        for name in names:
            memo.pop(name, None)
    if shared():
        _bump_cache(names)
        if connection.in_atomic_block:
            if _in_transaction():
                if getattr(_local, "unsettled", None) is None:
                    _local.unsettled = set()
                _local.unsettled.update(names)
            transaction.on_commit(lambda: _settled(names))
    else:
        _bump_database(names)


def bump_users(pks: Iterable) -> None:
    """Everything cached for these people is out of date."""
    bump(*(user_name(pk) for pk in pks if pk is not None))


# --- wiring -----------------------------------------------------------------------------------


def _request_started(**kwargs) -> None:
    _local.memo = {}
    _local.expected = set()
    _local.unsettled = set()


def _request_finished(**kwargs) -> None:
    _local.memo = None
    _local.expected = set()
    _local.unsettled = set()


def _pre_migrate(**kwargs) -> None:
    global _migrating
    _migrating = True


def _post_migrate(**kwargs) -> None:
    global _migrating
    _migrating = False


def connect() -> None:
    request_started.connect(_request_started, dispatch_uid="generations-request-started")
    request_finished.connect(_request_finished, dispatch_uid="generations-request-finished")
    pre_migrate.connect(_pre_migrate, dispatch_uid="generations-pre-migrate")
    post_migrate.connect(_post_migrate, dispatch_uid="generations-post-migrate")


__all__ = [
    "TIMEOUT",
    "bump",
    "bump_users",
    "cached",
    "connect",
    "expect",
    "key",
    "register",
    "shared",
    "unsettled",
    "user_name",
    "values",
]
