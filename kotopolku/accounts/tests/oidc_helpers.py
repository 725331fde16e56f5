"""The OpenID Connect provider the tests start on loopback (oidc-provider-mock, an authlib/Flask
server), its configuration here, and the browser's round trip through it."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from kotopolku.accounts.enums import Role
from kotopolku.env import OidcEnv

# What the provider saw: its discovery document fetched, and logouts asked of it. Whether it
# offers RP-initiated logout at all is switched per test (oidc-provider-mock 0.2.0 has no
# end-session endpoint of its own; the test adds one to the same Flask app).
PROVIDER: dict[str, Any] = {"discovered": 0, "offers_logout": True, "logouts": [], "issuer": ""}


def oidc_env(**given: str) -> OidcEnv:
    endpoints = {
        "authorization_endpoint": "",
        "token_endpoint": "",
        "userinfo_endpoint": "",
        "jwks_uri": "",
        "issuer": "",
    }
    return OidcEnv(
        provider_name="Kuntatunnus",
        client_id="kotopolku",
        client_secret="secret",
        sign_algorithm="RS256",
        scopes="openid email profile",
        groups_claim="groups",
        group_roles=(
            ("ih-advisors", Role.ADVISOR.value, "ih-rovaniemi"),
            ("ih-coordinators", Role.COORDINATOR.value, "ih-rovaniemi"),
            ("ih-coordinators", Role.ADVISOR.value, "ih-rovaniemi"),
        ),
        **{**endpoints, **given},
    )


def sign_in(client, provider, sub, claims, *, action="allow", next_url="/staff/"):
    """The browser's round trip: our start page, the provider's form, back to our callback."""
    requests.put(f"{provider}/users/{sub}", json=claims, timeout=10).raise_for_status()
    start = client.get("/accounts/oidc/start/", {"next": next_url})
    assert start.status_code == 302
    authorize_url = start["Location"]
    assert authorize_url.startswith(f"{provider}/oauth2/authorize?")
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["code_challenge_method"] == ["S256"]
    form = {"sub": sub} if action == "allow" else {"action": "deny"}
    answer = requests.post(authorize_url, data=form, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/accounts/oidc/callback/"
    return client.get(f"{back.path}?{back.query}")
