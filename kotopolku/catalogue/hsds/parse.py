"""Reading HSDS 3.0 into flat tables: nested JSON objects, paged API responses, ``tabular.json``
and the CSV datapackage. Pure Python, no database.

The result is a :class:`Dataset`: for each HSDS table, its rows by HSDS id, with values already
converted to Python types (numbers, dates, times, aware datetimes). Whatever cannot be read is
recorded as a problem against the row it belongs to (or the file), never raised, so that the
importer can refuse exactly the services it concerns and import the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kotopolku.catalogue.hsds.tables import (
    DATE,
    DATETIME,
    INTEGER,
    LINK_ENTITY,
    NUMBER,
    STRING,
    TABLES,
    TIME,
    Table,
)

Row = dict[str, Any]
Key = tuple[str, str]  # (table, id)

MAX_FILE_BYTES = 512 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


@dataclass
class Dataset:
    tables: dict[str, dict[str, Row]] = field(default_factory=lambda: {name: {} for name in TABLES})
    problems: dict[Key, list[str]] = field(default_factory=dict)
    file_problems: list[str] = field(default_factory=list)
    # Rows that came in without an id: refused with their reason, listed by table and position.
    unidentified: list[tuple[str, str]] = field(default_factory=list)
    # Tables the source speaks of (a CSV file, or a nested key even when empty): rows of these
    # tables that a re-imported record no longer lists are removed.
    mentioned: set[str] = field(default_factory=set)

    def problem(self, table: str, ident: str, message: str) -> None:
        messages = self.problems.setdefault((table, ident), [])
        if message not in messages:
            messages.append(message)

    def rows(self, table: str) -> dict[str, Row]:
        return self.tables[table]

    def count(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items() if rows}


class ParseError(ValueError):
    pass


def convert(table: Table, column: str, value: Any, *, from_text: bool) -> Any:
    """The Python value of one HSDS field, or ParseError. Empty strings in CSV mean absent."""
    if value is None:
        return None
    kind = table.type_of(column)
    if from_text and isinstance(value, str):
        value = value.strip() if kind != STRING else value
        if value == "":
            return None
    if kind == STRING:
        if from_text and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ParseError("expected a string")
        if _CONTROL.search(value):
            raise ParseError("contains control characters")
        return value
    if kind in (NUMBER, INTEGER):
        if isinstance(value, bool):
            raise ParseError("expected a number")
        if isinstance(value, str) and from_text:
            try:
                value = float(value) if any(c in value for c in ".eE") else int(value)
            except ValueError:
                raise ParseError("expected a number") from None
        if not isinstance(value, int | float) or value != value or value in (float("inf"), float("-inf")):
            raise ParseError("expected a number")
        if kind == INTEGER and not float(value).is_integer():
            raise ParseError("expected a whole number")
        return int(value) if float(value).is_integer() and abs(value) < 2**53 else value
    if not isinstance(value, str):
        raise ParseError(f"expected a {kind} as text")
    try:
        if kind == DATE:
            return dt.date.fromisoformat(value)
        if kind == DATETIME:
            parsed = dt.datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        if kind == TIME:
            return parse_time(value)
    except ValueError:
        raise ParseError(f"not a valid {kind}") from None
    return value


def parse_time(value: str) -> dt.time:
    match = _TIME.match(value)
    if not match:
        raise ValueError(value)
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour == 24 and minute == 0 and second == 0:
        hour, minute, second = 23, 59, 59
    return dt.time(hour, minute, second)


class _Builder:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def add(self, table_name: str, record: Any, *, where: str, from_text: bool = False) -> str | None:
        """Add one record (and, for JSON, what is nested in it); return its id."""
        table = TABLES[table_name]
        if not isinstance(record, dict):
            self.dataset.file_problems.append(f"{where}: expected an object, got {type(record).__name__}")
            return None
        raw_id = record.get("id")
        if isinstance(raw_id, str) and raw_id.strip() and not _CONTROL.search(raw_id):
            ident = raw_id.strip()
        else:
            reason = "has no id" if raw_id in (None, "") else "has an invalid id"
            self.dataset.unidentified.append((table_name, f"{where} {reason}"))
            return None
        row: Row = {}
        for column in table.fields:
            if column == "id" or column not in record:
                continue
            try:
                row[column] = convert(table, column, record[column], from_text=from_text)
            except ParseError as exc:
                row[column] = None
                self.dataset.problem(table_name, ident, f"{table_name}.{column}: {exc}")
        if not from_text:
            self._nested(table, ident, record, row, where)
        self._merge(table_name, ident, row)
        return ident

    def _nested(self, table: Table, ident: str, record: Row, row: Row, where: str) -> None:
        for key, (child_table, back) in table.children.items():
            items = record.get(key)
            if items is None:
                continue
            self.dataset.mentioned.add(child_table)
            if not isinstance(items, list):
                self.dataset.problem(table.name, ident, f"{table.name}.{key}: expected a list")
                continue
            for position, item in enumerate(items):
                if isinstance(item, dict):
                    item = dict(item)
                    item.setdefault(back, ident)
                    if child_table in ("attributes", "metadata"):
                        entity = "link_entity" if child_table == "attributes" else "resource_type"
                        item.setdefault(entity, LINK_ENTITY.get(table.name, table.name))
                child = self.add(child_table, item, where=f"{where}.{key}[{position}]")
                if child is None and isinstance(item, dict):
                    self.dataset.problem(
                        table.name, ident, f"{table.name}.{key}[{position}]: has no valid id"
                    )
        for key, (target_table, column) in table.references.items():
            item = record.get(key)
            if item is None:
                continue
            target = self.add(target_table, item, where=f"{where}.{key}")
            if target is None:
                self.dataset.problem(table.name, ident, f"{table.name}.{key}: has no valid id")
            elif row.get(column) is None:
                row[column] = target

    def _merge(self, table_name: str, ident: str, row: Row) -> None:
        rows = self.dataset.tables[table_name]
        existing = rows.get(ident)
        if existing is None:
            rows[ident] = row
            return
        # The same object repeated (HSDS nests a shared phone or location in several places):
        # fill what is missing, refuse what disagrees.
        for column, value in row.items():
            if value is None:
                continue
            if existing.get(column) is None:
                existing[column] = value
            elif existing[column] != value:
                self.dataset.problem(
                    table_name,
                    ident,
                    f"{table_name}.{column}: the id {ident} appears twice with different values",
                )


def _record_kind(record: dict[str, Any], hint: str) -> str | None:
    keys = set(record)
    if "openapi_url" in keys or ("version" in keys and "profile" in keys):
        return "meta"
    if keys & {"status", "service_at_locations", "service_areas", "eligibility_description", "cost_options"}:
        return "services"
    if "location_type" in keys:
        return "locations"
    if keys & {"location", "service"} or ("service_id" in keys and "location_id" in keys):
        return "service_at_location"
    if keys & {"taxonomy_detail", "term_uri", "parent_id", "code", "taxonomy_id"}:
        return "taxonomy_terms"
    if keys & {
        "tax_status",
        "tax_id",
        "year_incorporated",
        "website",
        "legal_status",
        "services",
        "locations",
    }:
        return "organizations"
    if keys & {"version", "uri"} and "name" in keys:
        return "taxonomies"
    for prefix, kind in (
        ("service_at_location", "service_at_location"),
        ("service", "services"),
        ("organization", "organizations"),
        ("location", "locations"),
        ("taxonomy_term", "taxonomy_terms"),
        ("taxonom", "taxonomies"),
    ):
        if hint.startswith(prefix):
            return kind
    return None


def add_json(dataset: Dataset, document: Any, *, source: str) -> None:
    """Add a parsed JSON document: one object, a list of objects, a paged API response, or tabular.json."""
    builder = _Builder(dataset)
    hint = Path(source).name.lower()
    if isinstance(document, dict) and any(str(key).endswith(".csv") for key in document):
        for key, rows in document.items():
            name = str(key).removesuffix(".csv")
            name = "service_at_location" if name == "service_at_locations" else name
            if name not in TABLES:
                continue
            if not isinstance(rows, list):
                dataset.file_problems.append(f"{source}: {key} is not a list of rows")
                continue
            dataset.mentioned.add(name)
            for position, item in enumerate(rows):
                builder.add(name, item, where=f"{source}:{key}[{position}]", from_text=True)
        return
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        records: list[Any] = document["contents"]
    elif isinstance(document, list):
        records = document
    else:
        records = [document]
    for position, record in enumerate(records):
        where = f"{source}[{position}]" if len(records) > 1 or not isinstance(document, dict) else source
        if not isinstance(record, dict):
            dataset.file_problems.append(f"{where}: expected an object, got {type(record).__name__}")
            continue
        kind = _record_kind(record, hint)
        if kind == "meta":
            continue
        if kind is None:
            dataset.file_problems.append(f"{where}: not an HSDS service, organization, location or taxonomy")
            continue
        builder.add(kind, record, where=where)


def add_csv(dataset: Dataset, table_name: str, text: str, *, source: str) -> None:
    builder = _Builder(dataset)
    dataset.mentioned.add(table_name)
    reader = csv.DictReader(io.StringIO(text))
    try:
        for position, record in enumerate(reader, start=2):
            if None in record:  # more cells than headers
                dataset.file_problems.append(f"{source}: line {position} has more cells than the header")
                record.pop(None)  # type: ignore[call-overload]
            builder.add(table_name, record, where=f"{source}: line {position}", from_text=True)
    except csv.Error as exc:
        dataset.file_problems.append(f"{source}: {exc}")


def _read_text(path: Path, dataset: Dataset) -> str | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            dataset.file_problems.append(f"{path.name}: larger than {MAX_FILE_BYTES // 2**20} MB")
            return None
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        dataset.file_problems.append(f"{path.name}: cannot be read ({exc.__class__.__name__})")
        return None


def read_json_file(path: Path, dataset: Dataset) -> None:
    text = _read_text(path, dataset)
    if text is None:
        return
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        dataset.file_problems.append(f"{path.name}: not valid JSON ({exc})")
        return
    add_json(dataset, document, source=path.name)


def read_datapackage(directory: Path, dataset: Dataset) -> None:
    """Read every HSDS table CSV in ``directory``; the datapackage.json manifest names them where it is
    readable, otherwise the HSDS file names are used."""
    names = _datapackage_resources(directory / "datapackage.json")
    for table in TABLES.values():
        candidates = [names.get(table.name), table.csv_name]
        if table.name == "service_at_location":
            candidates.append("service_at_locations.csv")
        for candidate in candidates:
            if candidate and (directory / candidate).is_file():
                text = _read_text(directory / candidate, dataset)
                if text is not None:
                    add_csv(dataset, table.name, text, source=candidate)
                break


def _datapackage_resources(manifest: Path) -> dict[str, str]:
    try:
        document = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, str] = {}
    if isinstance(document, dict):
        for resource in document.get("resources") or []:
            if isinstance(resource, dict) and isinstance(resource.get("path"), str):
                name = str(resource.get("name") or Path(resource["path"]).stem)
                name = {"service": "services", "organization": "organizations", "location": "locations"}.get(
                    name, name
                )
                if "/" not in resource["path"] and ".." not in resource["path"]:
                    found[name] = resource["path"]
    return found


def read_path(path: Path) -> list[tuple[str, Dataset]]:
    """The datasets at ``path``: a JSON file, a directory of JSON files, or a datapackage (its
    directory or its datapackage.json); a directory's subdirectories holding CSV files are read as
    datapackages too. Each file is its own dataset (a datapackage is one), so
    that files which disagree about a shared record are imported one after the other."""
    if path.is_file() and path.name == "datapackage.json":
        path = path.parent
    found: list[tuple[str, Dataset]] = []
    if path.is_file():
        dataset = Dataset()
        read_json_file(path, dataset)
        found.append((path.name, dataset))
    elif path.is_dir():
        if any(path.glob("*.csv")):
            dataset = Dataset()
            read_datapackage(path, dataset)
            found.append((f"{path.name}/datapackage", dataset))
        for child in sorted(path.glob("*.json")):
            if child.name != "datapackage.json":
                dataset = Dataset()
                read_json_file(child, dataset)
                found.append((child.name, dataset))
        for child in sorted(path.iterdir()):
            if child.is_dir() and any(child.glob("*.csv")):
                dataset = Dataset()
                read_datapackage(child, dataset)
                found.append((f"{child.name}/datapackage", dataset))
    else:
        dataset = Dataset()
        dataset.file_problems.append(f"{path.name}: no such file or directory")
        found.append((path.name, dataset))
    return found
