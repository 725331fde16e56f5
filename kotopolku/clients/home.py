"""The client registry's panels on the staff's home pages (``ClientsConfig.home_panels``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django.http import HttpRequest
from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, service_point_ids
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import client_list

SHOWN = 5
# A residence permit ending this soon is worth the advisor's attention.
PERMIT_WARNING_DAYS = 60


def my_clients(request: HttpRequest) -> dict[str, Any] | None:
    """An advisor's own clients (responsible worker) and what is due for them: permits ending."""
    if not can(request.user, "clients.view"):
        return None
    user = cast(User, request.user)  # the home page is behind login_required
    mine = client_list(user=user, status=ClientStatus.ACTIVE).filter(responsible_worker=user)
    today = timezone.localdate()
    due = mine.filter(
        permit_expires__gte=today, permit_expires__lte=today + timedelta(days=PERMIT_WARNING_DAYS)
    )
    return {
        "clients": list(mine.order_by("-updated_at")[:SHOWN]),
        "count": mine.count(),
        "permits_ending": list(due.order_by("permit_expires")[:SHOWN]),
        "warning_days": PERMIT_WARNING_DAYS,
    }


def records_to_check(request: HttpRequest) -> dict[str, Any] | None:
    """A coordinator's open items: active clients whose permit has ended or who gave no consent
    to keeping a record, and closed records due for anonymisation."""
    if not can(request.user, "clients.retention"):
        return None
    points = service_point_ids(request.user, "clients.retention")
    active = Client.objects.filter(service_point_id__in=points, status=ClientStatus.ACTIVE)
    today = timezone.localdate()
    expired = active.filter(permit_expires__lt=today)
    without_consent = active.exclude(consents__purpose="record_keeping", consents__withdrawn_at__isnull=True)
    return {
        "expired": list(expired.order_by("permit_expires")[:SHOWN]),
        "expired_count": expired.count(),
        "without_consent_count": without_consent.count(),
    }
