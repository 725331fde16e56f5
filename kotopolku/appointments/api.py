"""Appointments over the API: booking, cancelling, a worker's calendar, .ics, interpreters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import require
from kotopolku.appointments import services
from kotopolku.appointments.models import Appointment
from kotopolku.appointments.schemas import (
    AppointmentFilters,
    AppointmentIn,
    AppointmentOut,
    AppointmentPage,
    CalendarDayOut,
    CalendarFilters,
    CalendarOut,
    InterpreterFilters,
    InterpreterIn,
    InterpreterOut,
    InterpreterPage,
    SlotOut,
    StatusIn,
)
from kotopolku.appointments.selectors import (
    appointment_get,
    appointment_list,
    calendar_for,
    interpreter_bookings,
    local_start,
)
from kotopolku.clients.models import Client
from kotopolku.core.versioning import StaleVersion, etag, expected_version_from
from kotopolku.organisations.models import Organisation, ServicePoint

router = Router(tags=["appointments"])
MAX_LIST_DAYS = 62
PAGE_SIZE = 100


def _out(a: Appointment) -> AppointmentOut:
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
    return AppointmentPage(count=len(rows), items=[_out(a) for a in rows])


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
    return 201, _out(appointment_get(uuid=appointment.uuid))


@router.get("/appointments/{uuid}.ics", summary="One appointment as iCalendar", response={200: Any})
def appointment_ics(request: HttpRequest, uuid: UUID) -> HttpResponse:
    from kotopolku.appointments.views import ics_response

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
    return _out(appointment)


def _status(request: HttpRequest, uuid: UUID, payload: StatusIn, *, no_show: bool) -> AppointmentOut:
    appointment = appointment_get(uuid=uuid)
    require(request.user, "appointments.change", appointment)
    act = services.appointment_no_show if no_show else services.appointment_cancel
    try:
        act(
            appointment=appointment,
            by=request.user,
            reason_code=payload.reason,
            note=payload.note,
            expected_version=expected_version_from(request, payload.version),
        )
    except StaleVersion as stale:
        raise HttpError(
            409,
            _("The appointment changed meanwhile (now version %(version)d). Read it again.")
            % {"version": stale.current.version},
        ) from None
    return _out(appointment_get(uuid=uuid))


@router.post("/appointments/{uuid}/cancel", response=AppointmentOut, summary="Cancel, with a reason code")
def cancel_appointment(request: HttpRequest, uuid: UUID, payload: StatusIn) -> AppointmentOut:
    return _status(request, uuid, payload, no_show=False)


@router.post(
    "/appointments/{uuid}/no-show", response=AppointmentOut, summary="Record a no-show, with a reason code"
)
def no_show_appointment(request: HttpRequest, uuid: UUID, payload: StatusIn) -> AppointmentOut:
    return _status(request, uuid, payload, no_show=True)


@router.get("/calendars/{worker}", response=CalendarOut, summary="A worker's free, booked and absent slots")
def worker_calendar(request: HttpRequest, worker: UUID, filters: Query[CalendarFilters]) -> CalendarOut:
    require(request.user, "appointments.calendar")
    person = User.objects.filter(uuid=worker, is_active=True).first()
    if person is None:
        raise HttpError(404, _("Not found."))
    start = filters.start or timezone.localdate()
    result = calendar_for(user=request.user, start=start, days=filters.days, worker_id=person.pk)
    return CalendarOut(
        worker=person.uuid,
        days=[
            CalendarDayOut(
                date=day,
                slots=[
                    SlotOut(
                        starts_at=slot.starts_at,
                        ends_at=slot.ends_at,
                        state=slot.state,
                        # Only an appointment the user may see is named.
                        appointment=slot.appointment.uuid if slot.appointment is not None else None,
                    )
                    for slot in result.cell(person, day).slots
                ],
            )
            for day in result.days
        ],
    )


def _interpreter_out(booking: Any) -> InterpreterOut:
    return InterpreterOut(
        id=booking.uuid,
        appointment=booking.appointment.uuid,
        language=booking.language,
        mode=booking.mode,
        provider=booking.provider.uuid,
        duration_minutes=booking.duration_minutes,
        cost=booking.cost,
    )


@router.get("/interpreter-bookings", response=InterpreterPage, summary="Interpreter bookings, newest first")
def list_interpreters(request: HttpRequest, filters: Query[InterpreterFilters]) -> InterpreterPage:
    require(request.user, "appointments.view")
    queryset = interpreter_bookings(user=request.user)
    start = (filters.page - 1) * PAGE_SIZE
    rows = list(queryset[start : start + PAGE_SIZE])
    return InterpreterPage(
        count=queryset.count(), page=filters.page, items=[_interpreter_out(b) for b in rows]
    )


@router.post(
    "/interpreter-bookings", response={201: InterpreterOut}, summary="Book an interpreter for an appointment"
)
def create_interpreter(request: HttpRequest, payload: InterpreterIn) -> tuple[int, InterpreterOut]:
    appointment = appointment_get(uuid=payload.appointment)
    require(request.user, "appointments.interpreter", appointment)
    provider = Organisation.objects.filter(uuid=payload.provider, is_active=True).first()
    booking = services.interpreter_book(
        appointment=appointment,
        data=services.InterpreterData(
            language=payload.language,
            mode=payload.mode,
            provider=provider,
            duration_minutes=payload.duration_minutes,
            cost=payload.cost,
        ),
        by=request.user,
    )
    return 201, _interpreter_out(booking)
