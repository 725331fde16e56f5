"""Load the national PTV code lists (service classes, target groups, life events)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps

from kotopolku.catalogue.enums import TaxonomyKey

DATA_DIR = Path(__file__).resolve().parent / "data"

PTV_CODE_LISTS: dict[str, dict[str, str]] = {
    TaxonomyKey.SERVICE_CLASSES.value: {
        "file": "ServiceClasses.json",
        "uri": "http://uri.suomi.fi/codelist/ptv/ptvserclass2",
        "name_fi": "PTV-palveluluokat",
        "name_sv": "PTV-serviceklasser",
        "name_en": "PTV service classes",
    },
    TaxonomyKey.TARGET_GROUPS.value: {
        "file": "TargetGroups.json",
        "uri": "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat",
        "name_fi": "PTV-kohderyhmät",
        "name_sv": "PTV-målgrupper",
        "name_en": "PTV target groups",
    },
    TaxonomyKey.LIFE_EVENTS.value: {
        "file": "LifeEvents.json",
        "uri": "http://uri.suomi.fi/codelist/ptv/ptvelti",
        "name_fi": "PTV-elämätilanteet",
        "name_sv": "PTV-livssituationer",
        "name_en": "PTV life events",
    },
}
PTV_VERSION = "ptv-releases 3.4"


def stable_uuid(uri: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, uri)


def _text(value: dict[str, str] | None, key: str) -> str:
    return ((value or {}).get(key) or "").strip()


def load_ptv_code_lists(apps: Any = global_apps) -> dict[str, int]:
    """Create or update the three PTV taxonomies and their terms; returns term counts by key.

    Idempotent. ``apps`` is the app registry (a migration passes its historical one).
    """
    taxonomy_model = apps.get_model("catalogue", "Taxonomy")
    term_model = apps.get_model("catalogue", "TaxonomyTerm")
    counts: dict[str, int] = {}
    for key, spec in PTV_CODE_LISTS.items():
        taxonomy, _ = taxonomy_model.objects.update_or_create(
            key=key,
            defaults={
                "uuid": stable_uuid(spec["uri"]),
                "name_fi": spec["name_fi"],
                "name_sv": spec["name_sv"],
                "name_en": spec["name_en"],
                "uri": spec["uri"],
                "version": PTV_VERSION,
                "description": f"{spec['name_en']} ({PTV_VERSION}, MIT, Finnish Digital Agency)",
            },
        )
        rows = [row for row in json.loads((DATA_DIR / spec["file"]).read_text("utf-8")) if row.get("Id")]
        by_uri: dict[str, Any] = {}
        for row in rows:
            term, _ = term_model.objects.update_or_create(
                taxonomy=taxonomy,
                code=row["Notation"],
                defaults={
                    "uuid": stable_uuid(row["Id"]),
                    "uri": row["Id"],
                    "label_fi": _text(row.get("Label"), "Fi"),
                    "label_sv": _text(row.get("Label"), "Sv"),
                    "label_en": _text(row.get("Label"), "En"),
                    "description_fi": _text(row.get("Notes"), "Fi"),
                    "description_sv": _text(row.get("Notes"), "Sv"),
                    "description_en": _text(row.get("Notes"), "En"),
                    "is_active": True,
                },
            )
            by_uri[row["Id"]] = term
        for row in rows:
            broader = row.get("BroaderUris") or []
            parent = by_uri.get(broader[0]) if broader else None
            term = by_uri[row["Id"]]
            if term.parent_id != (parent.pk if parent else None):
                term.parent = parent
                term.save(update_fields=["parent"])
        counts[key] = len(rows)
    return counts
