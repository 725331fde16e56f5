"""Show catalogue content in the reader's language, falling back to fi, en, sv, any."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from kotopolku.catalogue.enums import EDIT_LANGUAGES
from kotopolku.catalogue.hours import HELSINKI

register = template.Library()
FALLBACK = ("fi", "en", "sv")


def current_language() -> str:
    return (get_language() or "fi").split("-")[0]


def pick_translation(obj: Any, language: str | None = None) -> Any:
    rows = list(obj.translations.all())  # prefetched by the selectors
    by_language = {row.language: row for row in rows}
    for code in (language or current_language(), *FALLBACK):
        if code in by_language:
            return by_language[code]
    return rows[0] if rows else None


@register.simple_tag
def translations_in_order(obj: Any) -> list[Any]:
    """The texts of ``obj`` to show side by side: the reader's language first, then the other
    staff languages in their fixed order (fi, sv, en), then any others by code."""
    first = current_language()
    order = {code: index for index, code in enumerate(dict.fromkeys((first, *EDIT_LANGUAGES)))}
    rows = list(obj.translations.all())  # prefetched by the selectors
    return sorted(rows, key=lambda row: (order.get(row.language, len(order)), row.language))


@register.simple_tag
def tr(obj: Any, field: str = "name", language: str = "") -> str:
    row = pick_translation(obj, language or None)
    return getattr(row, field, "") if row is not None else ""


@register.simple_tag
def txt(obj: Any, field: str, language: str = "") -> str:
    return str(obj.text(field, language or current_language()))


@register.simple_tag
def label(term: Any) -> str:
    return str(term.label_in(current_language()))


@register.simple_tag
def place_name(obj: Any) -> str:
    return str(obj.name_in(current_language()))


@register.filter
def local_time(value: Any) -> Any:
    return value.astimezone(HELSINKI) if value is not None else value
