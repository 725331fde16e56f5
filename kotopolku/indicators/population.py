"""The situational picture: Statistics Finland's population by language, sex and municipality
(PxWeb table 11rm, json-stat2), imported from a file or a URL the user gives, and read beside the
desk's contacts by language.

The document's dimensions are found by what their ids start with, because Statistics Finland
renames them with each classification version (``alue_23_20260101`` for the municipal division
of 2026): ``alue`` area, ``kieli`` language, ``sukupuoli`` sex, the time dimension (``role.time``,
or an id starting ``vuosi`` or ``timeperiod``) and ``contentscode``. ``value`` runs in row-major
order over ``id``; a suppressed cell is ``null`` with a ``status`` marker. A table without a
language dimension (11re, population by age) imports as the total of all languages (``SSS``).
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.indicators.models import PopulationFigure

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_CELLS = 2_000_000
TOTAL = "SSS"


class PopulationImportError(ValueError):
    pass


@dataclass(frozen=True)
class Dimension:
    id: str
    codes: list[str]
    labels: dict[str, str]


@dataclass(frozen=True)
class ImportResult:
    table: str
    cells: int
    suppressed: int
    areas: int
    years: list[int]


def _dimension(document: dict[str, Any], dimension_id: str) -> Dimension:
    category = document["dimension"][dimension_id]["category"]
    index = category.get("index")
    if isinstance(index, dict):
        codes = [code for code, _position in sorted(index.items(), key=lambda item: item[1])]
    elif isinstance(index, list):
        codes = [str(code) for code in index]
    else:
        codes = list(category.get("label", {}))
    labels = {str(k): str(v) for k, v in (category.get("label") or {}).items()}
    return Dimension(dimension_id, [str(code) for code in codes], labels)


def _find(ids: list[str], *prefixes: str) -> str | None:
    for prefix in prefixes:
        for dimension_id in ids:
            if dimension_id.lower().startswith(prefix):
                return dimension_id
    return None


def _status_of(document: dict[str, Any], position: int) -> str:
    status = document.get("status")
    if isinstance(status, dict):
        return str(status.get(str(position), "") or "")
    if isinstance(status, list) and position < len(status):
        return str(status[position] or "")
    if isinstance(status, str):
        return status
    return ""


def _area_code(code: str) -> str:
    """``KU049`` → ``049``; the whole country stays ``SSS``."""
    return code[2:] if code.upper().startswith("KU") else code


def parse_document(document: Any) -> tuple[str, list[PopulationFigure]]:
    """The cells of a json-stat2 dataset as unsaved rows; raises ``PopulationImportError``."""
    if not isinstance(document, dict) or document.get("class") != "dataset":
        raise PopulationImportError(_("This is not a json-stat2 dataset."))
    try:
        ids = [str(i) for i in document["id"]]
        sizes = [int(s) for s in document["size"]]
        values = document["value"]
        dimensions = {dimension_id: _dimension(document, dimension_id) for dimension_id in ids}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise PopulationImportError(_("The dataset lacks its id, size, value or dimension parts.")) from None
    if len(ids) != len(sizes) or any(len(dimensions[i].codes) != s for i, s in zip(ids, sizes, strict=True)):
        raise PopulationImportError(_("The dataset's sizes do not match its dimensions."))
    role_time = (document.get("role") or {}).get("time") or []
    area_id = _find(ids, "alue")
    language_id = _find(ids, "kieli")
    sex_id = _find(ids, "sukupuoli")
    year_id = role_time[0] if role_time and role_time[0] in ids else _find(ids, "vuosi", "timeperiod", "tid")
    if area_id is None or year_id is None:
        raise PopulationImportError(_("The dataset has no area or year dimension."))
    other = [i for i in ids if i not in (area_id, language_id, sex_id, year_id)]
    for dimension_id in other:
        if len(dimensions[dimension_id].codes) != 1:
            raise PopulationImportError(
                _("The dataset has more than one value in “%(dimension)s”; ask for one.")
                % {"dimension": dimension_id}
            )
    cell_count = 1
    for size in sizes:
        cell_count *= size
    if cell_count > MAX_CELLS:
        raise PopulationImportError(_("The dataset is too large to import at once."))
    if isinstance(values, dict):
        values = [values.get(str(position)) for position in range(cell_count)]
    if not isinstance(values, list) or len(values) != cell_count:
        raise PopulationImportError(_("The dataset's values do not match its sizes."))
    table = str(((document.get("extension") or {}).get("px") or {}).get("tableid", ""))
    strides = [1] * len(sizes)
    for position in range(len(sizes) - 2, -1, -1):
        strides[position] = strides[position + 1] * sizes[position + 1]
    figures: list[PopulationFigure] = []
    for position, value in enumerate(values):
        coordinates = {
            dimension_id: dimensions[dimension_id].codes[(position // strides[axis]) % sizes[axis]]
            for axis, dimension_id in enumerate(ids)
        }
        area = coordinates[area_id]
        language = coordinates[language_id] if language_id else TOTAL
        year_code = coordinates[year_id]
        try:
            year = int(year_code[:4])
        except ValueError:
            raise PopulationImportError(
                _("The year “%(year)s” is not a year.") % {"year": year_code}
            ) from None
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value < 0):
            raise PopulationImportError(
                _("Cell %(position)s holds no count of people.") % {"position": position}
            )
        figures.append(
            PopulationFigure(
                area=_area_code(area),
                area_name=dimensions[area_id].labels.get(area, "")[:100],
                year=year,
                language=language[:4],
                language_name=(dimensions[language_id].labels.get(language, "") if language_id else "")[:100],
                sex=coordinates[sex_id] if sex_id else TOTAL,
                value=None if value is None else int(value),
                status=_status_of(document, position)[:8],
                table=table[:16],
            )
        )
    return table, figures


def read_source(*, upload: Any = None, url: str = "") -> Any:
    """The JSON document from an uploaded file or a URL (http or https only)."""
    try:
        if upload is not None:
            if upload.size > MAX_DOCUMENT_BYTES:
                raise PopulationImportError(_("The file is larger than 20 MB."))
            raw = upload.read()
        elif url:
            if not url.lower().startswith(("http://", "https://")):
                raise PopulationImportError(_("Give an http or https address."))
            with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (scheme checked above)
                raw = response.read(MAX_DOCUMENT_BYTES + 1)
            if len(raw) > MAX_DOCUMENT_BYTES:
                raise PopulationImportError(_("The document is larger than 20 MB."))
        else:
            raise PopulationImportError(_("Give a file or an address."))
        return json.loads(raw)
    except PopulationImportError:
        raise
    except (OSError, ValueError):
        raise PopulationImportError(_("The document could not be read as JSON.")) from None


@transaction.atomic
def population_import(*, by: Any, document: Any) -> ImportResult:
    """Store the dataset's cells, replacing earlier figures of the same area, year, language and sex."""
    table, figures = parse_document(document)
    PopulationFigure.objects.bulk_create(
        figures,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["area", "year", "language", "sex"],
        update_fields=["area_name", "language_name", "value", "status", "table", "imported_at"],
    )
    result = ImportResult(
        table=table,
        cells=len(figures),
        suppressed=sum(1 for figure in figures if figure.value is None),
        areas=len({figure.area for figure in figures}),
        years=sorted({figure.year for figure in figures}),
    )
    audit_record(
        actor=by,
        action="indicators.population_import",
        target_type="population",
        details={"table": table, "cells": result.cells, "suppressed": result.suppressed},
    )
    return result


@dataclass
class LanguagePicture:
    area: str
    area_name: str
    years: list[int]
    # (language code, name, [(population, desk contacts) per year])
    rows: list[tuple[str, str, list[tuple[int | None, int | None]]]]


def language_picture(
    *, area: str, contacts_by_year_language: dict[tuple[int, str], int | None]
) -> LanguagePicture:
    """A municipality's language groups (both sexes) over the years, beside the desk's contacts."""
    figures = list(
        PopulationFigure.objects.filter(area=area, sex=TOTAL)
        .exclude(language__in=[TOTAL, "01", "02"])
        .order_by("year")
    )
    years = sorted({figure.year for figure in figures})
    by_language: dict[str, dict[int, int | None]] = {}
    names: dict[str, str] = {}
    for figure in figures:
        by_language.setdefault(figure.language, {})[figure.year] = figure.value
        names[figure.language] = figure.language_name or figure.language
    latest = years[-1] if years else None
    ordered = sorted(by_language, key=lambda code: -(by_language[code].get(latest) or 0) if latest else 0)
    rows = [
        (
            code,
            names[code],
            [(by_language[code].get(year), contacts_by_year_language.get((year, code), 0)) for year in years],
        )
        for code in ordered
    ]
    area_name = figures[0].area_name if figures else ""
    return LanguagePicture(area=area, area_name=area_name, years=years, rows=rows)
