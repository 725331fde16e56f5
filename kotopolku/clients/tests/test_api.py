from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.services import api_token_create
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.models import Client
from kotopolku.clients.tests.conftest import staff
from kotopolku.clients.tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, advisor):  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=advisor, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def post(api, data):  # type: ignore[no-untyped-def]
    return api.post("/api/v1/clients", data, content_type="application/json")


def test_client_create__valid__201_with_uuid(api, rovaniemi):
    response = post(
        api,
        {
            "given_names": "محمد",
            "given_names_latin": "Mohamed",
            "family_name_latin": "Abdi",
            "citizenships": ["SO"],
            "municipality": "698",
            "personal_identity_code": "010594Y9021",
            "languages": [{"language": "so", "level": "native"}, {"language": "fi", "level": "A2"}],
            "identifiers": [{"kind": "passport", "value": "P1234567", "issuing_country": "SO"}],
            "confirm_new_person": True,
        },
    )
    assert response.status_code == 201, response.content
    created = Client.objects.get(uuid=response.json()["uuid"])
    assert created.identity_code_is_temporary and (created.birth_year, created.birth_month) == (1994, 5)


def test_client_create__identity_code_contradicts_birth_year__422(api, rovaniemi):
    response = post(api, {"given_names": "A", "birth_year": 1991, "personal_identity_code": "010594Y9021"})
    assert response.status_code == 422
    assert "personal_identity_code" in response.json()["errors"]
    assert not Client.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"personal_identity_code": "131052-308X"}, "personal_identity_code"),
        ({"phone": "+3581"}, "phone"),
        ({"arrival_date": "2999-01-01"}, "arrival_date"),
        ({"given_names": "A\u202eB"}, "given_names"),
        ({"family_name": "\x07bell"}, "family_name"),
        ({"family_name": "x" * 10_000}, "family_name"),
        ({"birth_year": "abc"}, "birth_year"),
        ({"birth_year": {"a": 1}}, "birth_year"),
        ({"given_names": ["list"]}, "given_names"),
        ({"municipality": "999"}, "municipality"),
        ({"citizenships": ["XX"]}, "citizenships"),
        ({"languages": [{"language": "zz-zz"}]}, "languages.0.language"),
        ({"languages": [{"language": "ar"}, {"language": "ar"}]}, "languages"),
        ({"languages": [{"level": "A1"}]}, "languages.0.language"),
        ({"identifiers": [{"value": "P123"}]}, "identifiers.0.kind"),
    ],
)
def test_client_create__bad_input__422_per_field_and_nothing_saved(api, rovaniemi, data, field):
    response = post(api, {"given_names_latin": "Anna", **data})
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"], response.json()
    assert not Client.objects.exists()


def test_client_create__messages_in_the_users_language(client, rovaniemi):
    user = staff(Role.ADVISOR, rovaniemi, language="fi")
    _, raw = api_token_create(user=user, name="t")
    response = client.post(
        "/api/v1/clients",
        {"phone": "+3581"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 422
    assert "puhelinnumero" in response.json()["errors"]["phone"][0].lower()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"given_names": ["Anna"]}, "given_names", "Anna tämä tekstinä."),
        ({"birth_year": {"a": 1}}, "birth_year", "Anna kokonaisluku."),
        ({"arrival_date": 20240101.5}, "arrival_date", "Anna päivämäärä muodossa VVVV-KK-PP."),
        ({"citizenships": "FI"}, "citizenships", "Anna luettelo koodeja."),
        ({"responsible_worker": "not-a-uuid"}, "responsible_worker", "Anna UUID-tunniste."),
    ],
)
def test_client_create__wrong_json_types__422_in_the_users_language(client, rovaniemi, data, field, message):
    user = staff(Role.ADVISOR, rovaniemi)
    _, raw = api_token_create(user=user, name="t")
    response = client.post(
        "/api/v1/clients",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 422
    assert response.json()["errors"][field] == [message]
    assert not Client.objects.exists()


def test_client_create__not_json__is_4xx(api):
    response = api.post("/api/v1/clients", "not json", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_client_create__duplicate__409_until_confirmed(api, rovaniemi):
    pytest.importorskip("kotopolku.clients.matching.selectors")
    ClientFactory(
        service_point=rovaniemi, given_names_latin="Muhammad", family_name_latin="Rahimi", birth_year=1990
    )
    data = {"given_names_latin": "Mohammed", "family_name_latin": "Rahimi", "birth_year": 1990}
    response = post(api, data)
    assert response.status_code == 409
    assert response.json()["duplicates"][0]["score"] > 0
    assert Client.objects.count() == 1
    assert post(api, {**data, "confirm_new_person": True}).status_code == 201


def test_client_read__audited_and_scoped(api, rovaniemi, kemi, advisor):
    own = ClientFactory(service_point=rovaniemi)
    other = ClientFactory(service_point=kemi)
    response = api.get(f"/api/v1/clients/{own.uuid}")
    assert response.status_code == 200 and response.json()["family_name"] == "Ivanova"
    assert AuditEvent.objects.filter(action="clients.view", target_id=str(own.uuid), outcome="done").exists()
    assert api.get(f"/api/v1/clients/{other.uuid}").status_code == 403
    assert AuditEvent.objects.filter(
        action="clients.view", target_id=str(other.uuid), outcome="denied"
    ).exists()
    assert api.get("/api/v1/clients/00000000-0000-0000-0000-000000000000").status_code == 404


def test_client_patch__changes_only_what_is_sent(api, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi, phone="+358401234567", email="a@example.test")
    response = api.patch(
        f"/api/v1/clients/{registered.uuid}", {"email": "b@example.test"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["changed"] == ["email"]
    registered.refresh_from_db()
    assert (registered.email, registered.phone) == ("b@example.test", "+358401234567")
    bad = api.patch(f"/api/v1/clients/{registered.uuid}", {"phone": "12"}, content_type="application/json")
    assert bad.status_code == 422 and "phone" in bad.json()["errors"]


def test_client_search__ranked_with_scores_and_scoped(api, rovaniemi, kemi, django_assert_max_num_queries):
    ClientFactory(service_point=rovaniemi, given_names_latin="Oleksandr", family_name_latin="Kovalenko")
    ClientFactory(service_point=kemi, given_names_latin="Oleksandr", family_name_latin="Kovalenko")
    ClientFactory.create_batch(5, service_point=rovaniemi)
    with django_assert_max_num_queries(15):
        response = api.get("/api/v1/clients", {"search": "Aleksandr Kovalenko"})
    results = response.json()
    assert response.status_code == 200
    assert len(results) >= 1
    assert results[0]["client"]["name"] == "Oleksandr Kovalenko"
    assert results[0]["client"]["service_point"] == str(rovaniemi.uuid)
    assert all(hit["client"]["service_point"] == str(rovaniemi.uuid) for hit in results)
    with django_assert_max_num_queries(8):
        listed = api.get("/api/v1/clients", {"limit": 3})
    assert len(listed.json()) == 3


def test_client_api__no_token__401(client):
    assert client.get("/api/v1/clients").status_code == 401


def test_openapi__documents_the_client_endpoints_and_the_duplicate_rule(client, advisor):
    client.force_login(advisor)
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/clients"])
    assert {"get", "patch"} <= set(paths["/api/v1/clients/{uuid}"])
    create = paths["/api/v1/clients"]["post"]
    assert "409" in create["responses"] and "confirm_new_person" in create["description"]


def test_client_search__partner_staff__403(client, rovaniemi):
    from kotopolku.accounts.models import Membership
    from kotopolku.accounts.tests.factories import UserFactory
    from kotopolku.organisations.tests.factories import OrganisationFactory

    partner = UserFactory()
    Membership.objects.create(user=partner, role=Role.PARTNER_STAFF, organisation=OrganisationFactory())
    client.force_login(partner)
    assert client.get("/api/v1/clients", {"search": "Anna"}).status_code == 403
