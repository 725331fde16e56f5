"""What the appointment pages share: form errors from a service, the user's service points and workers."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, service_point_ids
from kotopolku.clients.models import Client
from kotopolku.organisations.models import ServicePoint

MAX_REQUEST_BYTES = 16_384
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 365


def errors_to_form(form: Any, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


def points_for(user: Any, action: str) -> QuerySet[ServicePoint]:
    return ServicePoint.objects.filter(pk__in=service_point_ids(user, action), is_active=True).order_by(
        "name"
    )


def workers_at(point_ids: set[int]) -> QuerySet[User]:
    """Staff who take appointments at these service points: directly or through a network."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(
                memberships__service_point_id__in=point_ids,
                memberships__role__in=[Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR],
            )
            | Q(
                memberships__network__service_points__in=point_ids,
                memberships__role__in=[Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR],
            )
        )
        .distinct()
        .order_by("full_name")
    )


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def client_for(request: HttpRequest, uuid: Any, form: Any) -> Client | None:
    if not uuid:
        return None
    client = Client.objects.filter(uuid=uuid).first()
    if client is None or not can(request.user, "clients.view", client):
        form.add_error("contact_name", _("The client is not registered at this service point."))
        return None
    return client


def is_uuid(value: Any) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True
