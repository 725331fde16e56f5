"""The Degree of Urbanisation of each municipality, shipped as data (``data/degurba_fi_lau2019.csv``,
see ``data/SOURCE.md``). Class 3 is rural: EECO17 counts participants who live in one."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "degurba_fi_lau2019.csv"
RURAL = 3


@cache
def degurba_classes() -> dict[str, int]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return {row["municipality_code"]: int(row["degurba"]) for row in csv.DictReader(handle)}


def degurba_of(municipality_code: str) -> int | None:
    return degurba_classes().get(municipality_code)
