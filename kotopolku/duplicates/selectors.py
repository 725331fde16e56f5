"""Reads of the duplicates app: the review queue, sweeps and the learned parameters."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from kotopolku.accounts.permissions import service_point_ids
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.matching.linkage import Parameters
from kotopolku.duplicates.models import DuplicatePair, MatchParameters, PairStatus, Sweep

QUEUE_PAGE = 25


def learned_parameters() -> Parameters | None:
    """The newest parameters learned from this deployment's registry, if any (one query)."""
    row = MatchParameters.objects.only("parameters").first()
    if row is None:
        return None
    try:
        return Parameters.from_json(row.parameters)
    except (KeyError, TypeError, ValueError):
        return None


def pairs_visible(user: Any, *, status: str = PairStatus.OPEN) -> QuerySet[DuplicatePair]:
    """The pairs whose two records are both at service points where ``user`` reviews duplicates."""
    points = service_point_ids(user, "duplicates.review")
    hidden = (ClientStatus.MERGED, ClientStatus.ANONYMISED)
    return DuplicatePair.objects.filter(
        Q(service_point_id__in=points) & Q(other_service_point_id__in=points), status=status
    ).exclude(Q(first__status__in=hidden) | Q(second__status__in=hidden))


def review_queue(user: Any, *, page: Any = 1, status: str = PairStatus.OPEN) -> Page:
    """A page of the queue, the most likely pairs first: two queries (the count and the page,
    both records and their service points joined in)."""
    pairs = (
        pairs_visible(user, status=status)
        .select_related("first", "second", "first__service_point", "second__service_point")
        .order_by("-probability", "id")
    )
    return Paginator(pairs, QUEUE_PAGE).get_page(page)


def pair_for(user: Any, pair_id: int) -> DuplicatePair | None:
    return (
        DuplicatePair.objects.filter(pk=pair_id)
        .select_related("first", "second", "first__service_point", "second__service_point")
        .first()
    )


def sweeps_visible(user: Any) -> QuerySet[Sweep]:
    points = service_point_ids(user, "duplicates.sweep")
    return Sweep.objects.filter(
        Q(service_point_id__in=points) | Q(network__service_points__in=points)
    ).distinct()


def latest_sweep(user: Any) -> Sweep | None:
    return (
        sweeps_visible(user).select_related("service_point", "network").order_by("-created_at", "-id").first()
    )


def sweep_visible(user: Any, uuid: Any) -> Sweep | None:
    """The sweep ``uuid`` if ``user`` may sweep its registry (one query)."""
    return sweeps_visible(user).filter(uuid=uuid).first()
