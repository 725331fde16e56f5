"""One part of the client's timeline: the row a registered ``TimelineQuery`` gives, and the entry
written from it. The profile joins every part in one query (``clients/timeline.py``); a part can
also be read alone."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, IntegerField, QuerySet, Value
from django.db.models.functions import Cast, JSONObject
from django.utils import timezone
from django.utils.dateparse import parse_datetime

if TYPE_CHECKING:
    from kotopolku.clients.models import Client


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    kind: str  # a short machine name: "contact", "plan", "referral" …
    title: str  # already translated
    detail: str = ""
    url: str | None = None


def _everyone(client: Any, user: Any) -> bool:
    return True


@dataclass(frozen=True, eq=False)
class TimelineQuery:
    """A timeline source that is a part of the profile's one timeline query.

    ``allowed(client, user)`` is the permission layer's decision for the part: None (or False)
    when the user sees none of it, else a hashable value that says everything of the user the
    rows depend on (``True``; the service points, as a frozenset; a ``Scope``). ``rows(client,
    allowed)`` gives the rows from that decision alone, reading only the client's id and UUID:
    the profile compiles the statement once for a stand-in client and keeps it under the
    decisions, the language and the day (``clients/timeline.py``). ``when`` names the column the
    timeline sorts by (``when_is_date`` for a date, shown at midday); ``data`` maps names to the
    columns or expressions an entry is written from, read back as one JSON object;
    ``entry(when, data)`` writes the entry in the active language without another query. The
    profile reads every registered query as one ``UNION ALL``, ordered and paginated in the
    database. Called like a plain source, it reads its part alone.
    """

    rows: Callable[[Client, Any], Any]
    when: str
    data: dict[str, Any]
    entry: Callable[[datetime, dict[str, Any]], TimelineEntry | None]
    when_is_date: bool = False
    allowed: Callable[[Client, Any], Any] = _everyone

    def decision(self, client: Client, user: Any) -> Any:
        """``allowed``, with "none of it" always None."""
        decided = self.allowed(client, user)
        return None if decided is None or decided is False else decided

    def __call__(self, client: Client, user: Any) -> list[TimelineEntry]:
        return read_alone(self, client, user)


def json_value(value: Any) -> Any:
    """A JSON column nested in the part's object: SQLite hands it back as its text."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def midday(day: str | dt.date | None) -> dt.datetime | None:
    """A date of the timeline (a placement's start …) as midday of that day, local time."""
    if not day:
        return None
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def moment(value: str | dt.datetime | None) -> dt.datetime | None:
    """A date and time read back from a part's JSON object."""
    if value is None or isinstance(value, dt.datetime):
        return value
    parsed = parse_datetime(value.replace(" ", "T", 1))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    return parsed


def midday_offset() -> dt.timedelta:
    """How long after midnight UTC today's local midday is."""
    today = timezone.localdate()
    noon = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    return noon - dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC)


def part_rows(
    query: TimelineQuery, index: int, client: Any, allowed: Any, *, offset: dt.timedelta | None = None
) -> QuerySet[Any] | None:
    """The part's rows as ``(t_when, t_source, t_data)`` for the decision ``allowed`` (None: no
    rows); ``offset`` is ``midday_offset()`` when the caller has read it."""
    if allowed is None:
        return None
    rows = query.rows(client, allowed)
    if rows is None:
        return None
    when: Any = F(query.when)
    if query.when_is_date:
        # Sorted at the day's local midday, where its entry is shown (``midday``).
        offset = midday_offset() if offset is None else offset
        when = ExpressionWrapper(
            Cast(query.when, DateTimeField()) + Value(offset, output_field=DurationField()),
            output_field=DateTimeField(),
        )
    data = {name: (F(value) if isinstance(value, str) else value) for name, value in query.data.items()}
    return rows.order_by().values(
        t_when=when, t_source=Value(index, output_field=IntegerField()), t_data=JSONObject(**data)
    )


def entry_of(query: TimelineQuery, row: dict[str, Any]) -> TimelineEntry | None:
    data = json_value(row["t_data"]) or {}
    when = midday(row["t_when"]) if query.when_is_date else row["t_when"]
    if when is None:
        return None
    return query.entry(when, data)


def read_alone(query: TimelineQuery, client: Any, user: Any) -> list[TimelineEntry]:
    part = part_rows(query, 0, client, query.decision(client, user))
    if part is None:
        return []
    entries = [entry_of(query, row) for row in part.order_by("-t_when")]
    return [entry for entry in entries if entry is not None]
