from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from kotopolku.contacts.languages import language_name

register = template.Library()


@register.filter
def language_label(code: str) -> str:
    return language_name(code, get_language())


@register.filter
def localised(entry: Any) -> str:
    return str(entry.name_in(get_language()))
