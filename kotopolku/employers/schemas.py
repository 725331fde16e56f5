from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema
from pydantic import StrictBool

from kotopolku.core.api_schemas import FreeText, InputSchema, Line


class EmployerIn(InputSchema):
    service_point: UUID | None = Field(
        None, description="Where the company is kept; the user's own when left out"
    )
    business_id: Line = Field(max_length=20, description="Finnish business ID (Y-tunnus), e.g. 2617416-4")
    name: Line = Field(max_length=400)
    size_class: Line = Field(max_length=20, description="micro, small, medium or large (EU definitions)")
    industry: Line | None = Field(None, max_length=8, description="TOL 2008 code")
    municipality: Line = Field(max_length=3, description="Municipality code, e.g. 698")
    website: Line = Field("", max_length=400)
    is_pilot: StrictBool = False
    pilot_status: Line = Field("none", max_length=20, description="none, planned, active, completed or ended")
    pilot_plan: FreeText = Field("", max_length=8000)
    notes: FreeText = Field("", max_length=8000)
    version: int | None = Field(None, description="The version read; or send If-Match")


class EmployerOut(Schema):
    id: UUID
    service_point: UUID
    business_id: str
    name: str
    size_class: str
    industry: str | None
    municipality: str
    website: str
    is_pilot: bool
    pilot_status: str
    pilot_plan: str
    version: int


class EmployerPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[EmployerOut]


class ActivityIn(InputSchema):
    kind: Line = Field(max_length=40)
    happened_on: date
    outcome: FreeText = Field("", max_length=8000)
    partner_project: Line = Field("", max_length=400)
    follow_up_on: date | None = None
    follow_up_done: StrictBool = False
    service_point: UUID | None = Field(
        None, description="Whose staff did it; the company's keeper when left out"
    )


class ActivityOut(Schema):
    id: UUID
    kind: str
    happened_on: date
    staff: str
    outcome: str
    partner_project: str
    follow_up_on: date | None
    follow_up_done: bool
    version: int


class TimelineItemOut(Schema):
    when: date
    kind: str
    title: str
    detail: str


class OpeningIn(InputSchema):
    employer: UUID
    title: Line = Field(max_length=400)
    occupation: Line = Field(max_length=8, description="ISCO-08 unit group, four digits")
    municipality: Line = Field(max_length=3)
    address: Line = Field("", max_length=400)
    hours: Line = Field(max_length=20, description="full_time, part_time, shifts, seasonal or on_call")
    starts_on: date | None = None
    finnish_required: StrictBool = True
    other_languages: list[Line] = Field(default_factory=list, max_length=20, description="ISO 639 codes")
    visibility: Line = Field(max_length=20, description="advertised or hidden")
    status: Line = Field("open", max_length=20)
    opens_on: date
    deadline: date | None = None
    description: FreeText = Field("", max_length=16000)
    version: int | None = None


class OpeningOut(Schema):
    id: UUID
    employer: UUID
    employer_name: str
    title: str
    occupation: str
    occupation_name: str
    municipality: str
    hours: str
    starts_on: date | None
    finnish_required: bool
    other_languages: list[str]
    visibility: str
    status: str
    opens_on: date
    deadline: date | None
    version: int


class OpeningPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[OpeningOut]


class OpeningFilters(InputSchema):
    finnish_required: bool | None = None
    status: Line = Field("", max_length=20)
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class MatchOut(Schema):
    client: UUID | None = None
    client_name: str | None = None
    opening: UUID | None = None
    opening_title: str | None = None
    score: int
    reasons: list[str]


class ProposalIn(InputSchema):
    client: UUID
    consent_given_on: date | None = Field(
        description="The day the client agreed to be proposed to this employer"
    )


class ProposalOut(Schema):
    id: UUID
    opening: UUID
    client: UUID
    consent_given_on: date
    result: str
    version: int


class ProposalResultIn(InputSchema):
    result: Line = Field(max_length=20)
    note: FreeText = Field("", max_length=4000)
    version: int | None = None


class PlacementIn(InputSchema):
    client: UUID
    kind: Line = Field(max_length=20)
    starts_on: date
    ends_on: date | None = None
    employer: UUID | None = None
    organisation_name: Line = Field("", max_length=400)
    opening: UUID | None = None


class PlacementOut(Schema):
    id: UUID
    client: UUID
    kind: str
    employer: UUID | None
    organisation_name: str
    starts_on: date
    ends_on: date | None
    created_at: datetime


class PublicOpeningOut(Schema):
    id: UUID
    title: str
    employer: str
    occupation: str
    occupation_name: str
    municipality: str
    hours: str
    starts_on: date | None
    languages: list[str]
    deadline: date | None


class SupportedEnterprisesOut(Schema):
    date_from: date
    date_to: date
    by_size_class: dict[str, int]
    total: int
