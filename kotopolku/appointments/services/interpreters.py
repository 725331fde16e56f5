"""Interpreter bookings attached to an appointment."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kotopolku.appointments.enums import (
    AppointmentStatus,
    InterpreterMode,
)
from kotopolku.appointments.models import (
    Appointment,
    InterpreterBooking,
)
from kotopolku.appointments.services.common import (
    Errors,
)
from kotopolku.audit.services import audit_record
from kotopolku.contacts.languages import is_known_language

# --- interpreters ------------------------------------------------------------------------------


@dataclass
class InterpreterData:
    language: str
    mode: str
    provider: Any | None
    duration_minutes: Any
    cost: Any


@transaction.atomic
def interpreter_book(*, appointment: Appointment, data: InterpreterData, by: Any) -> InterpreterBooking:
    errors = Errors()
    if not isinstance(data.language, str) or not is_known_language(data.language):
        errors.add("language", _("Choose a language from the list."))
    if data.mode not in InterpreterMode.values:
        errors.add("mode", _("Choose a mode from the list."))
    if data.provider is None:
        errors.add("provider", _("Choose the provider."))
    if (
        isinstance(data.duration_minutes, bool)
        or not isinstance(data.duration_minutes, int)
        or not (1 <= data.duration_minutes <= 600)
    ):
        errors.add("duration_minutes", _("Give the duration in whole minutes, from 1 to 600."))
    try:
        cost = Decimal(str(data.cost))
        if (
            not cost.is_finite()
            or cost < 0
            or cost > Decimal("100000")
            or cost != cost.quantize(Decimal("0.01"))
        ):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors.add("cost", _("Give the cost in euros, e.g. 85.50."))
        cost = Decimal(0)
    if appointment.status not in (AppointmentStatus.BOOKED,):
        errors.add("appointment", _("Interpreters are booked for booked appointments only."))
    errors.raise_if_any()
    assert data.provider is not None
    booking = InterpreterBooking.objects.create(
        service_point_id=appointment.service_point_id,
        appointment=appointment,
        language=data.language,
        mode=data.mode,
        provider=data.provider,
        duration_minutes=data.duration_minutes,
        cost=cost,
        booked_by=by,
    )
    audit_record(
        actor=by,
        action="appointments.interpreter",
        target=booking,
        details={"language": data.language, "mode": data.mode, "cost": str(cost)},
    )
    return booking
