"""Reads of the catalogue for the public site. Catalogue entries are public information: these
take no user and show active services only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from kotopolku.catalogue.enums import WEEKDAY_CODES, ScheduleFrequency, ScheduleKind
from kotopolku.catalogue.hours import HELSINKI, is_open
from kotopolku.catalogue.models import (
    Language,
    Location,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServicePathStep,
    ServiceTranslation,
)
from kotopolku.catalogue.selectors.search import service_search_ids
from kotopolku.organisations.models import Municipality

DIRECTORY_PAGE_SIZE = 20


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    text_language: str | None = None
    life_situation: str = ""
    language_served: str = ""
    organisation_id: int | None = None
    organisation_name: str = ""
    open_now: bool = False
    municipality: Municipality | None = None


def _row_open_at(day: date, wall_clock: time, *, started_yesterday: bool) -> Q:
    """Schedule rows that give an opening on ``day`` running at the local ``wall_clock`` time:
    a regular row of that weekday (or any monthly row) within its validity, or a non-closing
    exception covering the day. For the day before, only openings past midnight count."""
    code = WEEKDAY_CODES[day.weekday()]
    regular = (
        Q(kind=ScheduleKind.REGULAR, is_closed=False)
        & (Q(byday__contains=code) | Q(freq=ScheduleFrequency.MONTHLY))
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        & (Q(dtstart__isnull=True) | Q(dtstart__lte=day))
        & (Q(until__isnull=True) | Q(until__gte=day))
    )
    exception = Q(kind=ScheduleKind.EXCEPTION, is_closed=False, valid_from__lte=day) & (
        Q(valid_to__gte=day) | Q(valid_to__isnull=True, valid_from=day)
    )
    if started_yesterday:  # 22:00–02:00 opened yesterday is open at 01:00 today
        window = Q(closes_at__lte=F("opens_at"), closes_at__gt=wall_clock)
    else:
        window = Q(opens_at__lte=wall_clock) & (Q(closes_at__gt=wall_clock) | Q(closes_at__lte=F("opens_at")))
    return (regular | exception) & window & Q(opens_at__isnull=False, closes_at__isnull=False)


def _open_candidates(at: datetime) -> Q | None:
    """Services with a schedule row (their own, their location's or their service-at-location's)
    that opens them at ``at``, found by the database. It can only over-include (closing
    exceptions, intervals and month days are left to :func:`is_open` over the few found); on a
    night the clocks change, wall-clock times do not compare, and None asks for the full check."""
    local = at.astimezone(HELSINKI)
    today = local.date()
    yesterday = today - timedelta(days=1)
    noon = time(12)
    offsets = {
        datetime.combine(day, noon, tzinfo=HELSINKI).utcoffset()
        for day in (yesterday, today, today + timedelta(days=1))
    }
    if len(offsets) > 1:
        return None
    wall_clock = local.time().replace(tzinfo=None)
    rows = Schedule.objects.filter(
        _row_open_at(today, wall_clock, started_yesterday=False)
        | _row_open_at(yesterday, wall_clock, started_yesterday=True)
    )
    return (
        Q(pk__in=rows.filter(service__isnull=False).values("service_id"))
        | Q(
            pk__in=ServiceAtLocation.objects.filter(
                pk__in=rows.filter(service_at_location__isnull=False).values("service_at_location_id")
            ).values("service_id")
        )
        | Q(
            pk__in=ServiceAtLocation.objects.filter(
                location_id__in=rows.filter(location__isnull=False).values("location_id")
            ).values("service_id")
        )
    )


def _any_hours() -> Q:
    return (
        Q(schedules__isnull=False)
        | Q(service_at_locations__schedules__isnull=False)
        | Q(service_at_locations__location__schedules__isnull=False)
    )


def _directory_rows(queryset: QuerySet[Service]) -> QuerySet[Service]:
    return queryset.select_related("organisation").prefetch_related(
        Prefetch(
            "translations",
            queryset=ServiceTranslation.objects.only("id", "service_id", "language", "name", "description"),
        ),
        "languages",
    )


def service_directory(*, query: DirectoryQuery, at: datetime | None = None) -> QuerySet[Service]:
    """Active services matching the filters, newest first (without "open now", see below)."""
    services = Service.objects.active()
    if query.municipality is not None:
        # Services of the municipality, and services with no area (nationwide ones).
        areas = ServiceArea.objects.filter(service=OuterRef("pk"))
        services = services.filter(Exists(areas.filter(municipality=query.municipality)) | ~Exists(areas))
    if query.text.strip():
        services = services.filter(pk__in=service_search_ids(text=query.text, language=query.text_language))
    if query.life_situation:
        steps = ServicePathStep.objects.filter(
            path__life_situation=query.life_situation, path__is_active=True
        )
        services = services.filter(pk__in=steps.filter(service__isnull=False).values("service_id"))
    if query.language_served:
        at_location = ServiceAtLocation.objects.filter(
            service=OuterRef("pk"), location__languages__code=query.language_served
        )
        services = services.filter(
            Exists(Language.objects.filter(service=OuterRef("pk"), code=query.language_served))
            | Exists(at_location)
        )
    if query.organisation_id is not None:
        services = services.filter(organisation_id=query.organisation_id)
    if query.organisation_name.strip():
        name = query.organisation_name.strip()
        services = services.filter(
            Q(organisation__name__icontains=name)
            | Q(organisation__short_name__icontains=name)
            | Q(organisation__name_en__icontains=name)
            | Q(organisation__name_sv__icontains=name)
        )
    return _directory_rows(services.order_by("-updated_at", "id"))


def open_now_filter(services: QuerySet[Service], at: datetime, *, limit: int) -> list[Service]:
    """The services of ``services`` that are open at ``at`` (at most ``limit``): the database
    finds the services with an opening at that moment, and :func:`is_open` confirms each one
    over its rows (exceptions that close a day), reading their hours in batches."""
    condition = _open_candidates(at)
    candidates = services.filter(
        condition if condition is not None else Q(pk__in=Service.objects.filter(_any_hours()).values("pk"))
    ).prefetch_related(
        Prefetch("schedules", queryset=Schedule.objects.all()),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.prefetch_related("schedules", "location__schedules"),
        ),
    )
    found: list[Service] = []
    # The database's candidates are nearly all open: read their hours a page at a time.
    for service in candidates.iterator(chunk_size=limit + limit // 2 if condition is not None else 200):
        rows: list[Schedule] = list(service.schedules.all())
        for link in service.service_at_locations.all():
            rows.extend(link.schedules.all())
            rows.extend(link.location.schedules.all())
        if rows and is_open(rows, at):
            found.append(service)
            if len(found) >= limit:
                break
    return found


def public_service(*, uuid: UUID | str) -> Service | None:
    """One active service with everything its public page shows, in a fixed number of queries."""
    return (
        Service.objects.active()
        .select_related("organisation")
        .prefetch_related(
            "translations",
            "channels",
            "languages",
            "cost_options",
            "required_documents",
            "schedules",
            "phones",
            Prefetch("service_areas", queryset=ServiceArea.objects.select_related("municipality")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__translations", "location__addresses", "location__schedules", "schedules"
                ),
            ),
        )
        .filter(uuid=uuid)
        .first()
    )


def public_location(*, location_id: int) -> Location | None:
    """A location with its hours, phones and the services held there at their own hours
    (the pop-up hours of partners)."""
    return (
        Location.objects.filter(pk=location_id)
        .prefetch_related(
            "translations",
            "addresses",
            "phones",
            "accessibility",
            Prefetch("schedules", queryset=Schedule.objects.all()),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.filter(
                    schedules__kind=ScheduleKind.REGULAR, service__status="active"
                )
                .distinct()
                .select_related("service__organisation")
                .prefetch_related("schedules", "service__translations"),
                to_attr="popups",
            ),
        )
        .first()
    )


def public_services_by_uuid(uuids: list[UUID]) -> QuerySet[Service]:
    return _directory_rows(Service.objects.active().filter(uuid__in=uuids))


def public_locations() -> QuerySet[Location]:
    return Location.objects.prefetch_related("translations").order_by("id")
