"""What the appointment services share: collecting per-field errors and checking times."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.appointments.models import MAX_TEXT
from kotopolku.appointments.selectors import LONGEST
from kotopolku.core.text import clean_line, problem_message, text_problem

MAX_APPOINTMENT = LONGEST
MAX_SERIES_DAYS = 366
https_url = URLValidator(schemes=["https"])


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Errors(dict[str, list[str]]):
    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)

    def text(
        self, name: str, value: str, *, limit: int = MAX_TEXT, required: bool = False, multiline: bool = False
    ) -> str:
        """The text as stored, by the rules of ``core/text.py`` (one line unless ``multiline``),
        or a message under ``name``. The edge cleaned it already; a caller that is not a form or
        an API schema (an import, the demo) gets the same rules here."""
        text = (value or "").replace("\r\n", "\n")
        code = text_problem(text, multiline=multiline)
        if code:
            self.add(name, problem_message(code))
            return text.strip()
        text = text.strip() if multiline else clean_line(text)
        if required and not text:
            self.add(name, _("This field is required."))
        elif len(text) > limit:
            self.add(name, _("Give at most %(limit)d characters.") % {"limit": limit})
        return text

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def check_times(
    errors: Errors, starts_at: datetime | None, ends_at: datetime | None, *, allow_past: bool = False
) -> None:
    if starts_at is None:
        errors.add("starts_at", _("This field is required."))
        return
    if ends_at is None:
        errors.add("ends_at", _("This field is required."))
        return
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        errors.add("starts_at", _("Give the time with a time zone."))
        return
    if not allow_past and starts_at < timezone.now():
        errors.add("starts_at", _("The time is in the past."))
    if ends_at <= starts_at:
        errors.add("ends_at", _("The end is before the start."))
    elif ends_at - starts_at > MAX_APPOINTMENT:
        errors.add("ends_at", _("An appointment lasts at most 8 hours."))
