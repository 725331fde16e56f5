"""Checks of the text people type, shared by the employer and event services.

Forms and the API both end in a service, so the check made there holds for either edge.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.fi import ytunnus

from kotopolku.clients.validators import validate_free_text, validate_plain_text

# Zero-width spaces and joiners, the word joiner and the byte-order mark: invisible in a name.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")


class FieldErrors(dict[str, list[str]]):
    """Messages per field, collected before anything is saved."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def clean_text(
    errors: FieldErrors,
    field: str,
    value: str | None,
    *,
    max_length: int,
    required: bool = False,
    free: bool = False,
) -> str:
    """The text as stored (trimmed, zero-width characters dropped), or a message on ``field``."""
    text = _ZERO_WIDTH.sub("", (value or "").replace("\r\n", "\n")).strip()
    try:
        (validate_free_text if free else validate_plain_text)(text)
    except ValidationError as error:
        errors.add(field, error.messages[0])
        return ""
    if required and not text:
        errors.add(field, _("This field is required."))
    elif len(text) > max_length:
        errors.add(field, _("Give at most %(limit)d characters.") % {"limit": max_length})
    return text


def clean_business_id(errors: FieldErrors, field: str, value: str | None) -> str:
    """A Finnish business ID (Y-tunnus) in its standard form 1234567-8, checked digit and all."""
    try:
        return str(ytunnus.format(ytunnus.validate(value or "")))
    except stdnum_exceptions.ValidationError:
        errors.add(field, _("Give a valid Finnish business ID, e.g. 2617416-4."))
        return ""


def check_date_order(
    errors: FieldErrors, field: str, start: date | None, end: date | None, message: str
) -> None:
    if start is not None and end is not None and end < start:
        errors.add(field, message)


def check_choice(errors: FieldErrors, name: str, value: str, choices: Any, message: str) -> None:
    if value not in choices.values:
        errors.add(name, message)


def audited_fields(values: dict[str, Any]) -> dict[str, Any]:
    """An audit event names the fields written, never their values (they may be personal)."""
    return {"fields": sorted(values)}
