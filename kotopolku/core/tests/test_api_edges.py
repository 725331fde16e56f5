"""The JSON API at its edges: every input cleaned, JSON on failure, every error answer documented."""

from __future__ import annotations

import typing
from uuid import UUID

import pytest
from django.test import Client, override_settings
from pydantic import BaseModel

from kotopolku.accounts.services import api_token_create
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.api import api
from kotopolku.core.api_schemas import FreeText, InputSchema, Line


def _operations():
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield path, operation


def _mentions_str(annotation) -> bool:
    if annotation is str:
        return True
    return any(_mentions_str(arg) for arg in typing.get_args(annotation))


def _cleaned_text(field) -> bool:
    wanted = {typing.get_args(Line)[1].func, typing.get_args(FreeText)[1].func}
    return any(getattr(item, "func", None) in wanted for item in field.metadata)


def test_every_operation__takes_text_only_through_the_cleaning_types():
    unchecked = []
    for path, operation in _operations():
        for model in operation.models:
            for name, field in model.model_fields.items():
                annotation = field.annotation
                where = f"{operation.methods} {path} {name}"
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    if not issubclass(annotation, InputSchema):
                        unchecked.append(f"{where}: {annotation.__name__} is not an InputSchema")
                elif _mentions_str(annotation) and not _cleaned_text(field):
                    unchecked.append(f"{where}: text not typed Line or FreeText")
    assert unchecked == []


# Path segments that name a code, not a record (an article's translation into a language).
PATH_CODES = {"language"}


def test_every_path_id__is_a_uuid():
    for path, operation in _operations():
        for model in operation.models:
            if model.__ninja_param_source__ == "path":
                for name, field in model.model_fields.items():
                    if name in PATH_CODES:
                        assert _cleaned_text(field), path
                    else:
                        assert field.annotation is UUID, path


def test_openapi__every_operation_documents_its_error_answers():
    schema = api.get_openapi_schema()
    assert {"Error", "FieldErrors"} <= set(schema["components"]["schemas"])
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert {"401", "403"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
                for parameter in operation["parameters"]:
                    if parameter["in"] == "path" and parameter["name"] not in PATH_CODES:
                        assert parameter["schema"].get("format") == "uuid", (method, path)
            if method in ("patch", "put"):
                assert "409" in responses, (method, path)
            if operation.get("parameters") or "requestBody" in operation:
                ref = responses["422"]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/FieldErrors"
            if "requestBody" in operation:
                assert "400" in responses


def test_openapi__the_error_bodies_are_described():
    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert schemas["Error"]["required"] == ["detail"]
    assert schemas["FieldErrors"]["properties"]["errors"]["type"] == "object"


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_api_failure__in_production__answers_json_not_the_error_page(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database said something unexpected")

    monkeypatch.setattr("kotopolku.organisations.api.service_points_of_user", broken)
    _token, raw = api_token_create(user=UserFactory(), name="test")
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.get("/api/v1/service-points", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Something went wrong on our side."}
    assert b"the database" not in response.content


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_unknown_api_address__answers_json():
    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("search", ["%00", "a%1bb", "%E2%80%AE"])
def test_organisations__control_characters_in_search__422(search):
    _token, raw = api_token_create(user=UserFactory(), name="test")
    response = Client().get(f"/api/v1/organisations?search={search}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["search"]
