"""What the case work API answers with."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from ninja import Schema


class Created(Schema):
    id: UUID


class CaseOut(Schema):
    id: UUID
    status: str
    opened_on: str
    opened_because: str
    opening_note: str
    closed_on: str | None
    close_reason: str
    service_point: UUID
    version: int


class StepOut(Schema):
    id: UUID
    text: str
    owner: str
    organisation: UUID | None
    due_on: str | None
    status: str
    service: UUID | None
    version: int


class GoalOut(Schema):
    id: UUID
    text: str
    steps: list[StepOut]


class FollowUpOut(Schema):
    id: UUID
    planned_on: str
    held_on: str | None
    notes: str


class PlanOut(Schema):
    id: UUID
    client: UUID
    kind: str
    status: str
    starts_on: str
    ends_on: str
    summary: str
    ended_reason: str
    partners: list[UUID]
    household: UUID | None
    version: int
    goals: list[GoalOut]
    follow_ups: list[FollowUpOut]


class PlanSummary(Schema):
    id: UUID
    kind: str
    status: str
    starts_on: str
    ends_on: str
    version: int


class AssessmentOut(Schema):
    number: int
    assessed_on: str
    languages: list[dict[str, Any]]
    literacy: str
    reads_latin: bool
    education: list[dict[str, Any]]
    work_history: list[dict[str, Any]]
    occupation: str
    family_situation: str
    service_needs: list[str]
    service_needs_note: str
    own_goals: str
    conclusion: str


class MemberOut(Schema):
    client: UUID
    relation: str


class HouseholdOut(Schema):
    id: UUID
    name: str
    service_point: UUID
    members: list[MemberOut]
    version: int


class Conflict(Schema):
    detail: str
    current: PlanOut
