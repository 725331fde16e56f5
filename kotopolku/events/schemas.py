from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Field, Schema

from kotopolku.core.api_schemas import FreeText, InputSchema, Line


class EventTextIn(InputSchema):
    title: Line = Field(max_length=400)
    description: FreeText = Field("", max_length=16000)


class EventIn(InputSchema):
    service_point: UUID | None = None
    kind: Line = Field(max_length=40)
    status: Line = Field("draft", max_length=20)
    starts_at: datetime
    ends_at: datetime
    texts: dict[Line, EventTextIn] = Field(description="By language: fi (required), sv, en")
    place: Line = Field("", max_length=400)
    online_url: Line = Field("", max_length=400)
    capacity: int | None = Field(None, ge=1, le=100_000)
    registration_deadline: datetime | None = None
    public_registration: bool = True
    target_groups: list[Line] = Field(default_factory=list, max_length=20)
    languages: list[Line] = Field(default_factory=list, max_length=20)
    organiser_organisations: list[UUID] = Field(default_factory=list, max_length=50)
    organiser_employers: list[UUID] = Field(default_factory=list, max_length=50)
    participating_organisations: list[UUID] = Field(default_factory=list, max_length=100)
    version: int | None = None


class EventOut(Schema):
    id: UUID
    service_point: UUID
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime
    texts: dict[str, EventTextIn]
    place: str
    online_url: str
    capacity: int | None
    registered: int
    waiting: int
    registration_deadline: datetime | None
    target_groups: list[str]
    languages: list[str]
    version: int


class PublicEventOut(Schema):
    id: UUID
    service_point: str
    kind: str
    cancelled: bool
    starts_at: datetime
    ends_at: datetime
    title: str
    description: str
    texts: dict[str, EventTextIn]
    place: str
    online_url: str
    places_left: int | None
    registration_open: bool
    target_groups: list[str]
    languages: list[str]
    page: str


class RegistrationIn(InputSchema):
    name: Line = Field(max_length=400, description="Name or nickname")
    email: Line = Field(max_length=400)
    phone: Line = Field("", max_length=64)
    language: Line = Field(max_length=16)
    needs: FreeText = Field("", max_length=2000)
    website: Line = Field("", max_length=400, description="Leave empty (a field for robots)")


class RegistrationOut(Schema):
    id: UUID
    name: str
    email: str
    phone: str
    language: str
    needs: str
    status: str
    attendance: str
    client: UUID | None
    registered_at: datetime


class PublicRegistrationOut(Schema):
    id: UUID
    status: str


class AttendanceIn(InputSchema):
    attendance: Line = Field(max_length=20, description="present, absent or unknown")
