"""Template filters of the client registry."""

from __future__ import annotations

from babel.numbers import format_percent
from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def likeness(score: float) -> str:
    """A duplicate score (0..1) as a whole percentage in the reader's language: "97 %" in
    Finnish and Swedish, "97%" in English; the same wherever a score is shown."""
    language = (get_language() or "fi").split("-")[0]
    return format_percent(round(float(score), 2), locale=language)
