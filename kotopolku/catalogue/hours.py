"""Opening hours arithmetic: is it open now, until when, and when does it open next.

Schedules hold local wall-clock times (Europe/Helsinki). A slot belongs to the day it opens
on; a slot whose closing time is at or before its opening time ends on the next day (Friday
22:00–02:00 is open at Saturday 01:00). Exceptions (holidays, special days) replace all
regular hours of the days they cover: a closed exception closes the day, otherwise the
exception rows of that day give its hours. Comparisons are made in UTC, so the nights when
the clocks change are handled (the autumn night's repeated hour, the spring night's missing
hour).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kotopolku.catalogue.enums import ScheduleFrequency, ScheduleKind
from kotopolku.catalogue.models import Schedule

HELSINKI = ZoneInfo("Europe/Helsinki")
DEFAULT_HORIZON_DAYS = 62


@dataclass(frozen=True)
class Slot:
    """One opening, as aware UTC datetimes."""

    opens: datetime
    closes: datetime

    def local(self) -> tuple[datetime, datetime]:
        return self.opens.astimezone(HELSINKI), self.closes.astimezone(HELSINKI)


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    closes_at: datetime | None  # when open: the end of the current opening (Helsinki time)
    next_opens_at: datetime | None  # the next opening that starts after the moment asked


def _wall_clock(day: date, at: time) -> datetime:
    """A local wall-clock time as UTC. A time the spring change skips reads as the offset before
    the change (03:30 on that night becomes 04:30 summer time); a repeated autumn time is the
    first of the two."""
    return datetime.combine(day, at, tzinfo=HELSINKI).astimezone(UTC)


def _in_validity(schedule: Schedule, day: date) -> bool:
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_to and day > schedule.valid_to:
        return False
    if schedule.dtstart and day < schedule.dtstart:
        return False
    return not (schedule.until and day > schedule.until)


def _exception_covers(schedule: Schedule, day: date) -> bool:
    if schedule.valid_from is None:
        return False
    end = schedule.valid_to or schedule.valid_from
    return schedule.valid_from <= day <= end


def _regular_applies(schedule: Schedule, day: date) -> bool:
    if not _in_validity(schedule, day):
        return False
    if schedule.freq == ScheduleFrequency.MONTHLY:
        last = calendar.monthrange(day.year, day.month)[1]
        return any(d == day.day or (d < 0 and last + 1 + d == day.day) for d in schedule.monthdays)
    if day.weekday() not in schedule.weekdays:
        return False
    if schedule.interval and schedule.interval > 1:
        anchor = schedule.dtstart or schedule.valid_from
        if anchor is not None:
            anchor_monday = anchor - timedelta(days=anchor.weekday())
            weeks = (day - anchor_monday).days // 7
            return weeks % schedule.interval == 0
    return True


def _slot(day: date, opens_at: time | None, closes_at: time | None) -> Slot | None:
    if opens_at is None or closes_at is None:
        return None
    end_day = day + timedelta(days=1) if closes_at <= opens_at else day
    opens, closes = _wall_clock(day, opens_at), _wall_clock(end_day, closes_at)
    if closes <= opens:  # only in a clock-change night with a slot inside the missing hour
        return None
    return Slot(opens, closes)


def day_slots(schedules: Sequence[Schedule], day: date) -> list[Slot]:
    """The openings that start on ``day`` (local date), exceptions applied."""
    exceptions = [s for s in schedules if s.kind == ScheduleKind.EXCEPTION and _exception_covers(s, day)]
    if exceptions:
        if any(s.is_closed for s in exceptions):
            return []
        chosen: Iterable[Schedule] = exceptions
    else:
        chosen = (
            s
            for s in schedules
            if s.kind == ScheduleKind.REGULAR and not s.is_closed and _regular_applies(s, day)
        )
    slots = [slot for s in chosen if (slot := _slot(day, s.opens_at, s.closes_at)) is not None]
    return sorted(slots, key=lambda slot: (slot.opens, slot.closes))


def _merged(slots: Iterable[Slot]) -> list[Slot]:
    result: list[Slot] = []
    for slot in sorted(slots, key=lambda s: (s.opens, s.closes)):
        if result and slot.opens <= result[-1].closes:
            if slot.closes > result[-1].closes:
                result[-1] = Slot(result[-1].opens, slot.closes)
        else:
            result.append(slot)
    return result


def slots_between(schedules: Sequence[Schedule], first: date, last: date) -> list[Slot]:
    """Openings that start on the local dates ``first``..``last``, overlapping ones merged."""
    slots: list[Slot] = []
    day = first
    while day <= last:
        slots.extend(day_slots(schedules, day))
        day += timedelta(days=1)
    return _merged(slots)


def opening_status(
    schedules: Sequence[Schedule], at: datetime, *, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> OpeningStatus:
    """Whether the owner of ``schedules`` is open at the aware moment ``at``, until when, and
    when it next opens (within ``horizon_days``)."""
    if at.tzinfo is None:
        raise ValueError("opening_status needs an aware datetime")
    moment = at.astimezone(UTC)
    today = at.astimezone(HELSINKI).date()
    current: Slot | None = None
    upcoming: Slot | None = None
    # A slot that opened yesterday may still be running; look at most horizon_days ahead.
    day = today - timedelta(days=1)
    window = 7
    while day <= today + timedelta(days=horizon_days) and upcoming is None:
        last = min(day + timedelta(days=window), today + timedelta(days=horizon_days))
        for slot in slots_between(schedules, day, last):
            if slot.opens <= moment < slot.closes and current is None:
                current = slot
            elif slot.opens > moment and upcoming is None:
                upcoming = slot
        day = last + timedelta(days=1)
        window = 31
    return OpeningStatus(
        is_open=current is not None,
        closes_at=current.closes.astimezone(HELSINKI) if current else None,
        next_opens_at=upcoming.opens.astimezone(HELSINKI) if upcoming else None,
    )


def is_open(schedules: Sequence[Schedule], at: datetime) -> bool:
    moment = at.astimezone(UTC)
    today = at.astimezone(HELSINKI).date()
    return any(
        slot.opens <= moment < slot.closes
        for slot in slots_between(schedules, today - timedelta(days=1), today)
    )


def next_opening(
    schedules: Sequence[Schedule], after: datetime, *, horizon_days: int = DEFAULT_HORIZON_DAYS
) -> datetime | None:
    return opening_status(schedules, after, horizon_days=horizon_days).next_opens_at


def week_table(
    schedules: Sequence[Schedule], week_of: date
) -> list[tuple[date, list[tuple[datetime, datetime]]]]:
    """Monday–Sunday of the week of ``week_of`` with each day's openings in local time."""
    monday = week_of - timedelta(days=week_of.weekday())
    return [
        (
            monday + timedelta(days=i),
            [slot.local() for slot in day_slots(schedules, monday + timedelta(days=i))],
        )
        for i in range(7)
    ]
