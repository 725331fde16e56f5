"""API schemas of monitoring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from ninja import Schema
from pydantic import Field

from kotopolku.core.api_schemas import InputSchema, IsoDate, Line

if TYPE_CHECKING:
    from kotopolku.indicators.models import Participant


class ProjectPointOut(Schema):
    municipality_code: str
    municipality: str
    share_percent: Decimal
    service_point: UUID | None


class BudgetLineOut(Schema):
    id: UUID
    category: str
    amount: Decimal
    service_point: UUID | None
    note: str


class ProjectOut(Schema):
    id: UUID
    name: str
    funder: str
    funder_code: str
    programme: str
    priority: str
    specific_objective: str
    starts_on: dt.date
    ends_on: dt.date
    points: list[ProjectPointOut]
    budget: list[BudgetLineOut] = Field(description="The budget lines, when any are recorded.")
    version: int = Field(description="The stored version, also sent as the ETag header.")


class PointIn(InputSchema):
    municipality_code: Line = Field(min_length=3, max_length=3, pattern=r"^[0-9]{3}$")
    service_point: UUID | None = None
    share_percent: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)


class ProjectIn(InputSchema):
    name: Line = Field(min_length=1, max_length=200)
    funder: Line = Field(default="ESF+", min_length=1, max_length=100)
    funder_code: Line = Field(default="", max_length=40)
    programme: Line = Field(default="", max_length=200)
    priority: Line = Field(default="", max_length=200)
    specific_objective: Line = Field(default="", max_length=200)
    starts_on: IsoDate
    ends_on: IsoDate
    points: list[PointIn] = Field(min_length=1, max_length=60)


class ProjectPatch(InputSchema):
    name: Line | None = Field(default=None, min_length=1, max_length=200)
    funder: Line | None = Field(default=None, min_length=1, max_length=100)
    funder_code: Line | None = Field(default=None, max_length=40)
    programme: Line | None = Field(default=None, max_length=200)
    priority: Line | None = Field(default=None, max_length=200)
    specific_objective: Line | None = Field(default=None, max_length=200)
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    points: list[PointIn] | None = Field(default=None, min_length=1, max_length=60)
    version: int | None = Field(default=None, ge=1, le=2_000_000_000)


class EntryCorrectionIn(InputSchema):
    reason: str = Field(min_length=1, max_length=500)
    entered_on: IsoDate | None = None
    labour_status: Line | None = Field(default=None, max_length=24)
    isced: Line | None = Field(default=None, max_length=4)
    foreign_background: bool | None = None
    disability: bool | None = None
    disability_consent_on: IsoDate | None = None
    minority: bool | None = None
    minority_consent_on: IsoDate | None = None
    homeless: bool | None = None
    homeless_consent_on: IsoDate | None = None
    version: int | None = Field(default=None, ge=1, le=2_000_000_000)


class RecordConflict(Schema):
    detail: str
    version: int = Field(description="The stored version")
    changed: dict[str, Any] = Field(
        description="The fields changed since the version sent, with their stored values"
    )


class TargetOut(Schema):
    id: UUID
    kind: str
    detail: str
    value: Decimal
    value_max: Decimal | None
    note: str
    actual: Decimal | None = Field(
        description="The actual figure in the period; null when hidden (under 5 persons)."
    )
    reached: bool


class TargetIn(InputSchema):
    kind: Line = Field(max_length=24)
    detail: Line = Field(default="", max_length=16)
    value: Decimal = Field(ge=0, le=10_000_000, max_digits=9, decimal_places=2)
    value_max: Decimal | None = Field(default=None, ge=0, le=10_000_000, max_digits=9, decimal_places=2)
    note: Line = Field(default="", max_length=200)


class ParticipantOut(Schema):
    id: UUID
    client: UUID | None
    service_point: UUID
    entered_on: dt.date
    gender: str
    age_group: str
    labour_status: str
    isced: str
    third_country_national: bool
    foreign_background: bool
    rural: bool
    exited_on: dt.date | None
    exit_reason: str
    exit_status: str
    entry_in_eura_on: dt.date | None
    exit_in_eura_on: dt.date | None
    entry_reentry_due: bool = Field(description="Entry data corrected after it was entered in EURA 2021.")
    version: int


def participant_out(participant: Participant) -> ParticipantOut:
    return ParticipantOut(
        id=participant.uuid,
        client=participant.client.uuid if participant.client else None,
        service_point=participant.service_point.uuid,
        entered_on=participant.entered_on,
        gender=participant.gender,
        age_group=participant.age_group,
        labour_status=participant.labour_status,
        isced=participant.isced,
        third_country_national=participant.third_country_national,
        foreign_background=participant.foreign_background,
        rural=participant.rural,
        exited_on=participant.exited_on,
        exit_reason=participant.exit_reason,
        exit_status=participant.exit_status,
        entry_in_eura_on=participant.entry_in_eura_on,
        exit_in_eura_on=participant.exit_in_eura_on,
        entry_reentry_due=participant.entry_reentry_due,
        version=participant.version,
    )


class ParticipantPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ParticipantOut]


class ParticipantIn(InputSchema):
    client: UUID
    entered_on: IsoDate
    labour_status: Line = Field(max_length=24)
    isced: Line = Field(default="", max_length=4)
    foreign_background: bool = False
    disability: bool | None = None
    disability_consent_on: IsoDate | None = None
    minority: bool | None = None
    minority_consent_on: IsoDate | None = None
    homeless: bool | None = None
    homeless_consent_on: IsoDate | None = None


class Cells(Schema):
    women: int | None
    men: int | None
    non_binary: int | None
    total: int | None


class IndicatorOut(Schema):
    code: str
    label: str
    cells: Cells
    note: str


class IndicatorReportOut(Schema):
    project: UUID
    period_start: dt.date
    period_end: dt.date
    service_points: list[UUID]
    small_cells_hidden: bool = Field(
        description="True when cells of 1–4 persons are null (hidden). Where a row's total would give "
        "such a cell away, the next smallest cell of the row is null too."
    )
    indicators: list[IndicatorOut]


class StatRowOut(Schema):
    key: str
    label: str
    values: list[int | None]
    total: int | None


class DeskStatisticsOut(Schema):
    period_start: dt.date
    period_end: dt.date
    months: list[str]
    service_points: list[UUID]
    dimension: str
    small_cells_hidden: bool
    summary: list[StatRowOut]
    breakdown: list[StatRowOut]
    activity: list[StatRowOut]
