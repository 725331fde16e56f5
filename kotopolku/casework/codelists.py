"""The public code lists of case work, loaded from the CSV files in ``data/`` (see SOURCE.md)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from kotopolku.casework.enums import CodeScheme

DATA = Path(__file__).resolve().parent / "data"
FILES = {
    CodeScheme.ISCO08: "isco08_groups_fi_sv_en.csv",
    CodeScheme.ISCED_LEVEL: "isced2011_levels_fi_sv_en.csv",
    CodeScheme.ISCED_FIELD: "koulutusala_2016_levels1-2_fi_sv_en.csv",
}


def code_rows(scheme: CodeScheme) -> list[dict[str, Any]]:
    with (DATA / FILES[scheme]).open(encoding="utf-8", newline="") as handle:
        return [
            {
                "code": row["code"],
                "level": int(row["level"]),
                "parent_code": row["parent_code"],
                "label_fi": row["label_fi"],
                "label_sv": row["label_sv"],
                "label_en": row["label_en"],
            }
            for row in csv.DictReader(handle)
            if row["code"] != "SS"  # the classification's total row is no field
        ]


def code_lists_load(model: Any) -> int:
    """Insert or update every row; idempotent (a migration and the tests use it)."""
    count = 0
    for scheme in FILES:
        existing = {item.code: item for item in model.objects.filter(scheme=scheme)}
        new = []
        for row in code_rows(scheme):
            item = existing.get(row["code"])
            if item is None:
                new.append(model(scheme=scheme, **row))
            else:
                for name, value in row.items():
                    setattr(item, name, value)
                item.save()
            count += 1
        model.objects.bulk_create(new)
    return count
