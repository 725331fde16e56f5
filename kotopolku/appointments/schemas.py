from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema


class AppointmentIn(Schema):
    service_point: UUID
    kind: str = Field(max_length=40, description="advisor, permit_expert or joint")
    worker: UUID
    starts_at: datetime
    ends_at: datetime
    channel: str = Field(max_length=40, description="on_site, phone or video")
    meeting_link: str = Field("", max_length=500, description="https:// link; required for video")
    location: str = Field("", max_length=1000)
    client: UUID | None = None
    contact_name: str = Field(
        "", max_length=1000, description="An employer's contact person, without a client"
    )
    contact_organisation: str = Field("", max_length=1000)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=100)
    language: str = Field("fi", max_length=16, description="ISO 639 code; the reminders' language")
    topic: str = Field("", max_length=1000)
    partners: list[UUID] = Field([], max_length=20)


class StatusIn(Schema):
    reason: str = Field(max_length=40, description="A code of the cancellation / no-show reasons")
    note: str = Field("", max_length=10_000)
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


class AppointmentFilters(Schema):
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


class CalendarFilters(Schema):
    start: date | None = None
    days: int = Field(7, ge=1, le=31)


class InterpreterIn(Schema):
    appointment: UUID
    language: str = Field(max_length=16)
    mode: str = Field(max_length=40, description="on_site, phone or video")
    provider: UUID
    duration_minutes: int
    cost: Decimal = Field(description="Euros, two decimals")


class InterpreterFilters(Schema):
    page: int = Field(1, ge=1, le=100_000)


class InterpreterPage(Schema):
    count: int
    page: int
    items: list[InterpreterOut]
