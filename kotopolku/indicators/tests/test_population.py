"""The json-stat2 importer on documents shaped as PxWeb gives table 11rm: dimensions found by the
start of their ids, values in row-major order, suppressed cells as null with a status marker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kotopolku.indicators.models import PopulationFigure
from kotopolku.indicators.population import (
    PopulationImportError,
    language_picture,
    parse_document,
    population_import,
)

CODES = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "codes" / "statfin_pxweb"


def _dimension(codes: list[str], labels: list[str]) -> dict:
    return {
        "category": {
            "index": {c: i for i, c in enumerate(codes)},
            "label": dict(zip(codes, labels, strict=True)),
        }
    }


def document(area_id: str = "alue_23_20260101") -> dict:
    """Kemi and Tornio × 2 years × languages (all, domestic, foreign, Russian, Arabic) × both sexes,
    one content; the Arabic-speaking of Tornio in 2024 suppressed."""
    areas, years, languages = ["KU240", "KU851"], ["2024", "2025"], ["SSS", "01", "02", "ru", "ar"]
    values: list[int | None] = []
    status: dict[str, str] = {}
    for a, area in enumerate(areas):
        for y, _year in enumerate(years):
            for lang in languages:
                position = len(values)
                if area == "KU851" and y == 0 and lang == "ar":
                    values.append(None)
                    status[str(position)] = "."
                else:
                    values.append(1000 * (a + 1) + 100 * y + languages.index(lang))
    return {
        "version": "2.0",
        "class": "dataset",
        "label": "Väestö kielen mukaan",
        "id": [area_id, "kieli", "sukupuoli", "vuosi", "contentscode"],
        "size": [2, 5, 1, 2, 1],
        "role": {"time": ["vuosi"], "geo": [area_id], "metric": ["contentscode"]},
        "dimension": {
            area_id: _dimension(areas, ["Kemi", "Tornio"]),
            "kieli": _dimension(languages, ["Yhteensä", "Kotimaiset", "Vieraat", "venäjä", "arabia"]),
            "sukupuoli": _dimension(["SSS"], ["Yhteensä"]),
            "vuosi": _dimension(years, years),
            "contentscode": _dimension(["vaesto"], ["Väestö 31.12."]),
        },
        "value": _reorder(values, areas, years, languages),
        "status": {
            str(_position(i, len(years), len(languages))): s
            for i, s in ((int(k), v) for k, v in status.items())
        },
        "extension": {"px": {"tableid": "11rm"}},
    }


def _position(index: int, n_years: int, n_languages: int) -> int:
    """Our build order is area, year, language; the document's id order is area, language, sex, year."""
    area, rest = divmod(index, n_years * n_languages)
    year, language = divmod(rest, n_languages)
    return area * n_languages * n_years + language * n_years + year


def _reorder(values: list, areas: list, years: list, languages: list) -> list:
    ordered: list = [None] * len(values)
    for index, value in enumerate(values):
        ordered[_position(index, len(years), len(languages))] = value
    return ordered


def _figure(area: str, year: int, language: str) -> PopulationFigure:
    return PopulationFigure.objects.get(area=area, year=year, language=language, sex="SSS")


def test_import__reads_row_major_order_and_suppressed_cells(db):
    result = population_import(by=None, document=document())
    assert (result.table, result.cells, result.suppressed, result.areas, result.years) == (
        "11rm",
        20,
        1,
        2,
        [2024, 2025],
    )
    assert _figure("240", 2024, "ru").value == 1003
    assert _figure("240", 2025, "ar").value == 1104
    assert _figure("851", 2025, "SSS").value == 2100
    suppressed = _figure("851", 2024, "ar")
    assert suppressed.value is None and suppressed.status == "."
    assert _figure("851", 2024, "ar").area_name == "Tornio"


def test_import__finds_a_renamed_area_dimension_and_replaces_earlier_figures(db):
    population_import(by=None, document=document())
    renamed = document(area_id="alue_25_20270101")
    renamed["value"] = [None if v is None else v + 1 for v in renamed["value"]]
    population_import(by=None, document=renamed)
    assert PopulationFigure.objects.count() == 20
    assert _figure("240", 2024, "ru").value == 1004


@pytest.mark.parametrize(
    "broken",
    [
        [],
        {"class": "collection"},
        {
            "class": "dataset",
            "id": ["alue"],
            "size": [2],
            "value": [1],
            "dimension": {"alue": _dimension(["KU1", "KU2"], ["a", "b"])},
        },
        {**document(), "size": [2, 5, 1, 2, 2]},
        {**document(), "value": [1, 2, 3]},
        {**document(), "value": ["many"] * 20},
    ],
)
def test_import__a_broken_document__is_refused_with_a_message_and_stores_nothing(db, broken):
    with pytest.raises(PopulationImportError) as error:
        population_import(by=None, document=broken)
    assert str(error.value)
    assert not PopulationFigure.objects.exists()


def test_language_picture__lists_languages_by_size_beside_the_contacts(db):
    population_import(by=None, document=document())
    picture = language_picture(area="851", contacts_by_year_language={(2025, "ar"): 12})
    assert picture.years == [2024, 2025]
    assert [code for code, _name, _cells in picture.rows] == ["ar", "ru"]
    assert picture.rows[0][2] == [(None, 0), (2104, 12)]


@pytest.mark.parametrize(
    "name", ["11re_jsonstat2_three_cities_2025.json", "11re_jsonstat2_whole_country_2023-2025.json"]
)
def test_import__statistics_finland_s_real_responses(db, name):
    path = CODES / name
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared data folder is absent)")
    table, figures = parse_document(json.loads(path.read_text(encoding="utf-8")))
    assert table == "11re"
    assert len(figures) == 3
    if "three_cities" in name:
        assert {(f.area, f.area_name, f.value) for f in figures} == {
            ("049", "Espoo", 325716),
            ("091", "Helsinki", 694392),
            ("092", "Vantaa", 252956),
        }
    else:
        assert [(f.area, f.year, f.value) for f in figures] == [
            ("SSS", 2023, 5603851),
            ("SSS", 2024, 5635971),
            ("SSS", 2025, 5652881),
        ]
