"""The directory's "open now" is found by the database; it must agree with the hours module's
``is_open`` over every service's rows, at ordinary moments, past midnight, on a holiday and on
both nights the clocks change."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from kotopolku.catalogue.hours import HELSINKI, is_open
from kotopolku.catalogue.models import Schedule, Service, ServiceAtLocation
from kotopolku.catalogue.selectors.public import open_now_filter
from kotopolku.catalogue.tests.factories import location_named, service_named

pytestmark = pytest.mark.django_db


def _regular(owner: dict, byday: str, opens: str, closes: str, **extra: object) -> None:
    Schedule.objects.create(
        kind="regular", freq=extra.pop("freq", "WEEKLY"), byday=byday,
        opens_at=time.fromisoformat(opens), closes_at=time.fromisoformat(closes), **owner, **extra,
    )  # fmt: skip


@pytest.fixture
def services():
    office = service_named("Virka-aika")
    _regular({"service": office}, "MO,TU,WE,TH,FR", "08:00", "16:00")
    night = service_named("Yöpäivystys")
    _regular({"service": night}, "FR,SA", "22:00", "02:00")
    holiday = service_named("Pyhäpäivä suljettu")
    _regular({"service": holiday}, "MO,TU,WE,TH,FR", "09:00", "15:00")
    Schedule.objects.create(
        service=holiday,
        kind="exception",
        is_closed=True,
        valid_from=date(2026, 12, 24),
        valid_to=date(2026, 12, 26),
    )
    special = service_named("Erikoisaukiolo")
    Schedule.objects.create(
        service=special,
        kind="exception",
        valid_from=date(2026, 12, 27),
        opens_at=time(10),
        closes_at=time(12),
    )
    biweekly = service_named("Joka toinen viikko")
    _regular({"service": biweekly}, "TU", "10:00", "14:00", interval=2, dtstart=date(2026, 1, 6))
    monthly = service_named("Kuukauden eka")
    _regular({"service": monthly}, "", "10:00", "14:00", freq="MONTHLY", bymonthday="1,-1")
    at_location = service_named("Toimipisteessä")
    location = location_named("Toimipiste")
    ServiceAtLocation.objects.create(service=at_location, location=location)
    _regular({"location": location}, "SA,SU", "11:00", "13:00")
    limited = service_named("Kesä")
    _regular(
        {"service": limited},
        "MO,TU,WE,TH,FR,SA,SU",
        "00:00",
        "23:59",
        valid_from=date(2026, 6, 1),
        valid_to=date(2026, 8, 31),
    )
    return Service.objects.all()  # fmt: skip


def _expected(at: datetime) -> set[str]:
    names = set()
    for service in Service.objects.prefetch_related("schedules", "service_at_locations__location__schedules"):
        rows = list(service.schedules.all())
        for link in service.service_at_locations.all():
            rows.extend(link.location.schedules.all())
        if rows and is_open(rows, at):
            names.add(service.translations.get(language="fi").name)
    return names


@pytest.mark.parametrize(
    "moment",
    [
        "2026-12-07 09:00", "2026-12-07 16:00", "2026-12-05 01:30", "2026-12-05 23:00", "2026-12-06 01:59",
        "2026-12-06 02:00", "2026-12-24 10:00", "2026-12-27 11:00", "2026-12-27 12:00", "2026-12-12 12:00",
        "2026-12-15 11:00", "2026-12-22 11:00", "2026-12-01 11:00", "2026-12-31 13:59", "2026-07-15 03:00",
        "2026-03-29 01:30", "2026-03-28 23:30", "2026-10-25 01:30", "2026-10-24 23:00",
    ],
)  # fmt: skip
def test_open_now__the_database_agrees_with_the_hours_module(services, moment):
    at = datetime.fromisoformat(moment).replace(tzinfo=HELSINKI)
    found = {
        s.translations.get(language="fi").name for s in open_now_filter(Service.objects.all(), at, limit=100)
    }
    assert found == _expected(at)


def test_open_now__a_fixed_number_of_queries(services, django_assert_max_num_queries):
    at = datetime(2026, 12, 7, 9, tzinfo=HELSINKI)
    with django_assert_max_num_queries(6):
        assert open_now_filter(Service.objects.all(), at, limit=20)
