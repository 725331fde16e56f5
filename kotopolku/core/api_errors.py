"""Validation errors of the JSON API in the user's language.

pydantic writes its messages in English ("Input should be a valid integer"). The API answers
each field with a message of our own, chosen by the error's ``type`` and filled in with its
``ctx`` (lengths, limits, the allowed values). A type raised by our own schemas
(``PydanticCustomError`` with a translated message) keeps its message; a pydantic type not
listed here gets the generic "Invalid value.".
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pydantic_core import core_schema

# Every error type pydantic itself raises; anything else was raised by our own validators.
PYDANTIC_ERROR_TYPES = frozenset(typing.get_args(core_schema.ErrorType))


def _number(ctx: Mapping[str, Any], key: str) -> int:
    try:
        return int(ctx.get(key, 0))
    except (TypeError, ValueError):
        return 0


def _expected(ctx: Mapping[str, Any]) -> str:
    """The allowed values as pydantic lists them (``'a', 'b' or 'c'``), without the English "or"."""
    text = str(ctx.get("expected", ""))
    head, separator, last = text.rpartition(" or ")
    return f"{head}, {last}" if separator else text


def _string_too_short(ctx: Mapping[str, Any]) -> str:
    limit = _number(ctx, "min_length")
    return ngettext("Give at least %(limit)d character.", "Give at least %(limit)d characters.", limit) % {
        "limit": limit
    }


def _string_too_long(ctx: Mapping[str, Any]) -> str:
    limit = _number(ctx, "max_length")
    return ngettext("Give at most %(limit)d character.", "Give at most %(limit)d characters.", limit) % {
        "limit": limit
    }


def _too_short(ctx: Mapping[str, Any]) -> str:
    limit = _number(ctx, "min_length")
    return ngettext("Give at least %(limit)d item.", "Give at least %(limit)d items.", limit) % {
        "limit": limit
    }


def _too_long(ctx: Mapping[str, Any]) -> str:
    limit = _number(ctx, "max_length")
    return ngettext("Give at most %(limit)d item.", "Give at most %(limit)d items.", limit) % {"limit": limit}


def _fixed(message: Callable[[], str]) -> Callable[[Mapping[str, Any]], str]:
    return lambda ctx: message()


def _limit(message: Callable[[], str], key: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda ctx: message() % {"limit": ctx.get(key, "")}


_REQUIRED = _fixed(lambda: _("This field is required."))
_NOT_ALLOWED = _fixed(lambda: _("This field is not allowed."))
_TEXT = _fixed(lambda: _("Give this as text."))
_WHOLE_NUMBER = _fixed(lambda: _("Give a whole number."))
_NUMBER = _fixed(lambda: _("Give a number."))
_BOOLEAN = _fixed(lambda: _("Give true or false."))
_UUID = _fixed(lambda: _("Give a UUID."))
_DATE = _fixed(lambda: _("Give a date as YYYY-MM-DD."))
_DATETIME = _fixed(lambda: _("Give a date and time with a time zone, as YYYY-MM-DDTHH:MM+02:00."))
_TIME = _fixed(lambda: _("Give a time as HH:MM."))
_LIST = _fixed(lambda: _("Give a list."))
_OBJECT = _fixed(lambda: _("Give an object."))
_URL = _fixed(lambda: _("Give a web address that starts with https://."))
_CHOICE = lambda ctx: _("Choose one of: %(values)s.") % {"values": _expected(ctx)}  # noqa: E731

MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": _REQUIRED,
    "missing_argument": _REQUIRED,
    "missing_keyword_only_argument": _REQUIRED,
    "missing_positional_only_argument": _REQUIRED,
    "extra_forbidden": _NOT_ALLOWED,
    "unexpected_keyword_argument": _NOT_ALLOWED,
    "unexpected_positional_argument": _NOT_ALLOWED,
    "none_required": _fixed(lambda: _("Leave this empty.")),
    "string_type": _TEXT,
    "string_unicode": _TEXT,
    "string_too_short": _string_too_short,
    "string_too_long": _string_too_long,
    "string_pattern_mismatch": _fixed(lambda: _("The value is not in the expected format.")),
    "string_not_ascii": _fixed(lambda: _("Use only ASCII characters (A–Z, 0–9 and punctuation).")),
    "too_short": _too_short,
    "too_long": _too_long,
    "int_type": _WHOLE_NUMBER,
    "int_parsing": _WHOLE_NUMBER,
    "int_parsing_size": _WHOLE_NUMBER,
    "int_from_float": _WHOLE_NUMBER,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "greater_than": _limit(lambda: _("Give a value greater than %(limit)s."), "gt"),
    "greater_than_equal": _limit(lambda: _("Give a value of at least %(limit)s."), "ge"),
    "less_than": _limit(lambda: _("Give a value less than %(limit)s."), "lt"),
    "less_than_equal": _limit(lambda: _("Give a value of at most %(limit)s."), "le"),
    "multiple_of": _limit(lambda: _("Give a multiple of %(limit)s."), "multiple_of"),
    "bool_type": _BOOLEAN,
    "bool_parsing": _BOOLEAN,
    "uuid_type": _UUID,
    "uuid_parsing": _UUID,
    "uuid_version": _UUID,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "date_past": _fixed(lambda: _("Give a date in the past.")),
    "date_future": _fixed(lambda: _("Give a date in the future.")),
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "datetime_past": _fixed(lambda: _("Give a time in the past.")),
    "datetime_future": _fixed(lambda: _("Give a time in the future.")),
    "timezone_naive": _fixed(lambda: _("Give the time without a time zone.")),
    "timezone_aware": _fixed(lambda: _("Give the time with a time zone.")),
    "time_type": _TIME,
    "time_parsing": _TIME,
    "enum": _CHOICE,
    "literal_error": _CHOICE,
    "list_type": _LIST,
    "tuple_type": _LIST,
    "set_type": _LIST,
    "frozen_set_type": _LIST,
    "deque_type": _LIST,
    "iterable_type": _LIST,
    "set_item_not_hashable": _fixed(lambda: _("The list may hold only simple values.")),
    "dict_type": _OBJECT,
    "mapping_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dataclass_type": _OBJECT,
    "json_invalid": _fixed(lambda: _("The request body is not valid JSON.")),
    "json_type": _fixed(lambda: _("Give valid JSON text.")),
    "url_type": _URL,
    "url_parsing": _URL,
    "url_syntax_violation": _URL,
    "url_scheme": _URL,
    "url_too_long": _URL,
}


def http_error_message(error: Exception) -> str:
    """The detail of an ``HttpError`` django-ninja raises itself, in the user's language."""
    if str(error).startswith("Cannot parse request body"):
        return _("The request body is not valid JSON.")
    return str(error)


def error_message(error: Mapping[str, Any]) -> str:
    """The message for one pydantic error (an item of ``ValidationError.errors()``), translated
    into the active language."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    message = MESSAGES.get(kind)
    if message is not None:
        return message(ctx)
    if kind and kind not in PYDANTIC_ERROR_TYPES and error.get("msg"):
        return str(error["msg"])  # our own validator's message, already in the user's language
    return _("Invalid value.")
