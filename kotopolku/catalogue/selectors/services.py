"""Service lists and details for the staff UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kotopolku.accounts.permissions import require
from kotopolku.catalogue.models import (
    Location,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceClassification,
    ServiceTranslation,
)
from kotopolku.catalogue.selectors.search import service_search

UNCHECKED_AFTER = timedelta(days=183)  # six months


@dataclass(frozen=True)
class ServiceQuery:
    text: str = ""
    term_id: int | None = None
    organisation_id: int | None = None
    municipality_id: int | None = None


def _for_list(queryset: QuerySet[Service]) -> QuerySet[Service]:
    return queryset.select_related("organisation", "last_checked_by").prefetch_related(
        Prefetch(
            "translations", queryset=ServiceTranslation.objects.only("id", "service_id", "language", "name")
        ),
    )


def service_list(*, user: object, query: ServiceQuery) -> QuerySet[Service]:
    """Services matching the query, for staff who may view the catalogue."""
    require(user, "catalogue.view")
    queryset: QuerySet[Service] = (
        service_search(text=query.text) if query.text.strip() else Service.objects.all()
    )
    if query.term_id is not None:
        # A class matches its sub-classes too. Subqueries, not joins: no duplicate rows.
        in_class = Q(term_id=query.term_id) | Q(term__parent_id=query.term_id)
        terms = ServiceClassification.objects.filter(in_class)
        queryset = queryset.filter(pk__in=terms.values("service_id"))
    if query.organisation_id is not None:
        queryset = queryset.filter(organisation_id=query.organisation_id)
    if query.municipality_id is not None:
        areas = ServiceArea.objects.filter(municipality_id=query.municipality_id)
        queryset = queryset.filter(pk__in=areas.values("service_id"))
    return _for_list(queryset)


def services_unchecked(*, user: object, now: object = None) -> QuerySet[Service]:
    """Active services nobody has checked in six months (or ever), oldest check first."""
    require(user, "catalogue.view")
    cutoff = (now or timezone.now()) - UNCHECKED_AFTER  # type: ignore[operator]
    return _for_list(
        Service.objects.active()
        .filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff))
        .order_by("last_checked_at", "id")
    )


def locations_unchecked(*, user: object, now: object = None) -> QuerySet[Location]:
    require(user, "catalogue.view")
    cutoff = (now or timezone.now()) - UNCHECKED_AFTER  # type: ignore[operator]
    return (
        Location.objects.filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff))
        .select_related("organisation")
        .prefetch_related("translations")
        .order_by("last_checked_at", "id")
    )


def service_detail(*, user: object, uuid: UUID | str) -> Service:
    """One service with everything the detail page shows, in a fixed number of queries."""
    service = (
        Service.objects.select_related("organisation", "last_checked_by")
        .prefetch_related(
            "translations",
            "channels",
            "languages",
            "cost_options",
            "required_documents",
            Prefetch("service_areas", queryset=ServiceArea.objects.select_related("municipality")),
            Prefetch(
                "classifications", queryset=ServiceClassification.objects.select_related("term__taxonomy")
            ),
            "schedules",
            "phones",
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__translations",
                    "location__addresses",
                    "location__accessibility",
                    Prefetch("location__schedules", queryset=Schedule.objects.all()),
                    "schedules",
                ),
            ),
        )
        .get(uuid=uuid)
    )
    require(user, "catalogue.view", service)
    return service
