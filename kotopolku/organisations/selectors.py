from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kotopolku.accounts.permissions import grants_for
from kotopolku.organisations.models import Municipality, Organisation, ServicePoint


def service_points_of_user(*, user: Any) -> QuerySet[ServicePoint]:
    grants = grants_for(user)
    ids = set(grants.direct) | set(grants.via_network)
    return ServicePoint.objects.filter(id__in=ids).select_related("municipality").order_by("name")


def organisation_list(*, search: str = "", kind: str = "") -> QuerySet[Organisation]:
    queryset = Organisation.objects.select_related("municipality").filter(is_active=True)
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search)
            | Q(name_sv__icontains=search)
            | Q(name_en__icontains=search)
            | Q(short_name__icontains=search)
            | Q(business_id__icontains=search)
        )
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("name")


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("name_fi")
