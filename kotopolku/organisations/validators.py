from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus


def normalise_business_id(value: str) -> str:
    """Return the Finnish business ID (Y-tunnus) in its canonical form, or raise ValidationError."""
    try:
        return str(ytunnus.format(ytunnus.validate(value)))
    except StdnumError as exc:
        raise ValidationError(
            _("Enter a valid Finnish business ID (seven digits, hyphen, check digit), e.g. 0246246-0."),
            code="invalid_business_id",
        ) from exc


def validate_business_id(value: str) -> None:
    if value:
        normalise_business_id(value)


def _channel(value: int) -> float:
    scaled = value / 255
    return scaled / 12.92 if scaled <= 0.03928 else ((scaled + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_with_white(colour: str) -> float:
    return 1.05 / (relative_luminance(colour) + 0.05)


def validate_theme_colour(value: str) -> None:
    """A primary colour as ``#rrggbb`` that white text (buttons) and links on white can both use."""
    if not value:
        return
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValidationError(
            _("Enter a colour as # and six hexadecimal digits, e.g. #0b4f8a."), code="invalid_colour"
        )
    if contrast_with_white(value) < 4.5:
        raise ValidationError(
            _("This colour is too light: white text on it would be hard to read. Choose a darker one."),
            code="low_contrast",
        )
