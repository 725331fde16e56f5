"""EECO18 and EECO19: the organisations a project supported, from the employers app.

An organisation is supported when an activity with it is recorded in the period at one of the
project's service points, and counts once by its business ID (as the employers app counts
enterprises by size). Public administrations (EECO18) are those recorded in TOL 2008 section O,
division 84 "public administration and defence; compulsory social security": a municipality,
a wellbeing services county or a state agency. They are not enterprises, so EECO19 leaves them
out. Public services run in other industries (a municipal school, a health centre) cannot be
told apart from companies of the same industry and count as enterprises."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from kotopolku.employers.enums import SizeClass
from kotopolku.employers.models import Employer
from kotopolku.employers.selectors import supported_enterprises_by_size
from kotopolku.indicators.periods import Period

PUBLIC_ADMINISTRATION = Q(industry__code__startswith="84") | Q(industry__code="O")


def _supported(service_points: Iterable[int], period: Period) -> Any:
    return Employer.objects.filter(
        activities__service_point_id__in=list(service_points),
        activities__happened_on__gte=period.start,
        activities__happened_on__lte=period.end,
    )


def public_bodies_by_size(*, service_points: Iterable[int], period: Period) -> dict[str, int]:
    """Supported public administrations by the size class the employers app counts them in (the
    most recently updated record of the business ID), so they can be taken out of EECO19."""
    points = list(service_points)
    public_ids = _supported(points, period).filter(PUBLIC_ADMINISTRATION).values("business_id")
    rows = (
        _supported(points, period)
        .filter(business_id__in=public_ids)
        .values_list("business_id", "size_class", "updated_at")
        .distinct()
    )
    latest: dict[str, tuple[Any, str]] = {}
    for business_id, size_class, updated_at in rows:
        if business_id not in latest or updated_at > latest[business_id][0]:
            latest[business_id] = (updated_at, size_class)
    counts = dict.fromkeys(SizeClass.values, 0)
    for _updated, size_class in latest.values():
        counts[size_class] += 1
    return counts


def supported_organisations(*, service_points: list[int], period: Period) -> tuple[int, dict[str, int]]:
    """The public administrations supported, and the enterprises by size class without them."""
    sizes = supported_enterprises_by_size(
        service_point_ids=service_points, date_from=period.start, date_to=period.end
    )
    public = public_bodies_by_size(service_points=service_points, period=period)
    enterprises = {size: sizes.get(size, 0) - public.get(size, 0) for size in SizeClass.values}
    return sum(public.values()), enterprises
