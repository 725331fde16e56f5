"""Interpreter bookings over the API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query

from kotopolku.accounts.permissions import require
from kotopolku.appointments import services
from kotopolku.appointments.api.router import PAGE_SIZE, router
from kotopolku.appointments.schemas import InterpreterFilters, InterpreterIn, InterpreterOut, InterpreterPage
from kotopolku.appointments.selectors import appointment_get, interpreter_bookings
from kotopolku.organisations.models import Organisation


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
