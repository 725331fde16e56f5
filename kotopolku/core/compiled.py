"""Statements compiled once from the ORM and run again with other values.

A page that reads the same shape of query on every request (a client's timeline, a panel of
counts) spends more time building and compiling the queryset than the database spends running
it. Such a query is compiled once for a *stand-in* record, whose id and UUID are marks no row
has; each later read binds the real record's id and UUID in place of the marks. What else goes
into the statement (the user's permissions, the language, the day) is the key it is kept under.

The statements are kept in this process only, a bounded number of them, and hold SQL text and
its non-personal parameters (service point ids, dates, code values), never rows.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet

# An id and a UUID no row has: the places a stand-in's values land in a compiled statement.
MARK_ID = -7_318_004_551_926_113
MARK_UUID = uuid.UUID("7a3c0d52-96e1-4f0b-8e55-0c1d2e3f4a5b")
_MARK_TEXTS = (str(MARK_ID), str(MARK_UUID), MARK_UUID.hex)

T = TypeVar("T")


class StatementCache(Generic[T]):
    """The last ``size`` statements used, by key (least recently used dropped first)."""

    def __init__(self, size: int = 128) -> None:
        self._size = size
        self._kept: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        built = build()
        with self._lock:
            self._kept[key] = built
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return built

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


def stand_in(model: type[Model]) -> Any:
    """An unsaved ``model`` instance with only the marked id and UUID, to compile a statement
    for; the code that builds the queryset must read nothing else of it."""
    instance = model(pk=MARK_ID)
    if any(field.name == "uuid" for field in model._meta.concrete_fields):
        instance.uuid = MARK_UUID  # type: ignore[attr-defined]
    return instance


def check_marks(sql: str, params: Sequence[Any]) -> None:
    """Refuse a statement where a mark landed other than as a whole parameter (in its text, or
    inside another value), where binding would not find it."""
    for text in _MARK_TEXTS:
        if text in sql:
            raise ValueError("the stand-in's id or UUID is written into the statement's text")
    for value in params:
        if isinstance(value, str) and value not in _MARK_TEXTS and any(text in value for text in _MARK_TEXTS):
            raise ValueError("the stand-in's id or UUID is part of a parameter")


def bind(params: Sequence[Any], *, pk: Any = None, uuid_value: uuid.UUID | None = None) -> list[Any]:
    """``params`` of a statement compiled for a stand-in, for the record ``pk`` and its UUID (a
    statement compiled with only one of them is given only that one)."""
    text = None if uuid_value is None else str(uuid_value)
    hexed = None if uuid_value is None else uuid_value.hex
    values: dict[Any, Any] = {MARK_ID: pk, MARK_UUID: uuid_value, str(MARK_UUID): text, MARK_UUID.hex: hexed}
    bound = []
    for value in params:
        if type(value) in (int, str, uuid.UUID) and value in values:
            value = values[value]
            if value is None:
                raise ValueError("the statement reads the record's id or UUID, and it was not given")
        bound.append(value)
    return bound


@dataclass(frozen=True)
class CompiledValues:
    """A ``values()`` queryset compiled once: its statement, its parameters and how its columns
    are read back (the fields' converters, as the queryset would apply them)."""

    sql: str
    params: tuple[Any, ...]
    names: tuple[str, ...]
    using: str
    _converters: tuple[tuple[int, tuple[Any, ...], Any], ...]

    @classmethod
    def of(cls, queryset: QuerySet[Any]) -> CompiledValues:
        query = queryset.query
        compiler = query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        check_marks(sql, params)
        columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(columns)
        names = (*query.extra_select, *query.values_select, *query.annotation_select)
        return cls(
            sql=sql,
            params=tuple(params),
            names=tuple(names),
            using=queryset.db,
            _converters=tuple(
                (position, tuple(functions), expression)
                for position, (functions, expression) in converters.items()
            ),
        )

    def read(self, params: Sequence[Any]) -> list[dict[str, Any]]:
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        found = []
        for row in rows:
            values = list(row)
            for position, functions, expression in self._converters:
                value = values[position]
                for function in functions:
                    value = function(value, expression, connection)
                values[position] = value
            found.append(dict(zip(self.names, values, strict=True)))
        return found
