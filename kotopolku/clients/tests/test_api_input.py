"""The client API refuses bad input with a message per field (422), never a server error."""

from __future__ import annotations

import pytest

from kotopolku.accounts.services import api_token_create
from kotopolku.clients.models import Client
from kotopolku.clients.tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, advisor):  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=advisor, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.mark.parametrize(
    "query, field",
    [
        ("offset=9223372036854775808", "offset"),
        ("offset=-1", "offset"),
        ("offset=99999999999999999999999999999", "offset"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=1e3", "limit"),
        ("search=%00", "search"),
        ("search=Olena%1b", "search"),
        ("search=a%0Ab", "search"),
    ],
)
def test_client_list__bad_paging_or_search__422_with_a_message(api, query, field):
    response = api.get(f"/api/v1/clients?{query}")
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == [field]
    assert response.json()["errors"][field][0]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"given_names": "Null\x00byte"}, "given_names"),
        ({"given_names": "Olena", "municipality": "Null\x00byte"}, "municipality"),
        ({"given_names": "Olena", "citizenships": ["\x00"]}, "citizenships"),
        ({"given_names": "Olena", "languages": [{"language": "\x00"}]}, "languages.0.language"),
        ({"given_names": "Ole\u202ena"}, "given_names"),
    ],
)
def test_client_create__control_characters__422_nothing_saved(api, rovaniemi, body, field):
    response = api.post(
        "/api/v1/clients", {**body, "confirm_new_person": True}, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert not Client.objects.exists()


@pytest.mark.parametrize("body", ["[null, null]", "null", '"x"', "[]", "1"])
def test_client_create__body_not_an_object__422(api, rovaniemi, body):
    response = api.post("/api/v1/clients", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert not Client.objects.exists()


def test_client_create__zero_width_characters__removed_from_the_names(api, rovaniemi):
    response = api.post(
        "/api/v1/clients",
        {"given_names": "Ole\u200bna", "family_name": "\ufeffKovalenko\u200d", "confirm_new_person": True},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    client = Client.objects.get(uuid=response.json()["uuid"])
    assert (client.given_names, client.family_name) == ("Olena", "Kovalenko")


def test_client_read__id_not_a_uuid__422_and_unknown_uuid__404(api):
    assert api.get("/api/v1/clients/123").status_code == 422
    assert api.get("/api/v1/clients/00000000-0000-0000-0000-000000000000").status_code == 404


def test_client_patch__newline_in_a_name__refused(api, rovaniemi):
    client = ClientFactory(service_point=rovaniemi)
    response = api.patch(
        f"/api/v1/clients/{client.uuid}", {"family_name": "Two\nLines"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "family_name" in response.json()["errors"]
