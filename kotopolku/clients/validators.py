"""Validation of client fields: identity codes, phone numbers, partial dates and hostile text.

Every function raises Django's ``ValidationError`` with a translated message, so forms and the
API report the same text per field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.fi import hetu

# C0 controls and DEL, the bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
_FORBIDDEN_TEXT = re.compile("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Free text (notes, permit types) may hold line breaks and tabs, never other controls.
_FORBIDDEN_FREE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def validate_plain_text(value: str) -> None:
    """Refuse control characters and bidi overrides, which hide or reorder what staff read."""
    if value and _FORBIDDEN_TEXT.search(value):
        raise ValidationError(
            _("Remove control characters and text-direction override characters."), code="control_characters"
        )


def validate_free_text(value: str) -> None:
    if value and _FORBIDDEN_FREE_TEXT.search(value):
        raise ValidationError(
            _("Remove control characters and text-direction override characters."), code="control_characters"
        )


def today() -> dt.date:
    return timezone.localdate()


def validate_not_future(value: dt.date | None) -> None:
    if value is not None and value > today():
        raise ValidationError(_("The date cannot be in the future."), code="future")


def phone_normalise(value: str) -> str:
    """Return the number in E.164; Finnish numbers may be written without the country code."""
    value = (value or "").strip()
    if not value:
        return ""
    validate_plain_text(value)
    if len(value) > 40:
        raise ValidationError(_("This is not a phone number."), code="phone")
    try:
        number = phonenumbers.parse(value, "FI")
    except phonenumbers.NumberParseException:
        raise ValidationError(_("This is not a phone number."), code="phone") from None
    if not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise ValidationError(_("This phone number is not possible. Check the digits."), code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_CENTURIES = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}


def _hetu_birth_date(code: str) -> dt.date:
    century = _CENTURIES.get(code[6], 2000)  # A–F: the 2000s
    return dt.date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))


@dataclass(frozen=True)
class IdentityCode:
    code: str
    birth_date: dt.date
    is_temporary: bool


def identity_code_parse(value: str) -> IdentityCode:
    """Check a Finnish personal identity code (also the 2023 century signs and temporary codes)."""
    validate_plain_text(value)
    code = value.strip().upper()
    try:
        code = hetu.validate(code, allow_temporary=True)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError(
            _("The check character of the identity code does not match. Check the code."),
            code="hetu_checksum",
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            _("This is not a valid Finnish personal identity code (DDMMYYCNNNX)."), code="hetu_invalid"
        ) from None
    birth_date = _hetu_birth_date(code)
    if birth_date > today():
        raise ValidationError(_("The birth date in the identity code is in the future."), code="hetu_future")
    return IdentityCode(code=code, birth_date=birth_date, is_temporary=int(code[7:10]) >= 900)


def partial_birth_date_check(year: int | None, month: int | None, day: int | None) -> dict[str, str]:
    """Errors by field for a birth date known in full, as year and month, as a year, or not at all."""
    errors: dict[str, str] = {}
    current = today()
    if year is None and (month is not None or day is not None):
        errors["birth_year"] = _("Give the year when the month or day is known.")
    if month is None and day is not None:
        errors["birth_month"] = _("Give the month when the day is known.")
    if year is not None and not 1900 <= year <= current.year:
        errors["birth_year"] = _("Give a year between 1900 and this year.")
    if month is not None and not 1 <= month <= 12:
        errors["birth_month"] = _("Give a month between 1 and 12.")
    if errors:
        return errors
    if year is not None and month is not None and day is not None:
        try:
            born = dt.date(year, month, day)
        except ValueError:
            return {"birth_day": _("This day does not exist in that month.")}
        if born > current:
            return {"birth_day": _("The birth date cannot be in the future.")}
    elif year is not None and month is not None and (year, month) > (current.year, current.month):
        return {"birth_month": _("The birth date cannot be in the future.")}
    return {}
