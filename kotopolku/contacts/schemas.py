from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from kotopolku.core.api_schemas import FreeText, InputSchema, IsoDate, IsoDateTime, Line


class ContactIn(InputSchema):
    service_point: UUID = Field(description="The service point where the contact happened.")
    channel: Line = Field(max_length=40, description="walk_in, phone, email, chat, video, outreach or event")
    language: Line = Field(max_length=16, description="ISO 639 code of the language used")
    interpreter: Line = Field("none", max_length=40, description="none, on_site, phone or video")
    topics: list[Line] = Field(max_length=50, description="Topic codes")
    client_group: Line | None = Field(None, max_length=60, description="Client group code")
    duration_minutes: int = Field(description="Whole minutes, 1–480")
    outcome: Line = Field(max_length=40, description="information, guided, referred or appointment")
    organisation: UUID | None = Field(None, description="Partner organisation guided to")
    note: FreeText = Field(
        "", max_length=20_000, description="Optional; no personal data in an anonymous contact"
    )
    confirm_note: bool = Field(
        False,
        description=(
            "An anonymous contact's note that looks like it holds an identity code, a phone number or an "
            "e-mail address is refused (422) unless this is true"
        ),
    )
    client: UUID | None = Field(None, description="A registered client of the same service point")
    happened_at: IsoDateTime | None = Field(None, description="When it happened; now when left out")


class ContactPatch(InputSchema):
    """Only the fields sent change; ``topics``, when sent, replaces the list."""

    channel: Line | None = Field(None, max_length=40)
    language: Line | None = Field(None, max_length=16)
    interpreter: Line | None = Field(None, max_length=40)
    topics: list[Line] | None = Field(None, max_length=50)
    client_group: Line | None = Field(None, max_length=60, description="Client group code; null for none")
    duration_minutes: int | None = Field(None, description="Whole minutes, 1–480")
    outcome: Line | None = Field(None, max_length=40)
    organisation: UUID | None = Field(None, description="Partner organisation guided to; null for none")
    note: FreeText | None = Field(None, max_length=20_000)
    confirm_note: bool = Field(False, description="As when logging: confirms a note with what looks personal")
    client: UUID | None = Field(None, description="A registered client of the same point; null for anonymous")
    happened_at: IsoDateTime | None = None
    version: int | None = Field(
        None, ge=1, le=2_147_483_647, description="The version read; or send it as `If-Match`"
    )


class ContactChanged(Schema):
    id: UUID
    version: int
    changed: list[str]


class ContactConflict(Schema):
    detail: str
    version: int = Field(description="The stored version")
    changed: dict[str, Any] = Field(
        description="The fields changed since the version sent, with their stored values"
    )


class ContactCreated(Schema):
    id: UUID


class ContactOut(Schema):
    id: UUID
    version: int = Field(description="Changes with each correction of the contact")
    service_point: UUID
    happened_at: datetime
    channel: str
    language: str
    interpreter: str
    topics: list[str]
    client_group: str | None
    duration_minutes: int
    outcome: str
    organisation: UUID | None
    anonymous: bool
    client: UUID | None
    logged_by: UUID | None
    note: str


class ContactPage(Schema):
    count: int = Field(description="Matches; when count_is_exact is false, at least this many")
    count_is_exact: bool
    page: int
    page_size: int
    items: list[ContactOut]


class ContactFilters(InputSchema):
    date_from: IsoDate | None = Field(None, description="First day (local time), inclusive")
    date_to: IsoDate | None = Field(None, description="Last day (local time), inclusive")
    topic: Line = Field("", max_length=40, description="Topic code")
    language: Line = Field("", max_length=16, description="ISO 639 code")
    channel: Line = Field("", max_length=40)
    service_point: UUID | None = None
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)
