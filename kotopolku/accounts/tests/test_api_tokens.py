from __future__ import annotations

import pytest
from django.core.management import call_command

from kotopolku.accounts.models import ApiToken
from kotopolku.accounts.services import api_token_create, api_token_revoke
from kotopolku.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_token__is_stored_hashed_and_authenticates(client):
    user = UserFactory()
    token, raw = api_token_create(user=user, name="desk tablet")
    assert raw not in {token.token_hash, token.prefix}
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["email"] == user.email


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer ",
        "Bearer kp_not-a-real-token",
        "Basic dXNlcjpwYXNz",
        "Bearer " + "x" * 5000,
        "Bearer kp_\x00\x01",
    ],
)
def test_api__bad_or_missing_token__is_401_json(client, header):
    kwargs = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get("/api/v1/me", **kwargs)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_token__revoked__no_longer_works(client):
    token, raw = api_token_create(user=UserFactory(), name="kiosk")
    api_token_revoke(token=token)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_token__of_deactivated_user__no_longer_works(client):
    user = UserFactory()
    _token, raw = api_token_create(user=user, name="kiosk")
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_apitoken_command__prints_a_working_token(client, capsys):
    user = UserFactory(email="integration@example.test")
    call_command("apitoken", "integration@example.test")
    raw = capsys.readouterr().out.strip()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["email"] == user.email
    call_command("apitoken", "--revoke", raw[:10])
    assert ApiToken.objects.get(user=user).revoked_at is not None


def test_openapi_document__is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Kotopolku API"


def test_api__session_auth__needs_csrf_for_unsafe_methods(db):
    from django.test import Client

    user = UserFactory()
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    assert csrf_client.get("/api/v1/me").status_code == 200
