"""Appointments over the API: list, book, read (JSON and .ics), cancel, record a no-show."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import require
from kotopolku.appointments import services
from kotopolku.appointments.api.router import router
from kotopolku.appointments.models import Appointment
from kotopolku.appointments.schemas import (
    AppointmentFilters,
    AppointmentIn,
    AppointmentOut,
    AppointmentPage,
    StatusIn,
)
from kotopolku.appointments.selectors import (
    appointment_get,
    appointment_list,
    local_start,
)
from kotopolku.clients.models import Client
from kotopolku.core.versioning import etag, expected_version_from
from kotopolku.organisations.models import Organisation, ServicePoint

MAX_LIST_DAYS = 62


def appointment_out(a: Appointment) -> AppointmentOut:
    return AppointmentOut(
        id=a.uuid,
        version=a.version,
        service_point=a.service_point.uuid,
        kind=a.kind,
        worker=a.worker.uuid if a.worker else None,
        starts_at=a.starts_at,
        ends_at=a.ends_at,
        channel=a.channel,
        meeting_link=a.meeting_link,
        location=a.location,
        client=a.client.uuid if a.client else None,
        contact_name=a.contact_name,
        language=a.language,
        topic=a.topic,
        status=a.status,
        reason=a.status_reason.code if a.status_reason else None,
    )


@router.get("/appointments", response=AppointmentPage, summary="Appointments in a period (at most 62 days)")
def list_appointments(request: HttpRequest, filters: Query[AppointmentFilters]) -> AppointmentPage:
    require(request.user, "appointments.view")
    errors: dict[str, str] = {}
    if filters.date_to < filters.date_from:
        errors["date_to"] = _("The end is before the start.")
    elif (filters.date_to - filters.date_from).days > MAX_LIST_DAYS:
        errors["date_to"] = _("Ask for at most %(days)d days at a time.") % {"days": MAX_LIST_DAYS}
    worker_id = point_id = None
    if filters.worker:
        worker_id = User.objects.filter(uuid=filters.worker).values_list("pk", flat=True).first()
        if worker_id is None:
            errors["worker"] = _("Unknown worker.")
    if filters.service_point:
        point_id = (
            ServicePoint.objects.filter(uuid=filters.service_point).values_list("pk", flat=True).first()
        )
        if point_id is None:
            errors["service_point"] = _("Unknown service point.")
    if errors:
        raise ValidationError(errors)
    rows = list(
        appointment_list(
            user=request.user,
            start=local_start(filters.date_from),
            end=local_start(filters.date_to + timedelta(days=1)),
            worker_id=worker_id,
            service_point_id=point_id,
        ).select_related("status_reason")
    )
    return AppointmentPage(count=len(rows), items=[appointment_out(a) for a in rows])


@router.post("/appointments", response={201: AppointmentOut}, summary="Book an appointment")
def create_appointment(request: HttpRequest, payload: AppointmentIn) -> tuple[int, AppointmentOut]:
    point = ServicePoint.objects.filter(uuid=payload.service_point, is_active=True).first()
    if point is None:
        raise ValidationError({"service_point": _("Unknown service point.")})
    require(request.user, "appointments.book", point)
    errors: dict[str, list[str]] = {}
    worker = User.objects.filter(uuid=payload.worker, is_active=True).first()
    if worker is None:
        errors["worker"] = [_("Unknown worker.")]
    client = None
    if payload.client:
        client = Client.objects.filter(uuid=payload.client, service_point=point).first()
        if client is None:
            errors["client"] = [_("The client is not registered at this service point.")]
    partners = list(Organisation.objects.filter(uuid__in=payload.partners, is_active=True))
    if len(partners) != len(set(payload.partners)):
        errors["partners"] = [_("Unknown organisation.")]
    data = services.BookingData(
        kind=payload.kind,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        channel=payload.channel,
        worker=worker,
        client=client,
        contact_name=payload.contact_name,
        contact_organisation=payload.contact_organisation,
        contact_email=payload.contact_email,
        contact_phone=payload.contact_phone,
        language=payload.language,
        topic=payload.topic,
        location=payload.location,
        meeting_link=payload.meeting_link,
        partners=partners,
    )
    if errors:
        for name, messages in services.booking_errors(
            service_point=point, data=data, by=request.user
        ).items():
            if name not in ("worker", "client") or name not in errors:
                errors.setdefault(name, messages)
        raise ValidationError(errors)
    appointment = services.appointment_book(service_point=point, data=data, by=request.user)
    return 201, appointment_out(appointment_get(uuid=appointment.uuid))


@router.get(
    "/appointments/{uuid}.ics",
    summary="One appointment as iCalendar",
    response={200: Any},
    openapi_extra={"responses": {200: {"content": {"text/calendar": {"schema": {"type": "string"}}}}}},
)
def appointment_ics(request: HttpRequest, uuid: UUID) -> HttpResponse:
    from kotopolku.appointments.views.ics import ics_response

    appointment = appointment_get(uuid=uuid)
    require(request.user, "appointments.view", appointment)
    services.appointment_read_record(appointment=appointment, by=request.user)
    return ics_response(appointment)


@router.get("/appointments/{uuid}", response=AppointmentOut, summary="One appointment")
def get_appointment(request: HttpRequest, response: HttpResponse, uuid: UUID) -> AppointmentOut:
    appointment = appointment_get(uuid=uuid)
    require(request.user, "appointments.view", appointment)
    services.appointment_read_record(appointment=appointment, by=request.user)
    response["ETag"] = etag(appointment.version)
    return appointment_out(appointment)


def _status(request: HttpRequest, uuid: UUID, payload: StatusIn, *, no_show: bool) -> AppointmentOut:
    appointment = appointment_get(uuid=uuid)
    require(request.user, "appointments.change", appointment)
    act = services.appointment_no_show if no_show else services.appointment_cancel
    act(
        appointment=appointment,
        by=request.user,
        reason_code=payload.reason,
        note=payload.note,
        expected_version=expected_version_from(request, payload.version),
    )
    return appointment_out(appointment_get(uuid=uuid))


@router.post("/appointments/{uuid}/cancel", response=AppointmentOut, summary="Cancel, with a reason code")
def cancel_appointment(request: HttpRequest, uuid: UUID, payload: StatusIn) -> AppointmentOut:
    return _status(request, uuid, payload, no_show=False)


@router.post(
    "/appointments/{uuid}/no-show", response=AppointmentOut, summary="Record a no-show, with a reason code"
)
def no_show_appointment(request: HttpRequest, uuid: UUID, payload: StatusIn) -> AppointmentOut:
    return _status(request, uuid, payload, no_show=True)
