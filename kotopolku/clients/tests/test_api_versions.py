"""Optimistic locking over the API and the rule that a client has a name."""

from __future__ import annotations

import pytest

from kotopolku.accounts.services import api_token_create
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.models import Client
from kotopolku.clients.tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, advisor):  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=advisor, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def patch(api, uuid, data, **headers):  # type: ignore[no-untyped-def]
    return api.patch(f"/api/v1/clients/{uuid}", data, content_type="application/json", headers=headers)


def test_client_read__sends_version_and_etag(api, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    response = api.get(f"/api/v1/clients/{registered.uuid}")
    assert response.status_code == 200
    assert response.json()["version"] == 1
    assert response["ETag"] == '"1"'


def test_client_patch__current_if_match__saves_and_answers_the_new_version(api, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    response = patch(api, registered.uuid, {"email": "anna@example.fi"}, if_match='"1"')
    assert response.status_code == 200, response.content
    assert response.json() == {"uuid": str(registered.uuid), "changed": ["email"], "version": 2}
    assert response["ETag"] == '"2"'


def test_client_patch__stale_if_match__409_names_what_the_other_person_changed(api, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    assert patch(api, registered.uuid, {"email": "other@example.fi", "permit_type": "A"}).status_code == 200
    response = patch(api, registered.uuid, {"phone": "0401234567"}, if_match='"1"')
    assert response.status_code == 409
    body = response.json()
    assert body["version"] == 2
    assert body["changed"] == {"email": "other@example.fi", "permit_type": "A"}
    assert body["detail"]
    stored = Client.objects.get(pk=registered.pk)
    assert (stored.phone, stored.version) == ("", 2)
    assert AuditEvent.objects.filter(action="clients.change").count() == 1


def test_client_patch__stale_version_field__409(api, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    patch(api, registered.uuid, {"permit_type": "B"})
    response = patch(api, registered.uuid, {"permit_type": "C", "version": 1})
    assert response.status_code == 409
    assert response.json()["changed"] == {"permit_type": "B"}


def test_client_patch__unparsable_if_match__is_stale_not_ignored(api, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    assert patch(api, registered.uuid, {"permit_type": "C"}, if_match="yesterday").status_code == 409


def test_client_patch__only_the_sent_fields_are_written(api, rovaniemi):
    """The birth date is not written back from the request's copy when the code is not sent."""
    registered = ClientFactory(service_point=rovaniemi, birth_year=1990)
    Client.objects.filter(pk=registered.pk).update(birth_year=1991)  # a colleague's save
    response = patch(api, registered.uuid, {"email": "x@example.fi"})
    assert response.json()["changed"] == ["email"]
    assert Client.objects.get(pk=registered.pk).birth_year == 1991


def test_client_patch__removing_every_name__422(api, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    response = patch(
        api,
        registered.uuid,
        {"given_names": "", "family_name": "", "given_names_latin": "", "family_name_latin": ""},
    )
    assert response.status_code == 422
    assert "given_names" in response.json()["errors"]


@pytest.mark.parametrize("body", ["{}", "null", "[]", '"x"'])
def test_client_create__without_a_name__422_and_nothing_saved(api, rovaniemi, body):
    response = api.post("/api/v1/clients", body, content_type="application/json")
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert all(messages and all(isinstance(m, str) and m for m in messages) for messages in errors.values())
    assert not Client.objects.exists()


def test_client_create__empty_object__says_which_field_to_fill(api, rovaniemi):
    response = api.post("/api/v1/clients", {}, content_type="application/json")
    assert response.json()["errors"]["given_names"] == [
        "Give at least one name: a given name or a family name."
    ]
