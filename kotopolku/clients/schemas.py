"""API schemas of the client registry.

Numbers and dates are accepted as numbers or strings and checked by the same forms as the staff
UI, so a wrong value gets the same per-field message, in the user's language. A value of the
wrong JSON type (an object for a name, a list for a year) is refused here, also in the user's
language.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from kotopolku.core.api_schemas import FREE_TEXT_CHARACTERS, LINE_CHARACTERS, InputSchema


def _text(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    raise PydanticCustomError("text_expected", _("Give this as text."))


def _number(value: Any) -> Any:
    """A whole number, as a JSON number or text; the form checks the text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise PydanticCustomError("number_expected", _("Give a whole number."))


def _date(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    raise PydanticCustomError("date_expected", _("Give a date as YYYY-MM-DD."))


def _codes(value: Any) -> Any:
    if value is None or (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        return value
    raise PydanticCustomError("codes_expected", _("Give a list of codes."))


def _uuid(value: Any) -> Any:
    if value is None or isinstance(value, UUID):
        return value
    try:
        return UUID(str(value)) if isinstance(value, str) else _fail_uuid()
    except ValueError:
        return _fail_uuid()


def _fail_uuid() -> Any:
    raise PydanticCustomError("uuid_expected", _("Give a UUID."))


Text = Annotated[str | None, BeforeValidator(_text), LINE_CHARACTERS]
LongText = Annotated[str | None, BeforeValidator(_text), FREE_TEXT_CHARACTERS]
UuidRef = Annotated[UUID | None, BeforeValidator(_uuid)]
Number = Annotated[
    str | None,
    BeforeValidator(_number),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "null"}]}),
]
DateText = Annotated[
    str | None,
    BeforeValidator(_date),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}),
]
Codes = Annotated[list[Annotated[str, LINE_CHARACTERS]] | None, BeforeValidator(_codes)]


class LanguageIn(InputSchema):
    language: Text = Field(None, description="ISO 639 code, e.g. `uk`, `ar`, `so`")
    level: Text = Field("", description="CEFR level: pre_a1, A1 … C2, native")
    needs_interpreter: bool = False


class IdentifierIn(InputSchema):
    kind: Text = Field(
        None, description="passport, migri_customer_number, residence_card, national_id, other"
    )
    value: Text = None
    issuing_country: Text = Field("", description="ISO 3166 alpha-2")


class ClientFields(InputSchema):
    given_names: Text = Field(None, description="As the client writes them, any script")
    family_name: Text = None
    given_names_latin: Text = Field(None, description="As in a document, Latin letters")
    family_name_latin: Text = None
    birth_year: Number = None
    birth_month: Number = None
    birth_day: Number = None
    gender: Text = Field(None, description="woman, man, non_binary, not_told")
    citizenships: Codes = Field(None, description="ISO 3166 alpha-2 codes")
    phone: Text = Field(None, description="Stored in E.164; Finnish numbers may omit +358")
    email: Text = None
    municipality: Text = Field(None, description="Municipality code, e.g. `698` for Rovaniemi")
    arrival_date: DateText = None
    residence_basis: Text = Field(
        None,
        description=(
            "work, family, study, international_protection, temporary_protection, eu_nordic, other, unknown"
        ),
    )
    permit_type: LongText = None
    permit_expires: DateText = None
    personal_identity_code: Text = Field(None, description="Finnish henkilötunnus (optional)")
    responsible_worker: UuidRef = Field(None, description="A staff member of the client's service point")
    languages: list[LanguageIn] | None = None
    identifiers: list[IdentifierIn] | None = None


class ClientIn(ClientFields):
    service_point: UuidRef = Field(
        None, description="Needed when the user may register clients at more than one service point"
    )
    confirm_new_person: bool = Field(
        False, description="Register even though the duplicate check found likely matches"
    )


class ClientPatch(ClientFields):
    version: int | None = Field(
        None, ge=1, le=2_147_483_647, description="The version read; or send it as `If-Match`"
    )


class ClientCreated(Schema):
    uuid: UUID


class DuplicateOut(Schema):
    uuid: UUID
    name: str
    birth_date: str
    score: float


class DuplicatesFound(Schema):
    detail: str
    duplicates: list[DuplicateOut]


class LanguageOut(Schema):
    language: str
    level: str
    needs_interpreter: bool


class IdentifierOut(Schema):
    kind: str
    value: str
    issuing_country: str


class ConsentOut(Schema):
    purpose: str
    given_at: str
    withdrawn_at: str | None


class TeamMemberOut(Schema):
    user: UUID
    name: str
    added_at: datetime
    reason: str


class ClientOut(Schema):
    uuid: UUID
    version: int
    service_point: UUID
    status: str
    given_names: str
    family_name: str
    given_names_latin: str
    family_name_latin: str
    birth_year: int | None
    birth_month: int | None
    birth_day: int | None
    gender: str
    citizenships: list[str]
    phone: str
    email: str
    municipality: str | None
    arrival_date: date | None
    residence_basis: str
    permit_type: str
    permit_expires: date | None
    personal_identity_code: str
    identity_code_is_temporary: bool
    responsible_worker: UUID | None
    languages: list[LanguageOut]
    identifiers: list[IdentifierOut]
    consents: list[ConsentOut]
    team: list[TeamMemberOut]


class ClientSummary(Schema):
    uuid: UUID
    service_point: UUID
    name: str
    name_as_written: str
    birth_date: str
    status: str


class ClientMatchOut(Schema):
    client: ClientSummary
    score: float | None


class ClientChanged(Schema):
    uuid: UUID
    changed: list[str]
    version: int


class VersionConflict(Schema):
    detail: str
    version: int = Field(description="The stored version")
    changed: dict[str, Any] = Field(
        description="The fields changed since the version sent, with their stored values"
    )
