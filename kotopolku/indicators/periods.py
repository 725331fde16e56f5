"""Reporting periods: a year, a quarter, a month or a range of dates, as written in a URL."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        return f"{self.start:%-d.%-m.%Y}–{self.end:%-d.%-m.%Y}"

    @property
    def token(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def months(self) -> list[dt.date]:
        months: list[dt.date] = []
        cursor = self.start.replace(day=1)
        while cursor <= self.end:
            months.append(cursor)
            cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
        return months


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
MAX_DAYS = 366 * 12


def period_parse(text: str) -> Period:
    """``2025``, ``2025-Q2``, ``2025-03`` or ``2025-01-01..2025-06-30``."""
    value = (text or "").strip()
    try:
        if match := _YEAR.match(value):
            year = int(match[1])
            period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
        elif match := _QUARTER.match(value):
            year, quarter = int(match[1]), int(match[2])
            first = 3 * quarter - 2
            period = Period(
                dt.date(year, first, 1), dt.date(year, first + 2, calendar.monthrange(year, first + 2)[1])
            )
        elif match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            period = Period(
                dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
            )
        elif match := _RANGE.match(value):
            period = Period(dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2]))
        else:
            raise PeriodError(_("Write the period as 2025, 2025-Q2, 2025-03 or 2025-01-01..2025-06-30."))
    except ValueError as error:
        if isinstance(error, PeriodError):
            raise
        raise PeriodError(_("The period names a date that does not exist.")) from None
    return period_check(period)


def period_check(period: Period) -> Period:
    if period.start.year < 1900 or period.end.year > 2200:
        raise PeriodError(_("The period must fall between the years 1900 and 2200."))
    if period.end < period.start:
        raise PeriodError(_("The period ends before it starts."))
    if (period.end - period.start).days > MAX_DAYS:
        raise PeriodError(_("A period can be at most twelve years long."))
    return period
