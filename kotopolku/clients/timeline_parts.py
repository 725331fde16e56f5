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


@dataclass(frozen=True)
class TimelineQuery:
    """A timeline source that is a part of the profile's one timeline query.

    ``rows(client, user)`` gives the rows the user may see (a queryset, or None for none);
    ``when`` names the column the timeline sorts by (``when_is_date`` for a date, shown at
    midday); ``data`` maps names to the columns or expressions an entry is written from, read
    back as one JSON object; ``entry(when, data)`` writes the entry in the active language
    without another query. The profile reads every registered query as one ``UNION ALL``,
    ordered and paginated in the database. Called like a plain source, it reads its part alone.
    """

    rows: Callable[[Client, Any], Any]
    when: str
    data: dict[str, Any]
    entry: Callable[[datetime, dict[str, Any]], TimelineEntry | None]
    when_is_date: bool = False

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


def _midday_offset() -> dt.timedelta:
    """How long after midnight UTC today's local midday is."""
    today = timezone.localdate()
    noon = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    return noon - dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC)


def part_rows(query: TimelineQuery, index: int, client: Any, user: Any) -> QuerySet[Any] | None:
    rows = query.rows(client, user)
    if rows is None:
        return None
    when: Any = F(query.when)
    if query.when_is_date:
        # Sorted at the day's local midday, where its entry is shown (``midday``).
        when = ExpressionWrapper(
            Cast(query.when, DateTimeField()) + Value(_midday_offset(), output_field=DurationField()),
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
    part = part_rows(query, 0, client, user)
    if part is None:
        return []
    entries = [entry_of(query, row) for row in part.order_by("-t_when")]
    return [entry for entry in entries if entry is not None]
