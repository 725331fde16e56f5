"""Complementary suppression: a hidden small cell cannot be worked out from the totals shown, in
the tables, the pages, the JSON and the files. Each test plays the reader who tries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import random

import pytest

from kotopolku.indicators import selectors
from kotopolku.indicators.enums import AgeGroup, LabourStatus
from kotopolku.indicators.periods import Period
from kotopolku.indicators.suppression import WITHHELD, suppress
from kotopolku.indicators.tests.factories import ParticipantFactory

YEAR = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def recover(shown, sums):  # type: ignore[no-untyped-def]
    """What a reader works out: repeatedly, a sum with exactly one unknown member gives it."""
    known = {key: value for key, value in shown.items() if isinstance(value, int)}
    progress = True
    while progress:
        progress = False
        for total, parts in sums:
            unknown = [key for key in (total, *parts) if key not in known]
            if len(unknown) != 1:
                continue
            [key] = unknown
            others = sum(known[part] for part in parts if part != key)
            known[key] = known[total] - others if key != total else others
            progress = True
    return known


def grid_sums(rows, columns):  # type: ignore[no-untyped-def]
    sums = [((r, "t"), [(r, c) for c in columns]) for r in rows]
    sums += [(("t", c), [(r, c) for r in rows]) for c in columns]
    sums.append((("t", "t"), [("t", c) for c in columns]))
    return sums


def grid(cells):  # type: ignore[no-untyped-def]
    rows, columns = range(len(cells)), range(len(cells[0]))
    values = {(r, c): cells[r][c] for r in rows for c in columns}
    for r in rows:
        values[(r, "t")] = sum(cells[r])
    for c in columns:
        values[("t", c)] = sum(cells[r][c] for r in rows)
    values[("t", "t")] = sum(values[(r, "t")] for r in rows)
    return values, grid_sums(rows, columns)


def test_suppress__one_small_cell__a_second_in_its_row_and_column_and_none_recovered():
    values, sums = grid([[3, 10, 20], [12, 15, 30], [8, 9, 40]])
    result = suppress(values, sums, individuals=False)
    assert result.small == {(0, 0)}
    assert result.withheld >= {(0, 1)}  # the next smallest in the row
    assert result.withheld & {(1, 0), (2, 0)}  # and one in the column
    known = recover({key: result.shown(key) for key in values}, sums)
    assert (0, 0) not in known
    assert all(known[key] == values[key] for key in known)  # what is shown is true


def test_suppress__random_tables__no_small_cell_is_ever_recovered():
    rng = random.Random(18)
    for _ in range(300):
        cells = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 7, 12, 30]) for _c in range(4)] for _r in range(4)]
        values, sums = grid(cells)
        result = suppress(values, sums, individuals=False)
        known = recover({key: result.shown(key) for key in values}, sums)
        assert not result.small & set(known), cells
        assert not any(0 < value < 5 for value in result.values.values() if value is not None)


def test_suppress__for_someone_who_sees_individuals__hides_nothing():
    values, sums = grid([[3, 10], [1, 15]])
    result = suppress(values, sums, individuals=True)
    assert result.values == values and not result.withheld


def _people(office, count, **fields):  # type: ignore[no-untyped-def]
    for _ in range(count):
        ParticipantFactory(project=office.project, service_point=office.point, **fields)


@pytest.fixture
def one_small_gender(office):  # type: ignore[no-untyped-def]
    """EECO04: 3 women, 12 men and 7 non-binary participants."""
    for gender, count in (("woman", 3), ("man", 12), ("non_binary", 7)):
        _people(office, count, gender=gender, labour_status=LabourStatus.INACTIVE)
    return office


def test_indicator_table__a_hidden_gender__cannot_be_taken_from_the_total(one_small_gender):
    office = one_small_gender
    table = selectors.indicator_table(
        project=office.project, service_points=[office.point.pk], period=YEAR, individuals=False
    )
    row = next(row for row in table.rows if row.code == "EECO04")
    assert row.cells == {"woman": None, "man": 12, "non_binary": None, "total": 22}
    assert row.shown_cells["non_binary"] == WITHHELD and row.shown_cells["woman"] is None
    for row in table.rows:
        shown = {k: v for k, v in row.cells.items() if v is not None}
        if len(shown) == 3 and "total" in shown:
            pytest.fail(f"{row.code}: one hidden cell beside its total")


def test_indicator_report__json_and_files__hide_the_same_cells(client, one_small_gender):
    office = one_small_gender
    client.force_login(office.viewer)
    url = f"/api/v1/projects/{office.project.uuid}/indicators"
    body = client.get(url, {"period": "2025"}).json()
    eeco04 = next(row for row in body["indicators"] if row["code"] == "EECO04")["cells"]
    assert eeco04 == {"women": None, "men": 12, "non_binary": None, "total": 22}
    text = client.get(url, {"period": "2025", "format": "csv"}).content.decode("utf-8-sig")
    line = next(row for row in csv.reader(io.StringIO(text)) if row and row[0] == "EECO04")
    assert line[2:] == ["<5", "12", WITHHELD, "22"]
    page = client.get(f"/indicators/projects/{office.project.uuid}/indicators/", {"period": "2025"})
    html = page.content.decode()
    assert "&lt;5" in html and f">{WITHHELD}</abbr>" in html and ">7<" not in html


def test_entry_table__a_small_cell__cannot_be_taken_from_row_or_column_totals(client, office):
    ages = [AgeGroup.UNDER_18, AgeGroup.FROM_18_TO_29, AgeGroup.FROM_30_TO_54, AgeGroup.OVER_54]
    counts = {
        LabourStatus.UNEMPLOYED: [0, 9, 20, 6],
        LabourStatus.EMPLOYED: [0, 2, 11, 8],
        LabourStatus.INACTIVE: [5, 6, 7, 9],
    }
    for status, per_age in counts.items():
        for age, count in zip(ages, per_age, strict=True):
            _people(office, count, labour_status=status, age_group=age)
    table = selectors.entry_table(
        project=office.project, service_points=[office.point.pk], period=YEAR, individuals=False
    )
    rows = {key: [*values, total] for key, _label, values, total in table.rows}
    rows["t"] = [*table.totals, table.total]
    assert rows["employed"][1] is None  # the 2
    keys = ["unemployed", "in_education", "employed", "inactive"]
    shown = {(r, c): rows[r][c] for r in [*keys, "t"] for c in range(5)}
    sums = [((r, 4), [(r, c) for c in range(4)]) for r in [*keys, "t"]]
    sums += [(("t", c), [(r, c) for r in keys]) for c in range(5)]
    known = recover(shown, sums)
    assert ("employed", 1) not in known
    for r, c in itertools.product(keys, range(5)):
        assert shown[(r, c)] in (None, WITHHELD) or not 0 < shown[(r, c)] < 5
    client.force_login(office.viewer)
    text = client.get(
        f"/indicators/projects/{office.project.uuid}/participants/", {"period": "2025", "format": "csv"}
    ).content.decode("utf-8-sig")
    assert text.count(WITHHELD) >= 2 and "<5" in text
