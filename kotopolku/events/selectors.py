"""Reading events and registrations, scoped to what the user may see; and the public reads the
public site uses (published events only, nothing of the people registered)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from kotopolku.accounts.permissions import scope_condition
from kotopolku.events.enums import Attendance, EventKind, EventStatus, RegistrationStatus
from kotopolku.events.models import Event, EventText, HeadCount, Registration


def _with_texts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.prefetch_related(Prefetch("texts", queryset=EventText.objects.order_by("language")))


def event_list(*, user: Any, upcoming_only: bool = False, kind: str = "") -> QuerySet[Event]:
    events = Event.objects.filter(scope_condition(user, "events.view"))
    if upcoming_only:
        events = events.filter(ends_at__gte=timezone.now())
    if kind:
        events = events.filter(kind=kind)
    events = events.annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        ),
        waiting_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )
    return _with_texts(events.select_related("service_point")).order_by("starts_at", "id")


def event_get(*, uuid: Any) -> Event:
    """The event by UUID, unscoped: the caller must ``require`` a permission on it."""
    event = _with_texts(Event.objects.select_related("service_point")).filter(uuid=uuid).first()
    if event is None:
        raise Http404
    return event


def event_counts(*, event: Event) -> dict[str, int]:
    counts = event.registrations.aggregate(
        registered=Count("id", filter=Q(status=RegistrationStatus.REGISTERED)),
        waiting=Count("id", filter=Q(status=RegistrationStatus.WAITING)),
        present=Count("id", filter=Q(attendance=Attendance.PRESENT)),
    )
    counts["walk_ins"] = HeadCount.objects.filter(event=event).aggregate(total=Sum("count"))["total"] or 0
    return {key: int(value or 0) for key, value in counts.items()}


def registration_list(*, event: Event) -> QuerySet[Registration]:
    """The event's registrations (the caller has checked ``events.registrations``), waiting list
    in order after the registered."""
    return event.registrations.select_related("client").order_by("status", "created_at", "id")


def registration_get(*, uuid: Any) -> Registration:
    registration = Registration.objects.select_related("event", "client").filter(uuid=uuid).first()
    if registration is None:
        raise Http404
    return registration


def registrations_of_client(*, client: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(client=client)
        .select_related("event")
        .prefetch_related(Prefetch("event__texts", queryset=EventText.objects.order_by("language")))
        .order_by("event__starts_at")
    )


def head_counts(*, event: Event) -> QuerySet[HeadCount]:
    return HeadCount.objects.filter(event=event).order_by("language", "gender")


def published_events(
    *, service_point_ids: Iterable[int] | None = None, since: dt.datetime | None = None
) -> QuerySet[Event]:
    """Published events from ``since`` (now) on, for the public site, the public API and the
    iCalendar feed. With the places free (``registered_count``) but nothing of the people."""
    since = since or timezone.now()
    events = Event.objects.filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED], ends_at__gte=since
    )
    events = events.exclude(status=EventStatus.CANCELLED, updated_at__lt=since - dt.timedelta(days=30))
    if service_point_ids is not None:
        events = events.filter(service_point_id__in=list(service_point_ids))
    events = events.annotate(
        registered_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED))
    )
    return _with_texts(events.select_related("service_point")).order_by("starts_at", "id")


def published_event_get(*, uuid: Any) -> Event:
    event = (
        _with_texts(Event.objects.select_related("service_point"))
        .filter(uuid=uuid, status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
        .first()
    )
    if event is None:
        raise Http404
    return event


def workshops_held(*, service_point_ids: Iterable[int], date_from: dt.date, date_to: dt.date) -> int:
    """Co-design workshops held in the period (the "3–6 workshops" counted from the data)."""
    return Event.objects.filter(
        service_point_id__in=list(service_point_ids),
        kind=EventKind.WORKSHOP,
        status=EventStatus.PUBLISHED,
        starts_at__date__gte=date_from,
        starts_at__date__lte=date_to,
        ends_at__lte=timezone.now(),
    ).count()


def people_reached(
    *, service_point_ids: Iterable[int], date_from: dt.date, date_to: dt.date
) -> dict[str, int]:
    """People at the events of the period: registered and marked present, and walk-ins counted."""
    events = Event.objects.filter(
        service_point_id__in=list(service_point_ids),
        starts_at__date__gte=date_from,
        starts_at__date__lte=date_to,
    )
    present = Registration.objects.filter(event__in=events, attendance=Attendance.PRESENT).count()
    walk_ins = HeadCount.objects.filter(event__in=events).aggregate(total=Sum("count"))["total"] or 0
    return {"present": present, "walk_ins": int(walk_ins), "total": present + int(walk_ins)}
