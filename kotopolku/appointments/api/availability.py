"""A worker's own availability and absences over the API: list, add, change (versioned) and
remove. Anyone with a staff role keeps their own; another worker's rows are not found."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import grants_for, require
from kotopolku.appointments import services
from kotopolku.appointments.api.router import router
from kotopolku.appointments.models import Absence, Availability
from kotopolku.appointments.schemas import (
    AbsenceChangeIn,
    AbsenceIn,
    AbsenceOut,
    AvailabilityChangeIn,
    AvailabilityIn,
    AvailabilityOut,
)
from kotopolku.core.versioning import etag, expected_version_from
from kotopolku.organisations.models import ServicePoint


def _availability_out(row: Availability) -> AvailabilityOut:
    return AvailabilityOut(
        id=row.uuid,
        version=row.version,
        worker=row.worker.uuid,
        service_point=row.service_point.uuid,
        weekday=row.weekday,
        starts=row.starts,
        ends=row.ends,
        slot_minutes=row.slot_minutes,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
    )


def _absence_out(row: Absence) -> AbsenceOut:
    return AbsenceOut(
        id=row.uuid,
        version=row.version,
        worker=row.worker.uuid,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        note=row.note,
    )


def _own(model: Any, request: HttpRequest, uuid: UUID) -> Any:
    require(request.user, "appointments.calendar")
    row = model.objects.select_related("worker").filter(worker=request.user, uuid=uuid).first()
    if row is None:
        raise Http404
    return row


def _own_read(model: Any, request: HttpRequest, response: HttpResponse, uuid: UUID) -> Any:
    """One of the user's rows, its version sent as the ETag."""
    row = _own(model, request, uuid)
    response["ETag"] = etag(row.version)
    return row


def _own_change(
    model: Any, request: HttpRequest, uuid: UUID, payload: Any
) -> tuple[Any, dict[str, Any], int | None]:
    """One of the user's rows, the fields the body sets, and the version the client read."""
    row = _own(model, request, uuid)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    return row, changes, expected_version_from(request, payload.version)


@router.get("/availabilities", response=list[AvailabilityOut], summary="The user's own weekly hours")
def list_availabilities(request: HttpRequest) -> list[AvailabilityOut]:
    require(request.user, "appointments.calendar")
    rows = Availability.objects.filter(worker_id=request.user.pk).select_related("worker", "service_point")
    return [_availability_out(row) for row in rows]


@router.post("/availabilities", response={201: AvailabilityOut}, summary="Add weekly hours of the user")
def create_availability(request: HttpRequest, payload: AvailabilityIn) -> tuple[int, AvailabilityOut]:
    require(request.user, "appointments.calendar")
    grants = grants_for(request.user)  # type: ignore[arg-type]
    point = ServicePoint.objects.filter(
        uuid=payload.service_point, pk__in=set(grants.direct) | set(grants.via_network)
    ).first()
    if point is None:
        raise ValidationError({"service_point": _("You do not work at this service point.")})
    row = services.availability_add(
        worker=request.user,  # type: ignore[arg-type]
        service_point=point,
        weekday=payload.weekday,
        starts=payload.starts,
        ends=payload.ends,
        slot_minutes=payload.slot_minutes,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
        by=request.user,
    )
    return 201, _availability_out(row)


@router.get("/availabilities/{uuid}", response=AvailabilityOut, summary="One of the user's weekly hours")
def get_availability(request: HttpRequest, response: HttpResponse, uuid: UUID) -> AvailabilityOut:
    return _availability_out(_own_read(Availability, request, response, uuid))


@router.patch("/availabilities/{uuid}", response=AvailabilityOut, summary="Change weekly hours")
def change_availability(request: HttpRequest, uuid: UUID, payload: AvailabilityChangeIn) -> AvailabilityOut:
    row, changes, expected = _own_change(Availability, request, uuid, payload)
    updated = services.availability_change(
        availability=row, changes=changes, by=request.user, expected_version=expected
    )
    return _availability_out(updated)


@router.delete("/availabilities/{uuid}", response={204: None}, summary="Remove weekly hours")
def delete_availability(request: HttpRequest, uuid: UUID) -> tuple[int, None]:
    row = _own(Availability, request, uuid)
    services.availability_remove(
        availability=row, by=request.user, expected_version=expected_version_from(request)
    )
    return 204, None


@router.get("/absences", response=list[AbsenceOut], summary="The user's current and coming absences")
def list_absences(request: HttpRequest) -> list[AbsenceOut]:
    require(request.user, "appointments.calendar")
    rows = Absence.objects.filter(worker_id=request.user.pk, ends_at__gte=timezone.now()).select_related(
        "worker"
    )
    return [_absence_out(row) for row in rows]


@router.post("/absences", response={201: AbsenceOut}, summary="Add an absence of the user")
def create_absence(request: HttpRequest, payload: AbsenceIn) -> tuple[int, AbsenceOut]:
    require(request.user, "appointments.calendar")
    row = services.absence_add(
        worker=request.user,  # type: ignore[arg-type]
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        note=payload.note,
        by=request.user,
    )
    return 201, _absence_out(row)


@router.get("/absences/{uuid}", response=AbsenceOut, summary="One of the user's absences")
def get_absence(request: HttpRequest, response: HttpResponse, uuid: UUID) -> AbsenceOut:
    return _absence_out(_own_read(Absence, request, response, uuid))


@router.patch("/absences/{uuid}", response=AbsenceOut, summary="Change an absence")
def change_absence(request: HttpRequest, uuid: UUID, payload: AbsenceChangeIn) -> AbsenceOut:
    row, changes, expected = _own_change(Absence, request, uuid, payload)
    if changes.get("note", "") is None:
        raise ValidationError({"note": _("Give a text, or leave the field out.")})
    updated = services.absence_change(
        absence=row, changes=changes, by=request.user, expected_version=expected
    )
    return _absence_out(updated)


@router.delete("/absences/{uuid}", response={204: None}, summary="Remove an absence")
def delete_absence(request: HttpRequest, uuid: UUID) -> tuple[int, None]:
    row = _own(Absence, request, uuid)
    services.absence_remove(absence=row, by=request.user, expected_version=expected_version_from(request))
    return 204, None
