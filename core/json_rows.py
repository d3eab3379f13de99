"""A correlated subquery's rows as one JSON column of the outer query: a page that needs a few
child rows per parent (a certificate's newest reports, a CE record's allocations) reads them in
the parent's own query instead of one more.

`JSONRows(children.values("a", "b"), "a", "b")` annotates each parent with the text of a JSON
array of [a, b] arrays ('[]' when there are none), on SQLite and PostgreSQL; `supported()` says
whether the connection's database is one of them (callers keep their separate query otherwise).
Values come back as JSON has them: dates and times as ISO text, decimals as numbers (read them
with `json.loads(text, parse_float=Decimal)`). The order of the array is the database's: sort
in Python when it matters."""

from __future__ import annotations

from django.db import connection as default_connection
from django.db.models import Subquery, TextField

_TEMPLATES = {
    "sqlite": "(SELECT COALESCE(json_group_array(json_array(%(columns)s)), '[]') "
    "FROM (%(subquery)s) rows_)",
    "postgresql": "(SELECT COALESCE(json_agg(json_build_array(%(columns)s))::text, '[]') "
    "FROM (%(subquery)s) rows_)",
}


def supported(connection=default_connection) -> bool:
    return connection.vendor in _TEMPLATES


class JSONRows(Subquery):
    output_field = TextField()

    def __init__(self, queryset, *columns: str):
        super().__init__(queryset, output_field=TextField())
        self.columns = columns

    def as_sql(self, compiler, connection, template=None, **extra_context):
        columns = ", ".join(f"rows_.{connection.ops.quote_name(c)}" for c in self.columns)
        return super().as_sql(
            compiler,
            connection,
            template=_TEMPLATES[connection.vendor],
            columns=columns,
            **extra_context,
        )


__all__ = ["JSONRows", "supported"]
