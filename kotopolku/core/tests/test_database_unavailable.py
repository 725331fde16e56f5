"""The database goes away: requests answer 503 (JSON for the API, a page for people), nothing is
half-written, and the service recovers by itself when the database is back.

The database is made unreachable for real, without touching the shared server: the connection is
pointed at a closed port, and the test's own connection is cut with ``pg_terminate_backend``.
"""

from __future__ import annotations

import contextlib
import json
import socket

import psycopg
import pytest
from django.db import close_old_connections, connection

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.services import api_token_create
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.clients.models import Client
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="SQLite's test database lives in memory: making it unreachable would lose it",
    ),
]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the probe goes


@contextlib.contextmanager
def database_unreachable():
    """Every new connection fails until the block ends; the open one is dropped first."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def advisor():
    point = ServicePointFactory()
    user = UserFactory(email="aino@example.test")
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    _token, raw = api_token_create(user=user, name="desk tablet")
    return user, point, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api__database_unreachable__503_json_then_recovers(client, advisor):
    _user, point, auth = advisor
    body = json.dumps({"given_names": "Olena", "family_name": "Koval", "service_point": str(point.uuid)})
    with database_unreachable():
        response = client.post("/api/v1/clients", data=body, content_type="application/json", **auth)
        listing = client.get("/api/v1/clients", **auth)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"] == "5"
    assert "Nothing was saved" in response.json()["detail"] or response.json()["detail"]
    assert listing.status_code == 503
    assert not Client.objects.exists()  # nothing half-written
    assert client.get("/api/v1/clients", **auth).status_code == 200  # back by itself


def test_page__database_unreachable__503_page_in_the_users_language_then_recovers(client, advisor):
    user, _point, _auth = advisor
    client.force_login(user)
    client.cookies["django_language"] = "en"
    with database_unreachable():
        response = client.get("/clients/")
    assert response.status_code == 503
    assert "text/html" in response["Content-Type"]
    assert "Service unavailable for a moment" in response.content.decode()
    assert client.get("/clients/").status_code == 200


def test_connection_cut_between_requests__the_next_request_reconnects(client, advisor):
    _user, _point, auth = advisor
    assert client.get("/api/v1/clients", **auth).status_code == 200
    own_pid = connection.cursor().connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [own_pid])
    # A request on the dead connection fails cleanly...
    assert client.get("/api/v1/clients", **auth).status_code == 503
    # ...and the next one connects anew. The server's handler closes a broken connection at the
    # start of each request (the test client leaves that signal out, so the test calls it).
    close_old_connections()
    assert client.get("/api/v1/clients", **auth).status_code == 200
    assert connection.cursor().connection.info.backend_pid != own_pid
