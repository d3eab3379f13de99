"""One-row lookups whose SQL is compiled by the ORM once per database, not once per request.

The public verification paths (every QR scan, every API call) run the same query with only the
code changing. Building that query with the ORM on each request cost more than running it, so
the ORM compiles it once with a sentinel in place of the code; each call swaps the code into
the parameters and applies the same value converters the ORM would (dates and decimals on
SQLite, JSON on both backends), so rows come back as the ORM would return them.

On PostgreSQL the statement is also prepared on each connection: planning the page's joins cost
three times as long as running them (measured: 661 µs a lookup planned each time, 174 µs
prepared). Django binds parameters on the client and never prepares, so this goes through a
server-binding psycopg cursor on Django's own connection. Where Django is recording queries
(tests, DEBUG) or wraps execution, the lookup takes Django's ordinary path so it is seen and
counted; `PEERCERT_PREPARED_LOOKUPS=false` turns preparing off (e.g. behind a PgBouncer in
transaction mode without prepared-statement support).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, router
from django.db.models import Model, QuerySet

_SENTINEL = "\x00lookup-value\x00"


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    index: int
    converters: dict


class CompiledLookup:
    """``build(value)`` must return a ``values_list`` queryset filtered on ``value`` once."""

    def __init__(self, model: type[Model], build: Callable[[str], QuerySet]):
        self._model = model
        self._build = build
        self._by_alias: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _compiled(self, alias: str) -> _Compiled:
        compiled = self._by_alias.get(alias)
        if compiled is None:
            with self._lock:
                compiled = self._by_alias.get(alias)
                if compiled is None:
                    compiled = self._by_alias[alias] = self._compile(alias)
        return compiled

    def _compile(self, alias: str) -> _Compiled:
        query = self._build(_SENTINEL).using(alias).query
        compiler = query.get_compiler(alias)
        sql, params = compiler.as_sql()
        params = tuple(params)
        if params.count(_SENTINEL) != 1:
            raise ValueError("the lookup must use its value exactly once")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        return _Compiled(sql, params, params.index(_SENTINEL), compiler.get_converters(fields))

    def fetchone(self, value: str) -> tuple | None:
        alias = router.db_for_read(self._model)
        compiled = self._compiled(alias)
        params = list(compiled.params)
        params[compiled.index] = value
        connection = connections[alias]
        with connection.cursor() as cursor:
            if _may_prepare(connection):
                row = _fetchone_prepared(connection, cursor, compiled.sql, params)
            else:
                cursor.execute(compiled.sql, params)
                row = cursor.fetchone()
        if row is None or not compiled.converters:
            return row
        row = list(row)
        for position, (converters, expression) in compiled.converters.items():
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        return tuple(row)


# psycopg prepares nothing while the connection's threshold is None (Django's setting); with
# this threshold only statements executed with prepare=True are prepared.
_PREPARE_ONLY_WHEN_ASKED = 2**31 - 1


def _may_prepare(connection) -> bool:
    return (
        connection.vendor == "postgresql"
        and getattr(settings, "PEERCERT_PREPARED_LOOKUPS", True)
        and not connection.queries_logged
        and not connection.execute_wrappers
    )


def _fetchone_prepared(connection, cursor, sql: str, params: list) -> tuple | None:
    import psycopg  # only PostgreSQL connections get here: SQLite runs never load the driver

    raw = cursor.cursor.connection  # the psycopg connection behind Django's cursor
    threshold = raw.prepare_threshold
    raw.prepare_threshold = _PREPARE_ONLY_WHEN_ASKED
    try:
        # Django's error wrapper: database errors surface as django.db errors and mark the
        # connection for the usual clean-up, exactly as on Django's own cursor.
        with connection.wrap_database_errors, psycopg.Cursor(raw) as server_cursor:
            server_cursor.execute(sql, params, prepare=True)
            return server_cursor.fetchone()
    finally:
        raw.prepare_threshold = threshold
