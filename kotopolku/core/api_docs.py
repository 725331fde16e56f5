"""The error answers of the JSON API, written into its OpenAPI document for every operation.

Every endpoint answers errors the same way (``kotopolku.api`` turns exceptions into them), so
they are documented here once instead of on each endpoint:

* 400 when the request body is not JSON (operations with a body);
* 401 without valid credentials and 403 without the permission (operations that need a user);
* 404 for an unknown id in the path (operations with a path parameter);
* 409 when the record changed since it was read (PATCH and PUT: a stale ``If-Match`` or
  ``version``), unless the operation documents its own 409;
* 422 with a message per field (operations with parameters or a body).

An answer an operation already documents is kept as the operation wrote it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kotopolku.core.api_schemas import ErrorOut, FieldErrorsOut

_ERROR = "Error"
_FIELD_ERRORS = "FieldErrors"

_DESCRIPTIONS = {
    "400": _("The request body is not valid JSON."),
    "401": _("Authentication required."),
    "403": _("You do not have permission to do this."),
    "404": _("Not found."),
    "409": _("The record was changed by someone else after you read it."),
    "422": _("The request has invalid fields."),
    "429": _("Too many requests: try again later."),
}


def _response(status: str, schema: str) -> dict[str, Any]:
    return {
        "description": str(_DESCRIPTIONS[status]),
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _statuses(method: str, operation: dict[str, Any], *, secured: bool) -> dict[str, str]:
    parameters = operation.get("parameters") or []
    has_body = "requestBody" in operation
    statuses: dict[str, str] = {}
    if has_body:
        statuses["400"] = _ERROR
    if secured:
        statuses["401"] = _ERROR
        statuses["403"] = _ERROR
    # A path names a record; a body may name records (a client, an appointment) that are gone.
    if has_body or any(parameter.get("in") == "path" for parameter in parameters):
        statuses["404"] = _ERROR
    if has_body and not secured:
        statuses["429"] = _ERROR
    if method in ("patch", "put"):
        statuses["409"] = _ERROR
    if parameters or has_body:
        statuses["422"] = _FIELD_ERRORS
    return statuses


def document_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers to every operation of an OpenAPI ``schema`` (changed in place)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(_ERROR, ErrorOut.model_json_schema())
    components.setdefault(_FIELD_ERRORS, FieldErrorsOut.model_json_schema())
    secured_by_default = bool(schema.get("security"))
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            secured = bool(operation.get("security", secured_by_default or None))
            # ninja keys an operation's own answers by number: as text they keep their own body
            # (a 409 with the stored record) instead of being shadowed by the generic one.
            responses = {str(status): answer for status, answer in operation["responses"].items()}
            operation["responses"] = responses
            for status, component in _statuses(method, operation, secured=secured).items():
                responses.setdefault(status, _response(status, component))
    return schema


def _not_answered(status: int) -> dict[str, Any]:
    return {
        "description": f"Not answered ({status}): a public operation needs no login and no permission.",
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{_ERROR}"}}},
    }


# A public operation is open to anyone, so it never answers 401 or 403; the two are listed (with
# the shared error body) so that every operation of the API documents the same error answers.
# Give it as ``openapi_extra=PUBLIC_ERRORS`` on an operation with ``auth=None``.
PUBLIC_ERRORS: dict[str, Any] = {"responses": {"401": _not_answered(401), "403": _not_answered(403)}}
