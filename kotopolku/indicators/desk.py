"""Desk statistics: contacts by month and by topic, language, channel, client group or outcome,
for one service point or every one in the user's reach, with referrals, plans and appointments by
month beside them. Every figure is a grouped count in the database."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kotopolku.contacts.enums import Channel, ContactOutcome
from kotopolku.contacts.languages import language_name
from kotopolku.contacts.models import ClientGroup, Contact, DeskTally, Topic
from kotopolku.contacts.tallies import ALL
from kotopolku.indicators.periods import Period
from kotopolku.indicators.permissions import small_cell

DIMENSIONS = {
    "topic": _("Topic"),
    "language": _("Language"),
    "channel": _("Channel"),
    "client_group": _("Client group"),
    "outcome": _("Contact outcome"),
}


@dataclass
class StatRow:
    key: str
    label: Any
    values: list[int | None]
    total: int | None


@dataclass
class DeskStatistics:
    period: Period
    months: list[dt.date]
    dimension: str
    summary: list[StatRow] = field(default_factory=list)
    breakdown: list[StatRow] = field(default_factory=list)
    activity: list[StatRow] = field(default_factory=list)


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    zone = _zone()
    start = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min), zone)
    end = timezone.make_aware(dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min), zone)
    return start, end


def _month_key(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value, _zone()) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _row(
    key: str, label: Any, by_month: dict[dt.date, int], months: list[dt.date], total: int, individuals: bool
) -> StatRow:
    return StatRow(
        key=key,
        label=label,
        values=[small_cell(by_month.get(month, 0), individuals=individuals) for month in months],
        total=small_cell(total, individuals=individuals),
    )


def contacts_in(*, service_points: list[int], period: Period) -> QuerySet[Contact]:
    start, end = _bounds(period)
    return Contact.objects.filter(
        service_point_id__in=service_points, happened_at__gte=start, happened_at__lt=end
    )


def desk_statistics(
    *, service_points: list[int], period: Period, dimension: str = "topic", individuals: bool
) -> DeskStatistics:
    months = period.months()
    stats = DeskStatistics(period=period, months=months, dimension=dimension)
    contacts = contacts_in(service_points=service_points, period=period)
    stats.summary = _summary(contacts, service_points, period, months, individuals)
    stats.breakdown = _breakdown(service_points, period, dimension, months, individuals)
    stats.activity = _activity(service_points, period, months, individuals)
    return stats


def _tallies(service_points: list[int], period: Period, kind: str) -> QuerySet[Any, dict[str, Any]]:
    """A kind of day tallies summed by code and month (a month's sum may be 0 after corrections:
    such a cell is left out, as counting the contacts would)."""
    return (
        DeskTally.objects.filter(
            service_point_id__in=service_points, kind=kind, day__gte=period.start, day__lte=period.end
        )
        .annotate(month=TruncMonth("day"))
        .values("code", "month")
        .annotate(n=Sum("contacts"))
        .filter(n__gt=0)
    )


def _summary(
    contacts: QuerySet[Contact],
    service_points: list[int],
    period: Period,
    months: list[dt.date],
    individuals: bool,
) -> list[StatRow]:
    """Contacts, anonymous contacts and unique registered clients by month and in the period.

    The contacts come from the day tallies the desk keeps; who they were from the contacts that
    name a client (a partial index holds them), so merging or removing clients needs no tally.
    Anonymous contacts are the month's contacts less its registered ones. The period's figures
    are the sums of its months (the months cover it exactly), except unique clients, counted
    over the whole period."""
    columns: dict[str, dict[dt.date, int]] = defaultdict(dict)
    for row in _tallies(service_points, period, ALL):
        columns["contacts"][_month_key(row["month"])] = row["n"]
    registered = contacts.filter(client__isnull=False)
    month = TruncMonth("happened_at", tzinfo=_zone())
    counted = registered.annotate(month=month).values("month")
    rows: dict[dt.date, int] = {}
    for row in counted.annotate(rows=Count("service_point"), n=Count("client_id", distinct=True)):
        key = _month_key(row["month"])
        rows[key] = row["rows"]
        columns["clients"][key] = row["n"]
    columns["anonymous"] = {key: n - rows.get(key, 0) for key, n in columns["contacts"].items()}
    totals = {
        "contacts": sum(columns["contacts"].values()),
        "anonymous": sum(columns["anonymous"].values()),
        "clients": registered.aggregate(n=Count("client_id", distinct=True))["n"] or 0,
    }
    labels = {
        "contacts": _("Contacts"),
        "anonymous": _("Anonymous contacts"),
        "clients": _("Unique registered clients"),
    }
    return [_row(name, labels[name], columns[name], months, totals[name], individuals) for name in labels]


def _code(dimension: str, code: str) -> Any:
    """A tally's code as the key the contacts would give: an id, a code, or None."""
    if dimension in ("topic", "client_group"):
        return int(code) if code else None
    return code


def _breakdown(
    service_points: list[int], period: Period, dimension: str, months: list[dt.date], individuals: bool
) -> list[StatRow]:
    by_key: dict[Any, dict[dt.date, int]] = defaultdict(dict)
    totals: dict[Any, int] = defaultdict(int)
    for row in _tallies(service_points, period, dimension):
        key = _code(dimension, row["code"])
        by_key[key][_month_key(row["month"])] = row["n"]
        totals[key] += row["n"]
    labels = _labels(dimension, list(by_key))
    ordered = sorted(by_key, key=lambda key: (-totals[key], str(labels.get(key, key))))
    return [
        _row(str(key), labels.get(key, key), by_key[key], months, totals[key], individuals) for key in ordered
    ]


def _labels(dimension: str, keys: list[Any]) -> dict[Any, Any]:
    language = get_language()
    unknown = _("Not recorded")
    if dimension == "topic":
        return {t.pk: t.name_in(language) for t in Topic.objects.filter(pk__in=keys)}
    if dimension == "client_group":
        groups = {
            g.pk: g.name_in(language) for g in ClientGroup.objects.filter(pk__in=[k for k in keys if k])
        }
        return {**groups, None: unknown}
    if dimension == "channel":
        return dict(Channel.choices)
    if dimension == "outcome":
        return dict(ContactOutcome.choices)
    return {code: language_name(code, language) or code for code in keys}


def _activity(
    service_points: list[int], period: Period, months: list[dt.date], individuals: bool
) -> list[StatRow]:
    """Referrals sent, plans started and appointments by month, from those apps' own tables."""
    from kotopolku.appointments.models import Appointment
    from kotopolku.casework.models import Plan
    from kotopolku.referrals.models import Referral

    start, end = _bounds(period)
    zone = _zone()
    sources: list[tuple[str, Any, QuerySet[Any], Any]] = [
        (
            "referrals",
            _("Referrals sent"),
            Referral.objects.filter(service_point_id__in=service_points, sent_at__gte=start, sent_at__lt=end),
            TruncMonth("sent_at", tzinfo=zone),
        ),
        (
            "plans",
            _("Plans started"),
            Plan.objects.filter(
                service_point_id__in=service_points, starts_on__gte=period.start, starts_on__lte=period.end
            ),
            TruncMonth("starts_on"),
        ),
        (
            "appointments",
            _("Appointments"),
            Appointment.objects.filter(
                service_point_id__in=service_points, starts_at__gte=start, starts_at__lt=end
            ),
            TruncMonth("starts_at", tzinfo=zone),
        ),
    ]
    rows: list[StatRow] = []
    for key, label, queryset, truncated in sources:
        by_month: dict[dt.date, int] = {}
        for row in queryset.annotate(month=truncated).values("month").annotate(n=Count("pk")):
            by_month[_month_key(row["month"])] = row["n"]
        rows.append(_row(key, label, by_month, months, sum(by_month.values()), individuals))
    return rows
