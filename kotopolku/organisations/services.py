from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import versioned_update
from kotopolku.organisations.models import Municipality, Organisation
from kotopolku.organisations.validators import normalise_business_id, validate_theme_colour

MUNICIPALITIES_FILE = Path(__file__).parent / "data" / "municipalities.json"


def _names(entry: dict[str, Any]) -> dict[str, str]:
    return {item["language"]: item["name"] for item in entry.get("names", [])}


def _clean_business_id(raw: str) -> str:
    # The PTV list has trailing no-break spaces on some IDs; an ID that does not validate is left out.
    try:
        return normalise_business_id(raw.strip()) if raw.strip() else ""
    except ValidationError:
        return ""


@transaction.atomic
def municipalities_load(*, path: Path = MUNICIPALITIES_FILE, model: type[Municipality] = Municipality) -> int:
    """Create or update the municipalities from the PTV list; returns how many there are."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    existing = {m.code: m for m in model.objects.all()}
    to_create, to_update = [], []
    for entry in entries:
        names = _names(entry)
        values = {
            "name_fi": names.get("fi", ""),
            "name_sv": names.get("sv", "") or names.get("fi", ""),
            "organisation_name": entry.get("organizationName") or "",
            "business_id": _clean_business_id(entry.get("businessId") or ""),
        }
        current = existing.get(entry["municipalityCode"])
        if current is None:
            to_create.append(model(code=entry["municipalityCode"], **values))
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            to_update.append(current)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, ["name_fi", "name_sv", "organisation_name", "business_id"])
    return len(entries)


@transaction.atomic
def organisation_save(*, organisation: Organisation, by: Any) -> Organisation:
    """Validate and save a partner organisation (new or changed), audited."""
    if organisation.business_id:
        organisation.business_id = normalise_business_id(organisation.business_id)
    organisation.full_clean()
    created = organisation.pk is None
    organisation.save()
    audit_record(
        actor=by, action="organisations.created" if created else "organisations.changed", target=organisation
    )
    return organisation


@transaction.atomic
def municipality_theme_update(
    *,
    municipality: Municipality,
    colour: str,
    logo: tuple[bytes, str] | None,
    remove_logo: bool,
    by: Any,
    expected_version: int | None,
) -> Municipality:
    """Change a municipality's look (primary colour, logo); refuses a stale version, audited."""
    validate_theme_colour(colour)
    changes: dict[str, Any] = {"theme_colour": colour}
    if logo is not None:
        changes["logo"], changes["logo_type"] = logo
    elif remove_logo:
        changes["logo"], changes["logo_type"] = b"", ""
    updated, changed = versioned_update(municipality, changes=changes, expected_version=expected_version)
    if changed:
        audit_record(
            actor=by, action="organisations.theme_changed", target=updated, details={"fields": changed}
        )
    return updated
