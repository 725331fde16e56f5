from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError

ROOT = Path(__file__).resolve().parents[3]


def test_healthz__database_up__reports_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz__database_down__answers_503(client, db):
    with mock.patch("kotopolku.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_pages__carry_security_headers_and_request_id(client, db):
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="desk-request-0001")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"] == "desk-request-0001"


def test_request_id__hostile_header__is_replaced(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert response["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(response["X-Request-ID"]) == 32


def test_home__anonymous__redirects_to_login(client, db):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_front_page__is_the_public_list_of_service_points(client, db):
    assert client.get("/").status_code == 200


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"KOTOPOLKU_ENV", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "-m", "kotopolku", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy__production_environment__passes(tmp_path):
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "SECRET_KEY": "a-long-random-production-secret-" + "q8Z2" * 12,
            "AUDIT_KEY": "a-long-random-audit-key-" + "k7W3" * 12,
            "ALLOWED_HOSTS": "kotopolku.example.fi",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production__without_secret_key__refuses_to_start():
    result = _run(["check"], {"SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("language, text", [("fi", "Kirjaudu"), ("sv", "Logga in"), ("en", "Log in")])
def test_login_page__is_translated(client, db, language, text):
    client.cookies["django_language"] = language
    response = client.get("/accounts/login/")
    assert f'lang="{language}"' in response.content.decode()
    assert text in response.content.decode()
