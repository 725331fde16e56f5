"""Which service point (tenant) or partner organisation an object belongs to."""

from __future__ import annotations

from typing import Any


def service_point_id_of(obj: Any) -> int | None:
    if obj is None:
        return None
    if obj._meta.label_lower == "organisations.servicepoint":
        return int(obj.pk)
    value = getattr(obj, "service_point_id", None)
    return int(value) if value is not None else None


def organisation_id_of(obj: Any) -> int | None:
    if obj is None:
        return None
    if obj._meta.label_lower == "organisations.organisation":
        return int(obj.pk)
    value = getattr(obj, "organisation_id", None)
    return int(value) if value is not None else None
