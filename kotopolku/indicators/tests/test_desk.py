"""Desk statistics against the raw rows: every figure equals counting the contacts and their
topic links one by one in Python, in the local months of the service, after edits, deletions,
anonymisation and across the time-zone edges of months and years."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from kotopolku.clients.models import Client
from kotopolku.clients.services import client_anonymise
from kotopolku.contacts.models import ClientGroup, Contact, ContactTopic, DeskTally, Topic
from kotopolku.contacts.services import ContactData, contact_delete, contact_log, contact_update
from kotopolku.contacts.tallies import tallies_recount
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.indicators.desk import DIMENSIONS, DeskStatistics, desk_statistics
from kotopolku.indicators.periods import Period

ZONE = ZoneInfo(settings.TIME_ZONE)
UTC = dt.UTC


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(ZONE)


def _raw(points: list[int], period: Period, dimension: str) -> dict[str, Any]:
    """The figures counted from the rows one by one: no grouping in the database."""
    inside = []
    for contact in Contact.objects.filter(service_point_id__in=points):
        day = _local(contact.happened_at).date()
        if period.start <= day <= period.end:
            inside.append((contact, day.replace(day=1)))
    summary: dict[str, Counter[dt.date]] = defaultdict(Counter)
    clients: dict[dt.date, set[int]] = defaultdict(set)
    for contact, month in inside:
        summary["contacts"][month] += 1
        if contact.client_id is None:
            summary["anonymous"][month] += 1
        else:
            clients[month].add(contact.client_id)
    summary["clients"] = Counter({month: len(ids) for month, ids in clients.items()})
    breakdown: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for contact, month in inside:
        if dimension == "topic":
            for link in ContactTopic.objects.filter(contact=contact):
                breakdown[str(link.topic_id)][month] += 1
        else:
            key = {"client_group": contact.client_group_id}.get(dimension, getattr(contact, dimension, None))
            breakdown[str(key)][month] += 1
    totals = {
        "contacts": len(inside),
        "anonymous": sum(1 for contact, _ in inside if contact.client_id is None),
        "clients": len({contact.client_id for contact, _ in inside if contact.client_id}),
    }
    return {"summary": summary, "totals": totals, "breakdown": breakdown}


def _assert_same(stats: DeskStatistics, raw: dict[str, Any]) -> None:
    for row in stats.summary:
        assert row.values == [raw["summary"][row.key][month] for month in stats.months], row.key
        assert row.total == raw["totals"][row.key], row.key
    got = {row.key: (row.values, row.total) for row in stats.breakdown}
    expected = {
        key: ([by_month[month] for month in stats.months], sum(by_month.values()))
        for key, by_month in raw["breakdown"].items()
    }
    assert got == expected


def _mixed_contacts(office: Any) -> list[Client]:
    topics = list(Topic.objects.values_list("code", flat=True)[:4])
    group = ClientGroup.objects.first()
    clients = [office.client(given_names=name) for name in ("Olena", "Amir", "Sofia")]
    moments = [
        dt.datetime(2024, 12, 31, 22, 30, tzinfo=UTC),  # 1 January 00:30 in Helsinki: January
        dt.datetime(2025, 1, 31, 22, 30, tzinfo=UTC),  # 1 February 00:30: February, not January
        dt.datetime(2025, 3, 31, 21, 30, tzinfo=UTC),  # 1 April 00:30 summer time: April
        dt.datetime(2025, 3, 31, 20, 30, tzinfo=UTC),  # 31 March 23:30: March
        dt.datetime(2025, 7, 15, 9, 0, tzinfo=UTC),
        dt.datetime(2025, 12, 31, 22, 30, tzinfo=UTC),  # 1 January 2026 in Helsinki: outside 2025
    ]
    for i, moment in enumerate(moments):
        for j in range(3):
            ContactFactory(
                service_point=office.point if j < 2 else office.other_point,
                happened_at=moment,
                language=("ar", "uk", "fi")[j],
                channel=("walk_in", "phone")[i % 2],
                outcome=("information", "guided")[j % 2],
                client_group=group if j else None,
                client=clients[(i + j) % 3] if (i + j) % 2 else None,
                topic_codes=topics[j : j + 1 + i % 3],
            )
    return clients


@pytest.mark.parametrize("dimension", list(DIMENSIONS))
def test_desk_statistics__equal_counting_the_rows_at_the_edges_of_months(office, dimension):
    _mixed_contacts(office)
    period = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    for points in ([office.point.pk], [office.point.pk, office.other_point.pk]):
        stats = desk_statistics(service_points=points, period=period, dimension=dimension, individuals=True)
        _assert_same(stats, _raw(points, period, dimension))
    january, february, march, april = (
        stats.summary[0].values[0],
        stats.summary[0].values[1],
        stats.summary[0].values[2],
        stats.summary[0].values[3],
    )
    assert (january, february, march, april) == (3, 3, 3, 3)
    assert stats.summary[0].total == 15  # the contacts of 1 January 2026 (Helsinki) are not in 2025


def test_desk_statistics__a_range_of_dates_counts_its_partial_months(office):
    _mixed_contacts(office)
    period = Period(dt.date(2025, 2, 1), dt.date(2025, 3, 31))  # 1 April 00:30 local is left out
    points = [office.point.pk, office.other_point.pk]
    stats = desk_statistics(service_points=points, period=period, dimension="topic", individuals=True)
    _assert_same(stats, _raw(points, period, "topic"))
    assert stats.summary[0].values == [3, 3]


def _data(**overrides: Any) -> ContactData:
    values: dict[str, Any] = {
        "channel": "walk_in",
        "language": "uk",
        "topics": list(Topic.objects.order_by("pk")[:2]),
        "duration_minutes": 15,
        "outcome": "guided",
    }
    values.update(overrides)
    return ContactData(**values)


def test_desk_statistics__follow_edits_deletions_and_anonymisation(office):
    now = timezone.now()
    today = timezone.localdate()
    period = Period(today - dt.timedelta(days=75), today)
    points = [office.point.pk]
    olena, amir = office.client(given_names="Olena"), office.client(given_names="Amir")
    logged = [
        contact_log(
            service_point=office.point,
            data=_data(client=client, happened_at=now - dt.timedelta(days=days)),
            by=office.advisor,
        )
        for client, days in ((olena, 1), (olena, 2), (amir, 40), (None, 40), (None, 70), (amir, 70))
    ]

    def same() -> None:
        for dimension in ("topic", "language"):
            stats = desk_statistics(
                service_points=points, period=period, dimension=dimension, individuals=True
            )
            _assert_same(stats, _raw(points, period, dimension))

    same()
    topics = list(Topic.objects.order_by("pk")[2:5])
    # Moved to another month with other topics, another language and no client any more.
    contact_update(
        contact=logged[0],
        data=_data(topics=topics, language="ar", happened_at=now - dt.timedelta(days=45)),
        by=office.advisor,
        as_action="contacts.correct",
    )
    same()
    # Moved out of the period altogether.
    contact_update(
        contact=logged[4],
        data=_data(happened_at=now - dt.timedelta(days=90)),
        by=office.advisor,
        as_action="contacts.correct",
    )
    same()
    contact_delete(contact=logged[2], by=office.advisor)
    same()
    client_anonymise(client=amir, by=office.coordinator)
    same()
    stats = desk_statistics(service_points=points, period=period, dimension="topic", individuals=True)
    assert stats.summary[0].total == 4
    assert stats.summary[2].total == 2  # Olena and the anonymised Amir stay two registered clients


def test_desk_statistics__a_fixed_number_of_queries(office, django_assert_num_queries):
    _mixed_contacts(office)
    period = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    points = [office.point.pk, office.other_point.pk]
    # Summary, unique clients by month and in the period, breakdown, topic names, and the
    # referrals, plans and appointments by month.
    with django_assert_num_queries(8):
        desk_statistics(service_points=points, period=period, dimension="topic", individuals=True)
    with django_assert_num_queries(7):
        desk_statistics(service_points=points, period=period, dimension="language", individuals=True)


def test_tallies_recount__gives_the_tallies_the_services_kept(office):
    _mixed_contacts(office)
    contact_update(
        contact=Contact.objects.filter(service_point=office.point).first(),
        data=_data(happened_at=timezone.now(), topics=list(Topic.objects.order_by("-pk")[:1])),
        by=office.coordinator,
        as_action="contacts.correct",
    )

    def kept() -> set[tuple[Any, ...]]:
        return set(
            DeskTally.objects.filter(contacts__gt=0).values_list(
                "service_point_id", "day", "kind", "code", "contacts"
            )
        )

    before = kept()
    assert tallies_recount() == len(before)
    assert kept() == before
