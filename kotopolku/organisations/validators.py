from __future__ import annotations

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
