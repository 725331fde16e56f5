"""What every request schema of the JSON API builds on, and the API's error bodies.

Text is cleaned once, at the edge (the rules are in ``kotopolku.core.text``):

* ``InputSchema`` is the base of every request schema (a body, or the filters of a
  ``Query[...]``): every string in the request, at any depth (in lists, in nested objects), is
  refused with a message when it holds NUL or another control or bidi-override character. Line
  breaks and tabs pass this check, for free text.
* ``Line`` types a one-line text field: line breaks and tabs are refused too, and zero-width
  characters are removed. Type a text query parameter declared on its own (not in a schema)
  ``Line`` as well.
* ``FreeText`` types a multi-line text field (a note).

``kotopolku/core/tests/test_api_input.py`` checks every operation of the API: a request schema
that does not derive from ``InputSchema``, or a text parameter that is not ``Line``, fails it.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from kotopolku.core.text import problem_message, text_problem, without_zero_width

# The characters refused, as the OpenAPI document tells clients (JSON Schema regular expressions).
_BIDI = "\\u202a-\\u202e\\u2066-\\u2069"
LINE_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f" + _BIDI + "]*$"
FREE_TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f" + _BIDI + "]*$"


@dataclass(frozen=True)
class _Documented:
    """Writes the characters a text type refuses into its JSON Schema as a ``pattern``."""

    pattern: str

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = self.pattern
        return json_schema


def _refuse(code: str) -> PydanticCustomError:
    return PydanticCustomError(code, problem_message(code))


def _checked(value: Any, *, multiline: bool) -> None:
    """Refuse ``value`` when any string in it (at any depth) breaks the rules."""
    if isinstance(value, str):
        code = text_problem(value, multiline=multiline)
        if code:
            raise _refuse(code)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _checked(item, multiline=multiline)
    elif isinstance(value, dict):
        for key, item in value.items():
            _checked(key, multiline=multiline)
            _checked(item, multiline=multiline)


def _line(value: Any) -> Any:
    if isinstance(value, str):
        _checked(value, multiline=False)
        return without_zero_width(value)
    return value


def _free_text(value: Any) -> Any:
    _checked(value, multiline=True)
    return value


# For a text type of an app's own (checked by its forms): says in the OpenAPI document which
# characters are refused, as ``Line`` and ``FreeText`` do.
LINE_CHARACTERS = _Documented(LINE_PATTERN)
FREE_TEXT_CHARACTERS = _Documented(FREE_TEXT_PATTERN)

Line = Annotated[str, BeforeValidator(_line), LINE_CHARACTERS]
FreeText = Annotated[str, BeforeValidator(_free_text), FREE_TEXT_CHARACTERS]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")


def _iso_date(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` text is a date (pydantic would read ``0`` as 1 January 1970)."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    raise PydanticCustomError("date_expected", _("Give a date as YYYY-MM-DD."))


def _iso_date_time(value: Any) -> Any:
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE_TIME.fullmatch(value.strip()):
        return value.strip()
    raise PydanticCustomError(
        "datetime_expected", _("Give a date and time with a time zone, as YYYY-MM-DDTHH:MM+02:00.")
    )


# Real time zones lie between UTC-12 and UTC+14; PostgreSQL refuses an offset of 16 hours or more.
_LARGEST_OFFSET = dt.timedelta(hours=14)


def _in_utc(value: dt.datetime | None) -> dt.datetime | None:
    """The moment in UTC, so that every database stores it alike; an offset no time zone has,
    or a moment that falls outside the years 1–9999 in UTC, is refused as any other bad value."""
    if value is None or value.tzinfo is None:
        return value
    offset = value.utcoffset()
    try:
        if offset is None or abs(offset) > _LARGEST_OFFSET:
            raise OverflowError
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise PydanticCustomError(
            "datetime_expected", _("Give a date and time with a time zone, as YYYY-MM-DDTHH:MM+02:00.")
        ) from None


_LOCAL_TIME = re.compile(r"[0-2]\d:[0-5]\d(:[0-5]\d)?")


def _local_time(value: Any) -> Any:
    """A wall-clock time at the service point: ``HH:MM`` or ``HH:MM:SS``, never with an offset
    (it would not compare with the stored times, and a weekly hour has no fixed offset)."""
    if value is None or (isinstance(value, dt.time) and value.tzinfo is None):
        return value
    if isinstance(value, str) and _LOCAL_TIME.fullmatch(value.strip()):
        return value.strip()
    raise PydanticCustomError("time_expected", _("Give a time of day as HH:MM, without a time zone."))


# A day and a moment, as ISO 8601 text only.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso_date_time), AfterValidator(_in_utc)]
# JSON Schema's "time" format demands an offset, so the document gives the shape instead.
LocalTime = Annotated[
    dt.time,
    BeforeValidator(_local_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$",
            "description": "Local time, HH:MM",
        }
    ),
]


class InputSchema(Schema):
    """The base of every request schema: no string anywhere in the input holds NUL or another
    control or bidi-override character (line breaks and tabs excepted: use ``Line`` for a
    field that is one line). A request body is a JSON object: a list, a string or ``null`` in
    its place is refused, never read as an empty object."""

    @model_validator(mode="before")
    @classmethod
    def _refuse_other_than_an_object(cls, value: Any) -> Any:
        # django-ninja hands the input over wrapped, to read model instances too.
        raw = value._obj if isinstance(value, DjangoGetter) else value
        if not isinstance(raw, dict | BaseModel):
            raise PydanticCustomError("object_expected", _("Give an object."))
        return value

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_control_characters(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        if field is None or not _holds_models(field.annotation):
            _checked(value, multiline=True)
        # A nested schema checks its own fields (and ignores the keys it does not know).
        return value


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(argument) for argument in typing.get_args(annotation))


class ErrorOut(Schema):
    detail: str


class FieldErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]
