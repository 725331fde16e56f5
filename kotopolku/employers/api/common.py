"""What the employer endpoints share: the service point a new record goes to, code lookups, and the
records a path names (each checked against the permission layer). A stale version is answered by
the API's shared 409 (``kotopolku/api.py``)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.clients.models import Client
from kotopolku.employers import selectors
from kotopolku.employers.models import Employer, JobOpening
from kotopolku.organisations.models import Municipality, ServicePoint


def service_point_for(request: HttpRequest, wanted: UUID | None, action: str) -> ServicePoint:
    if wanted is not None:
        point = ServicePoint.objects.filter(uuid=wanted, is_active=True).first()
        if point is None:
            raise ValidationError({"service_point": _("Unknown service point.")})
        require(request.user, action, point)
        return point
    allowed = service_point_ids(request.user, action)
    if len(allowed) != 1:
        if not allowed:
            raise PermissionDenied(action)
        raise ValidationError({"service_point": _("Choose the service point.")})
    return ServicePoint.objects.get(pk=next(iter(allowed)))


def codes_resolved(**wanted: tuple[Any, str | None, str]) -> dict[str, Any]:
    """Each field's code (``field=(rows, code, message when unknown)``) read to its row, or None
    when no code was given; every unknown code is named at once, in one 422."""
    found: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field, (rows, code, message) in wanted.items():
        found[field] = rows.filter(code=code).first() if code else None
        if code and found[field] is None:
            errors[field] = [message]
    if errors:
        raise ValidationError(errors)
    return found


def municipality_code(code: str | None) -> tuple[Any, str | None, str]:
    """A municipality code of a body, for ``payload_data``."""
    return (Municipality.objects.all(), code, _("Unknown municipality code."))


def payload_data(data_class: Any, payload: Any, **codes: tuple[Any, str | None, str]) -> Any:
    """The service's input dataclass from a request body, with the codes in it read to their rows
    (``codes_resolved``; every unknown code named in one 422)."""
    return service_data(data_class, payload, **codes_resolved(**codes))


def service_data(data_class: Any, payload: Any, **resolved: Any) -> Any:
    """The service's input dataclass from a request body: the body's fields of the same names,
    with the records looked up for the codes in it."""
    values = {f.name: getattr(payload, f.name) for f in fields(data_class) if f.name not in resolved}
    return data_class(**values, **resolved)


def employer_for(request: HttpRequest, uuid: UUID, action: str) -> Employer:
    employer = selectors.employer_get(uuid=uuid)
    require(request.user, action, employer)
    return employer


def opening_for(request: HttpRequest, uuid: UUID, action: str) -> JobOpening:
    opening = selectors.opening_get(uuid=uuid)
    require(request.user, action, opening)
    return opening


def client_for(request: HttpRequest, uuid: UUID, action: str) -> Client:
    """A client named in a body: one the user cannot see is unknown (422), not forbidden."""
    client = Client.objects.filter(uuid=uuid).first()
    if client is None or not can(request.user, "clients.view", client):
        raise ValidationError({"client": _("Unknown client.")})
    require(request.user, action, client)
    return client
