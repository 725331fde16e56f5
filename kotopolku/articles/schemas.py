from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Schema
from pydantic import Field

from kotopolku.core.api_schemas import FreeText, InputSchema, Line


class TranslationOut(Schema):
    language: str
    title: str
    status: str
    revision: int
    source_revision: int | None
    state: str
    version: int
    updated_at: datetime


class ArticleOut(Schema):
    uuid: UUID
    service_point: UUID
    slug: str
    life_situation: str
    source_language: str
    translations: list[TranslationOut]


class TranslationIn(InputSchema):
    title: Line = Field(max_length=200)
    summary: FreeText = Field(default="", max_length=500)
    body: FreeText = Field(max_length=50_000)
    version: int | None = None


class TranslationSaved(Schema):
    language: str
    revision: int
    source_revision: int | None
    status: str
    version: int


class LinksIn(InputSchema):
    services: list[UUID] = Field(default_factory=list, max_length=20)
    path_steps: list[UUID] = Field(default_factory=list, max_length=20)
    version: int | None = None


class LinksOut(Schema):
    services: list[UUID]
    path_steps: list[UUID]
    version: int
