"""The provider's endpoints from its discovery document, and logging out at the provider too
(RP-initiated logout with ``id_token_hint``), against the provider the tests start on loopback."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests

from kotopolku.accounts.oidc_provider import forget_discovery
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.accounts.tests.oidc_helpers import PROVIDER, oidc_env, sign_in
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

AINO = {"email": "aino@rovaniemi.example", "name": "Aino Virtanen", "groups": ["ih-advisors"]}


def test_discovery__endpoints_read_once_from_the_issuer__for_everysign_in(client, oidc, rovaniemi):
    assert PROVIDER["discovered"] == 0  # not at start-up, nor for the login page
    assert client.get("/accounts/login/").status_code == 200
    assert PROVIDER["discovered"] == 0
    assert sign_in(client, oidc, "aino", AINO)["Location"] == "/staff/"
    client.logout()
    assert sign_in(client, oidc, "aino", AINO)["Location"] == "/staff/"
    assert PROVIDER["discovered"] == 1


def test_discovery__endpoints_given_one_by_one__no_discovery(client, oidc, rovaniemi, settings):
    settings.OIDC = oidc_env(
        authorization_endpoint=f"{oidc}/oauth2/authorize",
        token_endpoint=f"{oidc}/oauth2/token",
        userinfo_endpoint=f"{oidc}/userinfo",
        jwks_uri=f"{oidc}/jwks",
    )
    assert sign_in(client, oidc, "aino", AINO)["Location"] == "/staff/"
    assert PROVIDER["discovered"] == 0


def test_discovery__provider_unreachable__clear_error_and_password_login_still_works(
    client, oidc, settings, caplog
):
    settings.OIDC = oidc_env(issuer="http://127.0.0.1:9/realms/kunta")  # nothing listens there
    client.cookies["django_language"] = "en"
    with caplog.at_level(logging.ERROR, logger="kotopolku.accounts"):
        response = client.get("/accounts/oidc/start/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    url = "http://127.0.0.1:9/realms/kunta/.well-known/openid-configuration"
    assert f"OpenID Connect discovery from {url} failed" in caplog.text
    assert "Kuntatunnus cannot be reached right now" in client.get("/accounts/login/").content.decode()
    callback = client.get("/accounts/oidc/callback/?code=abc&state=forged")
    assert callback.status_code == 302  # refused, not a 500
    UserFactory(email="local@example.test")
    login = client.post("/accounts/login/", {"username": "local@example.test", "password": TEST_PASSWORD})
    assert login.status_code == 302
    assert "_auth_user_id" in client.session


def test_discovery__code_arrives_while_the_provider_is_unreachable__refused_and_audited(
    client, oidc, rovaniemi, settings
):
    client.get("/accounts/oidc/start/")
    state = next(iter(client.session["oidc_states"]))
    forget_discovery()
    settings.OIDC = oidc_env(issuer="http://127.0.0.1:9")
    response = client.get(f"/accounts/oidc/callback/?code=abc&state={state}")
    assert response["Location"] == "/accounts/login/"
    event = AuditEvent.objects.get(action="accounts.login", outcome=Outcome.DENIED)
    assert event.details["reason"] == "provider discovery failed"


def test_discovery__document_of_another_issuer__is_refused(client, oidc, caplog):
    PROVIDER["issuer"] = "https://impostor.example"
    with caplog.at_level(logging.ERROR, logger="kotopolku.accounts"):
        assert client.get("/accounts/oidc/start/")["Location"] == "/accounts/login/"
    assert "names the issuer" in caplog.text


def test_logout__signed_in_through_the_provider__ends_the_session_there_too(client, oidc, rovaniemi):
    sign_in(client, oidc, "aino", AINO)
    id_token = client.session["oidc_id_token"]
    response = client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{oidc}/oauth2/end-session"
    query = {key: values[0] for key, values in parse_qs(target.query).items()}
    assert query == {
        "id_token_hint": id_token,
        "client_id": "kotopolku",
        "post_logout_redirect_uri": "http://testserver/accounts/login/",
    }
    # The hint is the provider's own ID token for this person, signed with its key.
    (key,) = jwt.PyJWKSet.from_dict(requests.get(f"{oidc}/jwks", timeout=10).json()).keys
    claims = jwt.decode(id_token, key.key, algorithms=["RS256"], audience="kotopolku")
    assert claims["sub"] == "aino"
    assert requests.get(response["Location"], timeout=10).status_code == 200
    assert PROVIDER["logouts"][-1]["id_token_hint"] == id_token
    assert AuditEvent.objects.filter(action="accounts.logout", outcome=Outcome.DONE).count() == 1


def test_logout__provider_without_an_end_session_endpoint__logs_out_here_only(client, oidc, rovaniemi):
    PROVIDER["offers_logout"] = False
    sign_in(client, oidc, "aino", AINO)
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_logout__password_login__stays_here(client, oidc):
    UserFactory(email="local@example.test")
    client.post("/accounts/login/", {"username": "local@example.test", "password": TEST_PASSWORD})
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert PROVIDER["discovered"] == 0


def test_settings__issuer_alone_is_enough__without_it_every_endpoint_is_needed(monkeypatch):
    from kotopolku.env import ConfigurationError, _oidc

    monkeypatch.setenv("OIDC_CLIENT_ID", "kotopolku")
    monkeypatch.setenv("OIDC_ISSUER", "https://login.microsoftonline.com/tenant/v2.0/")
    config = _oidc()
    assert config is not None
    assert (config.issuer, config.token_endpoint, config.end_session_endpoint) == (
        "https://login.microsoftonline.com/tenant/v2.0",
        "",
        "",
    )
    monkeypatch.delenv("OIDC_ISSUER")
    with pytest.raises(ConfigurationError, match="OIDC_ISSUER"):
        _oidc()
