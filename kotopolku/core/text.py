"""Text input is cleaned once, at the edge: here are the rules, for forms and the API alike.

Refused in every text input:

* NUL and the other C0 control characters, DEL and the C1 controls: they break the database
  (PostgreSQL stores no NUL), search and exports, and hide text from whoever reads it;
* the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder
  what staff read ("Trojan source").

Free text (notes, descriptions: a ``Textarea`` in a form, ``FreeText`` in the API) may keep
line breaks and tabs; every other text is one line, so a line break or tab there is refused.

Zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are removed from one-line text: two names
that look the same must be the same text, or duplicate checks and searches miss them. Free text
keeps them (emoji sequences and some scripts need the zero-width joiner).

Use, in a new app:

* forms: put ``CleanTextFormMixin`` first among the bases of every form
  (``class ThingForm(CleanTextFormMixin, forms.ModelForm)``);
* API schemas: derive request schemas (bodies and ``Query[...]`` filters) from
  ``kotopolku.core.api_schemas.InputSchema`` and type text fields ``Line`` or ``FreeText``;
  a text query parameter declared on its own is typed ``Line``;
* a service that writes one-line text it did not get through a form (an import) stores
  ``one_line(value)`` and refuses what ``text_problem`` finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Everything refused in one-line text: every C0 control (line breaks and tabs too), DEL, C1.
LINE_FORBIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
# Free text may keep tab, line feed and carriage return.
FREE_TEXT_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")

CONTROL_CHARACTERS_CODE = "control_characters"
LINE_BREAK_CODE = "line_break"


def control_characters_message() -> str:
    return _("Remove control characters and text-direction override characters.")


def line_break_message() -> str:
    return _("Write this on one line, without line breaks or tabs.")


def text_problem(value: str, *, multiline: bool) -> str | None:
    """The error code for a text that may not be stored as it is, or None when it may."""
    if FREE_TEXT_FORBIDDEN.search(value):
        return CONTROL_CHARACTERS_CODE
    if not multiline and LINE_FORBIDDEN.search(value):
        return LINE_BREAK_CODE
    return None


def problem_message(code: str) -> str:
    return line_break_message() if code == LINE_BREAK_CODE else control_characters_message()


def validate_line(value: Any) -> None:
    """Refuse a one-line text with control or bidi-override characters (line breaks included)."""
    if isinstance(value, str) and (code := text_problem(value, multiline=False)):
        raise ValidationError(problem_message(code), code=code)


def validate_free_text(value: Any) -> None:
    """Refuse a free text with control or bidi-override characters (line breaks and tabs allowed)."""
    if isinstance(value, str) and (code := text_problem(value, multiline=True)):
        raise ValidationError(problem_message(code), code=code)


def without_zero_width(value: str) -> str:
    return ZERO_WIDTH.sub("", value)


def clean_line(value: str) -> str:
    """A one-line text as it is stored: zero-width characters removed, ends stripped; refused
    (``ValidationError``) with control or bidi-override characters."""
    validate_line(value)
    return without_zero_width(value).strip()


def one_line(value: str) -> str:
    """A text written from elsewhere (an import, a service's caller) made one line: zero-width
    characters removed, runs of white space (line breaks and tabs too) made one space. Control
    characters other than white space are left for ``validate_line`` to refuse."""
    return " ".join(without_zero_width(value).split())


def search_text(value: str, *, max_length: int = 200) -> str:
    """Words typed into a search box and read from an address (not through a form): control and
    bidi-override characters count as spaces, zero-width characters go, and the rest is one line
    of at most ``max_length`` characters. A search never fails for the characters it holds."""
    return one_line(LINE_FORBIDDEN.sub(" ", value))[:max_length]


def is_free_text_field(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


def _without_zero_width_first(to_python: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            value = without_zero_width(value)
        return to_python(value)

    return clean


def _checked_first(field: forms.Field, *, multiline: bool) -> Callable[[Any], Any]:
    """The field's ``clean``, after a look at the raw value: every character class above is
    refused before the field parses it (a date, a number or a choice with a NUL in it gets the
    message about the NUL, and nothing reaches the database)."""
    original = field.clean

    def clean(value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, str) and (code := text_problem(item, multiline=multiline)):
                raise ValidationError(problem_message(code), code=code)
        return original(value)

    return clean


class CleanTextFormMixin:
    """Applies the rules above to every field of a form (list it first among the bases).

    Each field's raw value is checked before the field parses it: fields shown as a
    ``Textarea`` are free text, every other field is one line. One-line text fields
    (``CharField`` and its kinds) lose their zero-width characters before they are cleaned.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            multiline = is_free_text_field(field)
            if isinstance(field, forms.CharField) and not multiline:
                field.to_python = _without_zero_width_first(field.to_python)  # type: ignore[method-assign,assignment]
            field.clean = _checked_first(field, multiline=multiline)  # type: ignore[method-assign,assignment]
