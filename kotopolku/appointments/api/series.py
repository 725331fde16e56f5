"""Pop-up series over the API: list, create, read, change and cancel as one, and book a slot."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query

from kotopolku.accounts.permissions import require
from kotopolku.appointments import services
from kotopolku.appointments.api.appointments import appointment_out
from kotopolku.appointments.api.router import PAGE_SIZE, router
from kotopolku.appointments.enums import AppointmentKind
from kotopolku.appointments.schemas import (
    AppointmentOut,
    PageFilters,
    PopupBookIn,
    SeriesChangeIn,
    SeriesChangeOut,
    SeriesDetailOut,
    SeriesIn,
    SeriesOut,
    SeriesPage,
    SeriesSlotOut,
    VersionIn,
)
from kotopolku.appointments.selectors import appointment_get, series_list
from kotopolku.clients.models import Client
from kotopolku.core.versioning import etag, expected_version_from
from kotopolku.organisations.models import Organisation, ServicePoint


def _out(series: Any) -> SeriesOut:
    return SeriesOut(
        id=series.uuid,
        version=series.version,
        service_point=series.service_point.uuid,
        organisation=series.organisation.uuid,
        title=series.title,
        first_date=series.first_date,
        last_date=series.last_date,
        interval_weeks=series.interval_weeks,
        starts=series.starts,
        ends=series.ends,
        slot_minutes=series.slot_minutes,
        location=series.location,
        channel=series.channel,
        cancelled_at=series.cancelled_at,
        booked=series.booked,
        free=series.free,
    )


def _series(request: HttpRequest, uuid: UUID) -> Any:
    """The series with its counts, when the user may run the series of its service point."""
    series = series_list(user=request.user).filter(uuid=uuid).first()
    if series is None:
        raise Http404
    require(request.user, "appointments.series", series)
    return series


@router.get("/appointment-series", response=SeriesPage, summary="Pop-up series, newest first")
def list_series(request: HttpRequest, filters: Query[PageFilters]) -> SeriesPage:
    require(request.user, "appointments.series")
    queryset = series_list(user=request.user)
    start = (filters.page - 1) * PAGE_SIZE
    rows = list(queryset[start : start + PAGE_SIZE])
    return SeriesPage(count=queryset.count(), page=filters.page, items=[_out(s) for s in rows])


@router.post("/appointment-series", response={201: SeriesDetailOut}, summary="Create a pop-up series")
def create_series(request: HttpRequest, payload: SeriesIn) -> tuple[int, SeriesDetailOut]:
    point = ServicePoint.objects.filter(uuid=payload.service_point, is_active=True).first()
    if point is None:
        raise ValidationError({"service_point": _("Unknown service point.")})
    require(request.user, "appointments.series", point)
    organisation = Organisation.objects.filter(uuid=payload.organisation, is_active=True).first()
    data = services.SeriesData(
        organisation=organisation,
        title=payload.title,
        first_date=payload.first_date,
        last_date=payload.last_date,
        starts=payload.starts,
        ends=payload.ends,
        interval_weeks=payload.interval_weeks,
        slot_minutes=payload.slot_minutes,
        location=payload.location,
        channel=payload.channel,
    )
    series = services.series_create(service_point=point, data=data, by=request.user)
    return 201, _detail(_series(request, series.uuid))


def _detail(series: Any) -> SeriesDetailOut:
    slots = series.slots.order_by("starts_at").only("uuid", "starts_at", "ends_at", "status")
    return SeriesDetailOut(
        **_out(series).model_dump(),
        slots=[
            SeriesSlotOut(id=s.uuid, starts_at=s.starts_at, ends_at=s.ends_at, status=s.status) for s in slots
        ],
    )


@router.get("/appointment-series/{uuid}", response=SeriesDetailOut, summary="One pop-up series and its slots")
def get_series(request: HttpRequest, response: HttpResponse, uuid: UUID) -> SeriesDetailOut:
    series = _series(request, uuid)
    response["ETag"] = etag(series.version)
    return _detail(series)


@router.patch(
    "/appointment-series/{uuid}",
    response=SeriesChangeOut,
    summary="Move the hours or the place of every future slot; one message per person affected",
)
def change_series(request: HttpRequest, uuid: UUID, payload: SeriesChangeIn) -> SeriesChangeOut:
    series = _series(request, uuid)
    _updated, told = services.series_change(
        series=series,
        starts=payload.starts,
        ends=payload.ends,
        location=payload.location,
        by=request.user,
        expected_version=expected_version_from(request, payload.version),
    )
    return SeriesChangeOut(series=_out(_series(request, uuid)), people_told=len(told))


@router.post(
    "/appointment-series/{uuid}/cancel",
    response=SeriesChangeOut,
    summary="Cancel every future slot of the series; one message per person affected",
)
def cancel_series(request: HttpRequest, uuid: UUID, payload: VersionIn) -> SeriesChangeOut:
    series = _series(request, uuid)
    if series.cancelled_at is not None:
        raise ValidationError({"status": _("The series is cancelled.")})
    told = services.series_cancel(
        series=series, by=request.user, expected_version=expected_version_from(request, payload.version)
    )
    return SeriesChangeOut(series=_out(_series(request, uuid)), people_told=len(told))


@router.post(
    "/appointments/{uuid}/book",
    response=AppointmentOut,
    summary="Book a free slot of a pop-up series for a client or a contact person",
)
def book_popup_slot(request: HttpRequest, uuid: UUID, payload: PopupBookIn) -> AppointmentOut:
    slot = appointment_get(uuid=uuid)
    require(request.user, "appointments.book", slot.service_point)
    if slot.kind != AppointmentKind.POPUP:
        raise ValidationError({"kind": _("Only a slot of a pop-up series is booked this way.")})
    client = None
    if payload.client:
        client = Client.objects.filter(uuid=payload.client, service_point_id=slot.service_point_id).first()
        if client is None:
            raise ValidationError({"client": [_("The client is not registered at this service point.")]})
    services.popup_slot_book(
        slot=slot,
        by=request.user,
        client=client,
        contact_name=payload.contact_name,
        contact_email=payload.contact_email,
        contact_phone=payload.contact_phone,
        language=payload.language,
    )
    return appointment_out(appointment_get(uuid=uuid))
