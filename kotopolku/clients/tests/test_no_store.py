"""Client data is kept in no cache: every client page and API answer says ``Cache-Control: no-store``."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.services import api_token_create
from kotopolku.clients.models import ClientTeamMember, Consent
from kotopolku.clients.tests.conftest import staff
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.pages import api_operations, page_urls

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:  # type: ignore[no-untyped-def]
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def client_pages(rovaniemi, coordinator):  # type: ignore[no-untyped-def]
    nadia = ClientFactory(service_point=rovaniemi)
    other = ClientFactory(service_point=rovaniemi)
    consent = Consent.objects.create(client=nadia, purpose="referral", given_at=timezone.now())
    member = ClientTeamMember.objects.create(
        client=nadia, user=staff(Role.ADVISOR, rovaniemi), added_at=timezone.now()
    )
    return page_urls(
        "clients",
        {
            "uuid": nadia.uuid,
            "consent_uuid": consent.uuid,
            "member_uuid": member.uuid,
            "keep": nadia.uuid,
            "remove": other.uuid,
        },
    ), nadia


def test_every_client_page__get_and_post__no_store(client, coordinator, client_pages):
    urls, _nadia = client_pages
    client.force_login(coordinator)
    for name, url in urls.items():
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code < 500, (name, method)
            assert no_store(response), (name, url, response.status_code, response.get("Cache-Control"))


def test_every_client_api_operation__no_store(client, coordinator, client_pages):
    _urls, nadia = client_pages
    _token, raw = api_token_create(user=coordinator, name="test")
    operations = api_operations("/clients")
    assert {method for method, _path in operations} >= {"GET", "POST", "PATCH"}
    for method, path in operations:
        url = "/api/v1" + path.replace("{uuid}", str(nadia.uuid))
        response = client.generic(
            method, url, "{}", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
        )
        assert response.status_code < 500, (method, path)
        assert no_store(response), (method, path, response.status_code)


def test_api_refusal_without_credentials__no_store(client):
    response = client.get("/api/v1/clients")
    assert response.status_code == 401
    assert no_store(response)
