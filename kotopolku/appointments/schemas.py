from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema

from kotopolku.core.api_schemas import FreeText, InputSchema, IsoDate, IsoDateTime, Line, LocalTime


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


class SeriesIn(InputSchema):
    service_point: UUID
    organisation: UUID = Field(description="The authority holding the pop-up hours")
    title: Line = Field(max_length=1000)
    first_date: IsoDate
    last_date: IsoDate
    starts: LocalTime
    ends: LocalTime
    interval_weeks: int = Field(2, description="Every … weeks, 1 to 8")
    slot_minutes: int = Field(20, description="5 to 240")
    location: Line = Field("", max_length=1000, description="The service point's address if empty")
    channel: Line = Field("on_site", max_length=40, description="on_site, phone or video")


class SeriesChangeIn(InputSchema):
    """New hours or place for every future slot; the series' version in ``If-Match`` or here."""

    starts: LocalTime
    ends: LocalTime
    location: Line = Field("", max_length=1000)
    version: int | None = None


class VersionIn(InputSchema):
    version: int | None = None


class SeriesSlotOut(Schema):
    id: UUID
    starts_at: datetime
    ends_at: datetime
    status: str


class SeriesOut(Schema):
    id: UUID
    version: int
    service_point: UUID
    organisation: UUID
    title: str
    first_date: date
    last_date: date
    interval_weeks: int
    starts: LocalTime
    ends: LocalTime
    slot_minutes: int
    location: str
    channel: str
    cancelled_at: datetime | None
    booked: int
    free: int


class SeriesDetailOut(SeriesOut):
    slots: list[SeriesSlotOut]


class SeriesPage(Schema):
    count: int
    page: int
    items: list[SeriesOut]


class SeriesChangeOut(Schema):
    series: SeriesOut
    people_told: int = Field(description="One message per person with a booking, not one per slot")


class PageFilters(InputSchema):
    page: int = Field(1, ge=1, le=100_000)


class PopupBookIn(InputSchema):
    """Book a free slot of a pop-up series for a client, or for a contact person without one."""

    client: UUID | None = None
    contact_name: Line = Field("", max_length=1000)
    contact_email: Line = Field("", max_length=254)
    contact_phone: Line = Field("", max_length=100)
    language: Line = Field("fi", max_length=16, description="ISO 639 code; the reminders' language")


class AvailabilityIn(InputSchema):
    service_point: UUID
    weekday: int = Field(description="0 Monday … 6 Sunday")
    starts: LocalTime
    ends: LocalTime
    slot_minutes: int = 30
    valid_from: IsoDate | None = None
    valid_until: IsoDate | None = None


class AvailabilityChangeIn(InputSchema):
    """Only the fields given change; the version in ``If-Match`` or here."""

    weekday: int | None = None
    starts: LocalTime | None = None
    ends: LocalTime | None = None
    slot_minutes: int | None = None
    valid_from: IsoDate | None = None
    valid_until: IsoDate | None = None
    version: int | None = None


class AvailabilityOut(Schema):
    id: UUID
    version: int
    worker: UUID
    service_point: UUID
    weekday: int
    starts: LocalTime
    ends: LocalTime
    slot_minutes: int
    valid_from: date | None
    valid_until: date | None


class AbsenceIn(InputSchema):
    starts_at: IsoDateTime
    ends_at: IsoDateTime
    note: Line = Field("", max_length=1000)


class AbsenceChangeIn(InputSchema):
    """Only the fields given change; the version in ``If-Match`` or here."""

    starts_at: IsoDateTime | None = None
    ends_at: IsoDateTime | None = None
    note: Line | None = Field(None, max_length=1000)
    version: int | None = None


class AbsenceOut(Schema):
    id: UUID
    version: int
    worker: UUID
    starts_at: datetime
    ends_at: datetime
    note: str
