"""Opening hours: open now, until when, next opening — across midnight, DST and exceptions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from kotopolku.catalogue.enums import ScheduleFrequency, ScheduleKind
from kotopolku.catalogue.hours import HELSINKI, day_slots, is_open, next_opening, opening_status, week_table
from kotopolku.catalogue.models import Schedule


def regular(byday: str, opens: str, closes: str, **extra: object) -> Schedule:
    return Schedule(
        kind=ScheduleKind.REGULAR,
        freq=extra.pop("freq", ScheduleFrequency.WEEKLY),  # type: ignore[arg-type]
        byday=byday,
        opens_at=time.fromisoformat(opens),
        closes_at=time.fromisoformat(closes),
        **extra,  # type: ignore[arg-type]
    )


def closed_on(first: str, last: str | None = None) -> Schedule:
    return Schedule(
        kind=ScheduleKind.EXCEPTION,
        valid_from=date.fromisoformat(first),
        valid_to=date.fromisoformat(last) if last else None,
        is_closed=True,
    )


def special(day: str, opens: str, closes: str) -> Schedule:
    return Schedule(
        kind=ScheduleKind.EXCEPTION,
        valid_from=date.fromisoformat(day),
        valid_to=date.fromisoformat(day),
        opens_at=time.fromisoformat(opens),
        closes_at=time.fromisoformat(closes),
    )


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


OFFICE = [regular("MO,TU,WE,TH,FR", "08:00", "16:00")]
# 2026-11-20 is a Friday.
NIGHT = [regular("FR", "22:00", "02:00")]


@pytest.mark.parametrize(
    ("schedules", "moment", "expected"),
    [
        (OFFICE, local("2026-11-18T12:00"), True),
        (OFFICE, local("2026-11-18T08:00"), True),
        (OFFICE, local("2026-11-18T16:00"), False),
        (OFFICE, local("2026-11-18T07:59:59"), False),
        (OFFICE, local("2026-11-21T12:00"), False),
        (NIGHT, local("2026-11-20T23:00"), True),
        (NIGHT, local("2026-11-21T01:00"), True),
        (NIGHT, local("2026-11-21T01:59"), True),
        (NIGHT, local("2026-11-21T02:00"), False),
        (NIGHT, local("2026-11-20T21:59"), False),
        (NIGHT, local("2026-11-22T01:00"), False),
        # A moment given in UTC is read in Helsinki time: 23:30 UTC Friday is 01:30 Saturday.
        (NIGHT, utc("2026-11-20T23:30"), True),
        # 00:00–00:00 is open round the clock.
        ([regular("SU", "00:00", "00:00")], local("2026-11-22T23:59"), True),
    ],
)
def test_is_open__regular_hours(schedules: list[Schedule], moment: datetime, expected: bool) -> None:
    assert is_open(schedules, moment) is expected
    assert opening_status(schedules, moment).is_open is expected


def test_opening_status__friday_night_slot__open_on_saturday_until_two() -> None:
    status = opening_status(NIGHT, local("2026-11-21T01:00"))
    assert status.is_open
    assert status.closes_at == local("2026-11-21T02:00")
    assert status.next_opens_at == local("2026-11-27T22:00")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local("2026-11-18T07:00"), local("2026-11-18T08:00")),
        (local("2026-11-18T12:00"), local("2026-11-19T08:00")),
        (local("2026-11-20T16:30"), local("2026-11-23T08:00")),
        (local("2026-11-21T10:00"), local("2026-11-23T08:00")),
    ],
)
def test_next_opening__office_hours(moment: datetime, expected: datetime) -> None:
    assert next_opening(OFFICE, moment) == expected


def test_exception__public_holiday__closes_the_day() -> None:
    # Independence Day 6.12.2027 is a Monday.
    schedules = [*OFFICE, closed_on("2027-12-06")]
    assert not is_open(schedules, local("2027-12-06T12:00"))
    assert is_open(schedules, local("2027-12-07T12:00"))
    assert next_opening(schedules, local("2027-12-05T12:00")) == local("2027-12-07T08:00")


def test_exception__christmas_range__closes_every_day_of_it() -> None:
    # 24.–26.12.2026 are Thursday–Saturday.
    schedules = [*OFFICE, closed_on("2026-12-24", "2026-12-26")]
    for day in ("2026-12-24", "2026-12-25"):
        assert not is_open(schedules, local(f"{day}T12:00"))
    assert next_opening(schedules, local("2026-12-23T17:00")) == local("2026-12-28T08:00")


def test_exception__special_hours__replace_regular_hours_of_that_day() -> None:
    schedules = [*OFFICE, special("2026-12-23", "10:00", "12:00")]
    assert not is_open(schedules, local("2026-12-23T09:00"))
    assert is_open(schedules, local("2026-12-23T11:00"))
    assert not is_open(schedules, local("2026-12-23T13:00"))
    assert is_open(schedules, local("2026-12-22T13:00"))
    assert opening_status(schedules, local("2026-12-23T11:00")).closes_at == local("2026-12-23T12:00")


def test_exception__on_saturday__does_not_cut_friday_night_slot() -> None:
    schedules = [*NIGHT, closed_on("2026-11-21")]
    assert is_open(schedules, local("2026-11-21T01:00"))


def test_exception__closed_friday__closes_its_night_slot_too() -> None:
    schedules = [*NIGHT, closed_on("2026-11-20")]
    assert not is_open(schedules, local("2026-11-21T01:00"))
    assert next_opening(schedules, local("2026-11-20T12:00")) == local("2026-11-27T22:00")


def test_exception__special_hours_past_midnight() -> None:
    schedules = [*OFFICE, special("2026-12-31", "20:00", "01:00")]
    assert is_open(schedules, local("2027-01-01T00:30"))
    assert not is_open(schedules, local("2026-12-31T12:00"))


# Clock changes in 2026: 29 March 03:00 EET → 04:00 EEST; 25 October 04:00 EEST → 03:00 EET.
SPRING_NIGHT = [regular("SA", "22:00", "06:00")]
AUTUMN_NIGHT = [regular("SA", "22:00", "04:00")]


@pytest.mark.parametrize(
    ("schedules", "moment", "expected"),
    [
        # Spring: Saturday 22:00 EET (20:00 UTC) – Sunday 06:00 EEST (03:00 UTC).
        (SPRING_NIGHT, utc("2026-03-28T19:59"), False),
        (SPRING_NIGHT, utc("2026-03-28T20:00"), True),
        (SPRING_NIGHT, utc("2026-03-29T00:59"), True),  # 02:59 EET, just before the change
        (SPRING_NIGHT, utc("2026-03-29T01:00"), True),  # 04:00 EEST, just after
        (SPRING_NIGHT, utc("2026-03-29T02:59"), True),  # 05:59 EEST
        (SPRING_NIGHT, utc("2026-03-29T03:00"), False),  # 06:00 EEST
        # Autumn: Saturday 22:00 EEST (19:00 UTC) – Sunday 04:00 EET (02:00 UTC), an hour longer.
        (AUTUMN_NIGHT, utc("2026-10-24T18:59"), False),
        (AUTUMN_NIGHT, utc("2026-10-24T19:00"), True),
        (AUTUMN_NIGHT, utc("2026-10-25T00:30"), True),  # 03:30 EEST, first time round
        (AUTUMN_NIGHT, utc("2026-10-25T01:30"), True),  # 03:30 EET, second time round
        (AUTUMN_NIGHT, utc("2026-10-25T01:59"), True),
        (AUTUMN_NIGHT, utc("2026-10-25T02:00"), False),  # 04:00 EET
    ],
)
def test_is_open__clock_change_nights(schedules: list[Schedule], moment: datetime, expected: bool) -> None:
    assert is_open(schedules, moment) is expected


def test_opening_status__spring_night__closes_at_local_six() -> None:
    status = opening_status(SPRING_NIGHT, utc("2026-03-29T00:00"))
    assert status.closes_at == local("2026-03-29T06:00")
    assert status.closes_at.utcoffset().total_seconds() == 3 * 3600  # type: ignore[union-attr]


def test_day_slots__autumn_night__lasts_seven_hours() -> None:
    (slot,) = day_slots(AUTUMN_NIGHT, date(2026, 10, 24))
    assert (slot.closes - slot.opens).total_seconds() == 7 * 3600


def test_day_slots__spring_night__lasts_seven_hours() -> None:
    (slot,) = day_slots(SPRING_NIGHT, date(2026, 3, 28))
    assert (slot.closes - slot.opens).total_seconds() == 7 * 3600


def test_next_opening__across_spring_change__is_local_wall_clock() -> None:
    schedules = [regular("SU,MO", "09:00", "10:00")]
    assert next_opening(schedules, local("2026-03-28T12:00")) == local("2026-03-29T09:00")
    assert next_opening(schedules, local("2026-03-28T12:00")).astimezone(UTC) == utc("2026-03-29T06:00")  # type: ignore[union-attr]


def test_validity__summer_hours_replace_winter_hours_by_date() -> None:
    schedules = [
        regular("MO,TU,WE,TH,FR", "08:00", "16:00", valid_to=date(2026, 5, 31)),
        regular("MO,TU,WE,TH,FR", "09:00", "15:00", valid_from=date(2026, 6, 1), valid_to=date(2026, 8, 31)),
    ]
    assert is_open(schedules, local("2026-05-29T08:30"))
    assert not is_open(schedules, local("2026-06-01T08:30"))
    assert is_open(schedules, local("2026-06-01T09:30"))
    assert not is_open(schedules, local("2026-09-01T12:00"))


def test_monthly__last_day_of_month() -> None:
    schedules = [regular("", "10:00", "12:00", freq=ScheduleFrequency.MONTHLY, bymonthday="-1")]
    assert is_open(schedules, local("2026-02-28T11:00"))
    assert not is_open(schedules, local("2026-02-27T11:00"))
    assert next_opening(schedules, local("2026-03-01T00:00")) == local("2026-03-31T10:00")


def test_weekly_interval__every_other_week() -> None:
    schedules = [regular("TU", "12:00", "14:00", interval=2, dtstart=date(2026, 11, 3))]
    assert is_open(schedules, local("2026-11-03T13:00"))
    assert not is_open(schedules, local("2026-11-10T13:00"))
    assert is_open(schedules, local("2026-11-17T13:00"))


def test_opening_status__adjacent_slots__report_the_end_of_both() -> None:
    schedules = [regular("MO", "08:00", "12:00"), regular("MO", "12:00", "16:00")]
    assert opening_status(schedules, local("2026-11-23T09:00")).closes_at == local("2026-11-23T16:00")


def test_opening_status__no_schedules__closed_and_never_opens() -> None:
    status = opening_status([], local("2026-11-23T09:00"))
    assert not status.is_open and status.closes_at is None and status.next_opens_at is None


def test_opening_status__naive_datetime__is_refused() -> None:
    with pytest.raises(ValueError):
        opening_status(OFFICE, datetime(2026, 11, 23, 9, 0))


def test_week_table__lists_seven_days_with_holiday_empty() -> None:
    table = week_table([*OFFICE, closed_on("2026-12-24", "2026-12-26")], date(2026, 12, 23))
    assert table[0][0] == date(2026, 12, 21)
    assert [len(slots) for _, slots in table] == [1, 1, 1, 0, 0, 0, 0]
