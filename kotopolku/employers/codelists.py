"""Loading the classification in ``data/`` (TOL 2008 industries); idempotent. Occupations (ISCO-08)
are case work's code list."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
INDUSTRIES = DATA / "tol2008_all_levels_fi_sv_en.csv"


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "code": row["code"],
                "level": int(row["level"]),
                "parent_code": row["parent_code"],
                "name_fi": row["label_fi"],
                "name_sv": row["label_sv"],
                "name_en": row["label_en"],
            }
            for row in csv.DictReader(handle)
        ]


def load_classification(model: Any, path: Path) -> int:
    rows = _rows(path)
    existing = set(model.objects.values_list("code", flat=True))
    model.objects.bulk_create([model(**row) for row in rows if row["code"] not in existing], batch_size=500)
    return len(rows)
