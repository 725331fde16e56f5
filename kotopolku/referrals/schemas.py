from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from kotopolku.core.api_schemas import FreeText, InputSchema, Line


class ReferralIn(InputSchema):
    client: UUID = Field(description="The client referred")
    organisation: UUID | None = Field(None, description="The partner organisation (or give `service`)")
    service: UUID | None = Field(None, description="A catalogue service; its organisation is the partner")
    reason: FreeText = Field(max_length=20_000)
    message: FreeText = Field("", max_length=20_000, description="What the partner needs to know")
    shared_fields: list[Line] = Field(
        ["name"], max_length=10, description="name, birth_year, phone, email, languages"
    )
    source_type: Line = Field("", max_length=64, description="Where it came from (a plan step, for one)")
    source_id: UUID | None = None


class TransitionIn(InputSchema):
    version: int | None = Field(None, description="The version last read (or send If-Match)")
    reason: FreeText = Field("", max_length=20_000, description="Cancel, revoke or decline: required")
    note: FreeText = Field("", max_length=20_000, description="Complete: required; accept: optional")
    override_reason: FreeText = Field(
        "", max_length=20_000, description="Send without the client's consent (coordinators only)"
    )


class ReferralEventOut(Schema):
    at: datetime
    kind: str
    by: str
    note: str


class ReferralOut(Schema):
    id: UUID
    version: int
    status: str
    service_point: UUID
    client: UUID
    organisation: UUID
    service: UUID | None
    reason: str
    message: str
    shared_fields: list[str]
    created_at: datetime
    sent_at: datetime | None
    opened_at: datetime | None
    consent_overridden: bool
    history: list[ReferralEventOut]


class ReferralListItem(Schema):
    id: UUID
    status: str
    client: UUID
    organisation: UUID
    sent_at: datetime | None
    opened_at: datetime | None


class PartnerReferralOut(Schema):
    id: UUID
    version: int
    status: str
    sender: str
    sent_at: datetime | None
    reason: str | None
    message: str | None
    client: dict[str, Any]


class PartnerListItem(Schema):
    id: UUID
    status: str
    sender: str
    sent_at: datetime | None
    opened: bool


class Page(Schema):
    count: int
    page: int
    items: list[Any]
