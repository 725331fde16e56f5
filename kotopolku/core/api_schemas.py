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

from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, field_validator
from pydantic_core import PydanticCustomError

from kotopolku.core.text import problem_message, text_problem, without_zero_width


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


Line = Annotated[str, BeforeValidator(_line)]
FreeText = Annotated[str, BeforeValidator(_free_text)]


class InputSchema(Schema):
    """The base of every request schema: no string anywhere in the input holds NUL or another
    control or bidi-override character (line breaks and tabs excepted: use ``Line`` for a
    field that is one line)."""

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_control_characters(cls, value: Any) -> Any:
        _checked(value, multiline=True)
        return value


class ErrorOut(Schema):
    detail: str


class FieldErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]
