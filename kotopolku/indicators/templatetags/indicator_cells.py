from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kotopolku.indicators.suppression import WITHHELD

register = template.Library()


@register.filter
def shown(value: Any) -> SafeString | Any:
    """A report's cell: the figure, or "<5" explained where fewer than five persons are hidden."""
    if value is None:
        return format_html('<abbr title="{}">&lt;5</abbr>', _("Fewer than five persons: hidden for privacy"))
    if value == WITHHELD:
        return format_html(
            '<abbr title="{}">{}</abbr>',
            _("Hidden so that a cell of fewer than five persons cannot be worked out from the total"),
            WITHHELD,
        )
    if isinstance(value, float):
        return f"{value:g}"
    return value


@register.filter
def item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
