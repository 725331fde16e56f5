"""Checking documents against the published HSDS 3.0 JSON schemas and OpenAPI description.

The schemas are not shipped with the product: they are read from a copy of the Open Referral
specification (``../shared/data/hsds-3.0`` beside the repository, or a directory given). The
contract tests use this; so can an operator checking an export before publishing it.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DIR = REPO_ROOT.parent / "shared" / "data" / "hsds-3.0"
_BASE = "https://hsds.invalid/schema/"

# What each API response holds, by the schema it validates against.
COMPILED = {
    "service": "service",
    "organization": "organization",
    "service_at_location": "service_at_location",
}
PLAIN = {"taxonomy": "taxonomy", "taxonomy_term": "taxonomy_term", "location": "location"}


def hsds_dir() -> Path | None:
    return DEFAULT_DIR if (DEFAULT_DIR / "schema" / "openapi.json").is_file() else None


def _format_checker() -> FormatChecker:
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        dt.datetime.fromisoformat(value)
        return "T" in value or " " in value

    @checker.checks("uri", raises=ValueError)
    def _uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme) and bool(parts.netloc or parts.path)

    return checker


class Contract:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        schema_dir = directory / "schema"
        self.openapi: dict[str, Any] = json.loads((schema_dir / "openapi.json").read_text(encoding="utf-8"))
        resources = []
        for path in sorted(schema_dir.glob("*.json")):
            if path.name == "openapi.json":
                continue
            contents = json.loads(path.read_text(encoding="utf-8"))
            resources.append(
                (_BASE + path.name, Resource.from_contents(contents, default_specification=DRAFT202012))
            )
        self.registry: Registry = Registry().with_resources(resources)
        self._validators: dict[str, Draft202012Validator] = {}
        self.format_checker = _format_checker()

    def validator(self, kind: str) -> Draft202012Validator:
        if kind not in self._validators:
            if kind in COMPILED:
                path = self.directory / "schema" / "compiled" / f"{COMPILED[kind]}.json"
                schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            elif kind in PLAIN:
                schema = {"$ref": _BASE + f"{PLAIN[kind]}.json"}
            elif kind == "page":
                schema = self._page_schema()
            elif kind == "api_info":
                schema = self.openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"][
                    "schema"
                ]
            else:
                raise KeyError(kind)
            self._validators[kind] = Draft202012Validator(
                schema, registry=self.registry, format_checker=self.format_checker
            )
        return self._validators[kind]

    def _page_schema(self) -> dict[str, Any]:
        """The OpenAPI ``Page`` envelope, with every field it declares required and typed."""
        page = dict(self.openapi["components"]["schemas"]["Page"])
        return {
            **page,
            "required": [*page["properties"], "contents"],
            "properties": {**page["properties"], "contents": {"type": "array"}},
        }

    def errors(self, kind: str, document: Any) -> list[str]:
        found = []
        for error in self.validator(kind).iter_errors(document):
            where = "/".join(str(part) for part in error.absolute_path) or "(root)"
            found.append(f"{where}: {error.message[:300]}")
        return found

    def page_errors(self, kind: str, document: Any) -> list[str]:
        """A paged list response: the envelope, and each item against its HSDS schema."""
        found = self.errors("page", document)
        if found:
            return found
        for position, item in enumerate(document["contents"]):
            found.extend(f"contents/{position}/{error}" for error in self.errors(kind, item))
        if document["size"] != len(document["contents"]):
            found.append("size: differs from the number of contents")
        if document["empty"] != (not document["contents"]):
            found.append("empty: disagrees with contents")
        if document["total_items"] == 0 and not document["empty"]:
            found.append("empty: false although total_items is 0")
        return found


@cache
def contract(directory: Path | None = None) -> Contract:
    found = directory or hsds_dir()
    if found is None:
        raise FileNotFoundError(f"The HSDS 3.0 specification is not at {DEFAULT_DIR}")
    return Contract(found)


# What this implementation adds to Open Referral's OpenAPI description: the limits it checks on
# each query parameter (anything else is answered 400 with a message per parameter) and its
# error answers. Tools that test an API against its description (schemathesis) use it.
# An empty parameter is one not given (as a web form sends it).
_UUID_OR_EMPTY = {"anyOf": [{"type": "string", "format": "uuid"}, {"const": ""}]}
_PARAMETER_LIMITS: dict[str, dict[str, Any]] = {
    "page": {"type": "integer", "minimum": 1},
    "per_page": {"type": "integer", "minimum": 1},
    "search": {"type": "string", "maxLength": 200},
    "taxonomy_term_id": {
        "type": "string",
        "maxLength": 500,
        "pattern": "^[^\\u0000-\\u001f\\u007f\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069]*$",
    },
    "taxonomy_id": _UUID_OR_EMPTY,
    "organization_id": _UUID_OR_EMPTY,
    "parent_id": _UUID_OR_EMPTY,
    "modified_after": {"anyOf": [{"type": "string", "format": "date-time"}, {"const": ""}]},
    "format": {"type": "string", "enum": ["json"]},
}
_ERROR_ANSWERS = {
    "400": {
        "description": "Invalid query parameters: a message for each.",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["detail", "errors"],
                    "properties": {
                        "detail": {"type": "string"},
                        "errors": {"type": "object", "additionalProperties": {"type": "array"}},
                    },
                }
            }
        },
    },
    "404": {
        "description": "No such entry.",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["detail"],
                    "properties": {"detail": {"type": "string"}},
                }
            }
        },
    },
}


def openapi_as_served(directory: Path | None = None) -> dict[str, Any] | None:
    """Open Referral's OpenAPI description of the HSDS API with the parameter limits and error
    answers of this implementation, served at ``/api/hsds``; None without the specification."""
    directory = directory or hsds_dir()
    if directory is None:
        return None
    document: dict[str, Any] = json.loads((directory / "schema" / "openapi.json").read_text(encoding="utf-8"))
    document["servers"] = [{"url": "/api/hsds"}]
    for name, parameter in document.get("components", {}).get("parameters", {}).items():
        if name in _PARAMETER_LIMITS:
            parameter["schema"] = dict(_PARAMETER_LIMITS[name])
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method != "get":
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("name") in _PARAMETER_LIMITS:
                    parameter["schema"] = dict(_PARAMETER_LIMITS[parameter["name"]])
            answers = operation.setdefault("responses", {})
            answers.setdefault("400", _ERROR_ANSWERS["400"])
            if "{" in path:
                answers.setdefault("404", _ERROR_ANSWERS["404"])
    return document
