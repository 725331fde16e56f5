"""The address stored with an event: only a trusted proxy's forwarded-for header is believed,
and it is validated and normalised before it is stored and hashed."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.context import client_ip, normalised_ip
from kotopolku.audit.models import AuditEvent
from kotopolku.audit.verify import audit_chain_verify

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "::1/128"]


def _ip(remote: str, **headers: str) -> str | None:
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("0:0:0:0:0:0:0:1", "::1"),
        ("2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        (" 198.51.100.7 ", "198.51.100.7"),
        ("not-an-ip", None),
        ("fe80::1%eth0", None),
        ("198.51.100.7\x00", None),
        ("", None),
    ],
)
def test_normalised_ip(raw, stored):
    assert normalised_ip(raw) == stored


def test_forwarded_headers__from_an_untrusted_peer__are_ignored():
    assert _ip("198.51.100.7", HTTP_X_REAL_IP="203.0.113.9") == "198.51.100.7"
    assert _ip("198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9") == "198.51.100.7"


def test_forwarded_headers__from_a_trusted_proxy__name_the_client(behind_proxy):
    assert _ip(PROXY, HTTP_X_REAL_IP="0:0:0:0:0:0:0:1") == "::1"
    assert _ip(PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.7") == "203.0.113.9"
    assert _ip(PROXY, HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.9") == "203.0.113.9"
    assert _ip(PROXY, HTTP_X_REAL_IP="not-an-ip") == PROXY
    assert _ip(PROXY, HTTP_X_FORWARDED_FOR="not-an-ip") == PROXY
    assert _ip("198.51.100.7", HTTP_X_REAL_IP="203.0.113.9") == "198.51.100.7"


@pytest.mark.django_db
@pytest.mark.parametrize("trusted", [False, True])
@pytest.mark.parametrize("header", ["0:0:0:0:0:0:0:1", "not-an-ip", "::ffff:203.0.113.9", "x" * 300])
def test_failed_login_and_audited_requests__with_any_real_ip_header__no_500_and_the_chain_holds(
    client, settings, trusted, header
):
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"] if trusted else []
    response = client.post(
        "/accounts/login/",
        {"username": "nobody@example.test", "password": "wrong"},
        HTTP_X_REAL_IP=header,
    )
    assert response.status_code < 500
    user = UserFactory()
    client.force_login(user)
    assert client.get("/audit/", HTTP_X_REAL_IP=header).status_code == 403
    assert client.post("/accounts/logout/", HTTP_X_REAL_IP=header).status_code < 500
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) == 4  # failed login, login, denied view, logout
    expected = normalised_ip(header) if trusted and normalised_ip(header) else "127.0.0.1"
    # force_login is no request, so its event has no address; the three requests have one.
    assert [event.ip for event in events] == [expected, None, expected, expected]
    report = audit_chain_verify()
    assert report.intact, report.broken
