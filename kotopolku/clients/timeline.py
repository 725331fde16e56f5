"""The client's timeline: every app's part and the registry's own events read as one query.

Each registered ``TimelineQuery`` is a ``SELECT when, source, data`` over its own table, scoped
to what the user may see; the parts are joined with ``UNION ALL``, sorted and sliced by the
database, so a page of the timeline costs one query and its count one more, however many apps
take part. Plain callable sources (``register_timeline_source`` with a function) still work:
their entries are merged in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, overload
from uuid import UUID

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import (
    Aggregate,
    IntegerField,
    JSONField,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast
from django.utils import translation

from kotopolku.clients.hooks import timeline_sources
from kotopolku.clients.models import Client
from kotopolku.clients.timeline_parts import (
    TimelineEntry,
    TimelineQuery,
    entry_of,
    midday_offset,
    part_rows,
)
from kotopolku.clients.timeline_parts import (
    json_value as json_value,
)
from kotopolku.clients.timeline_parts import (
    midday as midday,
)
from kotopolku.clients.timeline_parts import (
    moment as moment,
)
from kotopolku.clients.timeline_parts import (
    read_alone as read_alone,
)
from kotopolku.core.compiled import StatementCache, bind, check_marks, stand_in


class Joined(Aggregate):
    """The texts of a group joined with a separator (``STRING_AGG``; ``GROUP_CONCAT`` on SQLite),
    for a part that shows a list (a contact's topics) without another query."""

    function = "STRING_AGG"
    output_field = TextField()

    def __init__(self, expression: Any, separator: str) -> None:
        super().__init__(expression, Cast(Value(separator), TextField()))

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


class JSONList(Aggregate):
    """The rows of a group as one JSON list (``JSONB_AGG``; ``JSON_GROUP_ARRAY`` on SQLite), so
    that a page can read a record with its short lists in one query."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


class SubqueryCount(Subquery):
    """How many rows a queryset has, as a column of another query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def choice_label(model: Any, field: str, value: Any) -> str:
    """The translated label of a choice field's stored value (``get_FOO_display`` of a row)."""
    return str(dict(model._meta.get_field(field).flatchoices).get(value, value or ""))


def as_uuid(value: Any) -> UUID | None:
    """A UUID read back from a part's JSON object (SQLite keeps it as 32 hex digits)."""
    return None if value in (None, "") else UUID(str(value))


@dataclass(frozen=True)
class _Statement:
    """The union of the parts a user sees, compiled for a stand-in client (``core.compiled``);
    None where the user sees no part at all. It holds the parts, so that their ids in the key
    stay theirs while it is kept."""

    queries: tuple[TimelineQuery, ...]
    sql: str | None
    params: tuple[Any, ...]


# Kept by the parts and their decisions, the language and the midday offset: all that changes
# the statement (the client's id and UUID are bound on each read).
_statements: StatementCache[_Statement] = StatementCache(size=256)


def _compile(
    queries: tuple[TimelineQuery, ...], decisions: tuple[Any, ...], offset: dt.timedelta
) -> _Statement:
    client = stand_in(Client)
    parts = [
        part
        for index, (query, allowed) in enumerate(zip(queries, decisions, strict=True))
        if (part := part_rows(query, index, client, allowed, offset=offset)) is not None
    ]
    if not parts:
        return _Statement(queries=queries, sql=None, params=())
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    sql, params = union.query.sql_with_params()
    check_marks(sql, params)
    return _Statement(queries=queries, sql=sql, params=tuple(params))


class Timeline:
    """The client's timeline, newest first, for ``Paginator``.

    Told the page it will be asked for (``expect``), it reads that page and the total in one
    statement (``COUNT(*) OVER ()`` around the union); any other slice or count is one more.
    The union is compiled once for each set of the user's permission decisions, language and
    day, and read for this client by its id and UUID (``core.compiled``)."""

    def __init__(self, client: Any, user: Any, *, own: TimelineQuery) -> None:
        queries = [own]
        self._plain: list[Any] = []
        for source in timeline_sources():
            if isinstance(source, TimelineQuery):
                queries.append(source)
            else:
                self._plain.append(source)
        self._queries = tuple(queries)
        self._client, self._user = client, user
        # Written in the language active when the timeline was asked for, whenever it is read.
        self._language = translation.get_language()
        decisions = tuple(query.decision(client, user) for query in self._queries)
        offset = midday_offset()
        key = (tuple(zip(self._queries, decisions, strict=True)), self._language, offset)
        statement = _statements.get(key, lambda: _compile(self._queries, decisions, offset))
        self._sql = statement.sql
        self._params = bind(statement.params, pk=client.pk, uuid_value=client.uuid)
        self._merged: list[TimelineEntry] | None = None
        self._expected: tuple[int, int] | None = None
        self._page: tuple[int, int, list[TimelineEntry]] | None = None
        self._count: int | None = None

    def expect(self, *, page: Any, size: int) -> Timeline:
        """Read page ``page`` (1-based; anything else is the first) with the count."""
        try:
            number = max(1, int(page))
        except (TypeError, ValueError):
            number = 1
        self._expected = ((number - 1) * size, size)
        return self

    def _select(self, columns: str, tail: str = "", extra: list[Any] | None = None) -> list[Any]:
        if self._sql is None:
            return []
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM ({self._sql}) timeline {tail}",  # noqa: S608 - compiled by the ORM
                [*self._params, *(extra or [])],
            )
            return cursor.fetchall()

    def _read(self, offset: int = 0, limit: int | None = None) -> list[TimelineEntry]:
        """The entries newest first: ``limit`` of them from ``offset``, or all."""
        if limit is None:
            rows = self._select("t_when, t_source, t_data", "ORDER BY t_when DESC")
        else:
            rows = self._select(
                "t_when, t_source, t_data", "ORDER BY t_when DESC LIMIT %s OFFSET %s", [limit, offset]
            )
        return self._rows(
            {"t_when": moment(when), "t_source": source, "t_data": data} for when, source, data in rows
        )

    def _read_expected(self) -> None:
        assert self._expected is not None
        offset, limit = self._expected
        rows = self._select(
            "t_when, t_source, t_data, COUNT(*) OVER ()",
            "ORDER BY t_when DESC LIMIT %s OFFSET %s",
            [limit, offset],
        )
        self._expected = None
        if rows:
            self._count = rows[0][3]
            found = [
                {"t_when": moment(when), "t_source": source, "t_data": data}
                for when, source, data, _n in rows
            ]
            self._page = (offset, offset + limit, self._rows(found))

    def _all(self) -> list[TimelineEntry]:
        # Only with plain sources (tests, add-ons): everything is read and merged here.
        if self._merged is None:
            entries = self._read()
            with translation.override(self._language):
                for source in self._plain:
                    entries.extend(source(self._client, self._user))
            self._merged = sorted(entries, key=lambda entry: entry.when, reverse=True)
        return self._merged

    def _rows(self, rows: Any) -> list[TimelineEntry]:
        with translation.override(self._language):
            entries = [entry_of(self._queries[row["t_source"]], row) for row in rows]
        return [entry for entry in entries if entry is not None]

    def count(self) -> int:
        if self._plain:
            return len(self._all())
        if self._expected is not None:
            self._read_expected()
        if self._count is None:
            rows = self._select("COUNT(*)")
            self._count = rows[0][0] if rows else 0
        return self._count

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> TimelineEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[TimelineEntry]: ...

    def __getitem__(self, index: int | slice) -> TimelineEntry | list[TimelineEntry]:
        if self._plain:
            return self._all()[index]
        if isinstance(index, int):
            if index < 0:
                index += self.count()
            found = self._read(index, 1) if index >= 0 else []
            if not found:
                raise IndexError(index)
            return found[0]
        if self._page is not None and index.step is None:
            start, stop, entries = self._page
            if (index.start or 0) == start and index.stop is not None and index.stop <= stop:
                return entries[: index.stop - start]
        return self._slice(index)

    def _slice(self, index: slice) -> list[TimelineEntry]:
        start, stop, step = index.start or 0, index.stop, index.step
        if start < 0 or (stop is not None and stop < 0) or step not in (None, 1):
            return self._read()[index]
        if stop is None:
            return self._read()[start:]
        return self._read(start, stop - start) if stop > start else []

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self[:] if not self._plain else self._all())
