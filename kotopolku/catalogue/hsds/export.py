"""Exporting the whole catalogue as HSDS 3.0: JSON files, or the tabular CSV datapackage.

JSON: a directory with ``services.json`` (every service fully nested, with its organisation,
locations and taxonomy terms), ``organizations.json`` (every organisation with its locations),
``taxonomies.json`` and ``taxonomy_terms.json``. The CSV datapackage is the same content
flattened into one CSV file per HSDS table, described by ``datapackage.json``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from kotopolku.audit.services import audit_record
from kotopolku.catalogue.hsds import queries, serialize
from kotopolku.catalogue.hsds.parse import Dataset, add_json
from kotopolku.catalogue.hsds.tables import DATE, DATETIME, INTEGER, NUMBER, TABLES, TIME

CHUNK = 500
_CSV_TYPES = {DATE: "date", DATETIME: "datetime", TIME: "time", NUMBER: "number", INTEGER: "integer"}


def documents(*, language: str = "fi") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every HSDS document of the catalogue as (file name, document), in a stable order."""
    langs = serialize.Languages.of(language)
    for row in queries.taxonomies().iterator(chunk_size=CHUNK):
        yield "taxonomies.json", serialize.taxonomy(row, langs)
    for term in queries.taxonomy_terms().iterator(chunk_size=CHUNK):
        yield "taxonomy_terms.json", serialize.taxonomy_term(term, langs)
    for organisation in (
        queries.organisations(full=True, services=None).order_by("id").iterator(chunk_size=CHUNK)
    ):
        yield "organizations.json", serialize.organization(organisation, langs, full=True)
    for service in queries.services(full=True).order_by("id").iterator(chunk_size=CHUNK):
        yield "services.json", serialize.service(service, langs, full=True)


def count() -> int:
    from kotopolku.catalogue.models import Service, Taxonomy, TaxonomyTerm
    from kotopolku.organisations.models import Organisation

    return (
        Taxonomy.objects.count()
        + TaxonomyTerm.objects.count()
        + Organisation.objects.count()
        + Service.objects.count()
    )


def write_json(
    directory: Path, *, language: str, progress: Callable[[int], Any] | None = None
) -> dict[str, int]:
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    handles: dict[str, Any] = {}
    try:
        for name, document in documents(language=language):
            handle = handles.get(name)
            if handle is None:
                handle = handles[name] = (directory / name).open("w", encoding="utf-8")
                handle.write("[\n")
            else:
                handle.write(",\n")
            handle.write(json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False))
            written[name] = written.get(name, 0) + 1
            if progress is not None:
                progress(1)
    finally:
        for handle in handles.values():
            handle.write("\n]\n")
            handle.close()
    return written


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def write_datapackage(
    directory: Path, *, language: str, progress: Callable[[int], Any] | None = None
) -> dict[str, int]:
    directory.mkdir(parents=True, exist_ok=True)
    dataset = Dataset()
    for name, document in documents(language=language):
        add_json(dataset, document, source=name)
        if progress is not None:
            progress(1)
    resources = []
    written: dict[str, int] = {}
    for table in TABLES.values():
        rows = dataset.rows(table.name)
        if not rows:
            continue
        with (directory / table.csv_name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.fields)
            for ident, row in rows.items():
                writer.writerow(
                    [ident if column == "id" else _cell(row.get(column)) for column in table.fields]
                )
        written[table.csv_name] = len(rows)
        resources.append(
            {
                "name": table.name,
                "path": table.csv_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "schema": {
                    "fields": [
                        {"name": column, "type": _CSV_TYPES.get(table.type_of(column), "string")}
                        for column in table.fields
                    ],
                    "primaryKey": "id",
                },
            }
        )
    manifest = {"name": "kotopolku-hsds", "profile": "tabular-data-package", "resources": resources}
    (directory / "datapackage.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return written


def hsds_export(
    *,
    directory: Path,
    fmt: str = "json",
    language: str = "fi",
    by: Any = None,
    progress: Callable[[int], Any] | None = None,
) -> dict[str, int]:
    """Write the catalogue to ``directory`` and audit the export."""
    with transaction.atomic():
        writer = write_datapackage if fmt == "csv" else write_json
        written = writer(directory, language=language, progress=progress)
        audit_record(
            actor=by,
            action="catalogue.hsds_export",
            target_type="catalogue.hsds",
            purpose="HSDS export",
            details={"format": fmt, "language": language, "files": written},
        )
    return written
