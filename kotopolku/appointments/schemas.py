from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema

from kotopolku.core.api_schemas import FreeText, InputSchema, Line


class AppointmentIn(InputSchema):
    service_point: UUID
    kind: Line = Field(max_length=40, description="advisor, permit_expert or joint")
    worker: UUID
    starts_at: datetime
    ends_at: datetime
    channel: Line = Field(max_length=40, description="on_site, phone or video")
    meeting_link: Line = Field("", max_length=500, description="https:// link; required for video")
    location: Line = Field("", max_length=1000)
    client: UUID | None = None
    contact_name: Line = Field(
        "", max_length=1000, description="An employer's contact person, without a client"
    )
    contact_organisation: Line = Field("", max_length=1000)
    contact_email: Line = Field("", max_length=254)
    contact_phone: Line = Field("", max_length=100)
    language: Line = Field("fi", max_length=16, description="ISO 639 code; the reminders' language")
    topic: Line = Field("", max_length=1000)
    partners: list[UUID] = Field([], max_length=20)


class StatusIn(InputSchema):
    reason: Line = Field(max_length=40, description="A code of the cancellation / no-show reasons")
    note: FreeText = Field("", max_length=10_000)
    version: int | None = None


class InterpreterOut(Schema):
    id: UUID
    appointment: UUID
    language: str
    mode: str
    provider: UUID
    duration_minutes: int
    cost: Decimal


class AppointmentOut(Schema):
    id: UUID
    version: int
    service_point: UUID
    kind: str
    worker: UUID | None
    starts_at: datetime
    ends_at: datetime
    channel: str
    meeting_link: str
    location: str
    client: UUID | None
    contact_name: str
    language: str
    topic: str
    status: str
    reason: str | None


class AppointmentPage(Schema):
    count: int
    items: list[AppointmentOut]


class AppointmentFilters(InputSchema):
    date_from: date
    date_to: date
    worker: UUID | None = None
    service_point: UUID | None = None


class SlotOut(Schema):
    starts_at: datetime
    ends_at: datetime
    state: str
    appointment: UUID | None


class CalendarDayOut(Schema):
    date: date
    slots: list[SlotOut]


class CalendarOut(Schema):
    worker: UUID
    days: list[CalendarDayOut]


class CalendarFilters(InputSchema):
    start: date | None = None
    days: int = Field(7, ge=1, le=31)


class InterpreterIn(InputSchema):
    appointment: UUID
    language: Line = Field(max_length=16)
    mode: Line = Field(max_length=40, description="on_site, phone or video")
    provider: UUID
    duration_minutes: int
    cost: Decimal = Field(description="Euros, two decimals")


class InterpreterFilters(InputSchema):
    page: int = Field(1, ge=1, le=100_000)


class InterpreterPage(Schema):
    count: int
    page: int
    items: list[InterpreterOut]
