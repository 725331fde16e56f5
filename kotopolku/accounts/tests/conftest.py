"""Fixtures of the accounts tests: the OpenID Connect provider on loopback, configured here."""

from __future__ import annotations

import warnings

import pytest

from kotopolku.accounts.tests.oidc_helpers import PROVIDER, oidc_env
from kotopolku.organisations.tests.factories import ServicePointFactory

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import oidc_provider_mock


@pytest.fixture(scope="module")
def provider():
    import threading

    import flask
    import werkzeug.serving

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        app = oidc_provider_mock.app()

    @app.get("/oauth2/end-session")
    def end_session():  # type: ignore[no-untyped-def]
        PROVIDER["logouts"].append(dict(flask.request.args))
        return "Logged out", 200

    @app.after_request
    def discovery_document(response):  # type: ignore[no-untyped-def]
        if flask.request.path == "/.well-known/openid-configuration":
            PROVIDER["discovered"] += 1
            document = response.get_json()
            if PROVIDER["offers_logout"]:
                document["end_session_endpoint"] = flask.url_for("end_session", _external=True)
            document["issuer"] = PROVIDER["issuer"] or document["issuer"]
            response.set_data(flask.json.dumps(document))
        return response

    server = werkzeug.serving.make_server("localhost", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture
def oidc(settings, provider):
    """The provider configured as a municipality would: its issuer address only, the endpoints
    read from its discovery document."""
    from kotopolku.accounts.oidc_provider import forget_discovery

    forget_discovery()
    PROVIDER.update(discovered=0, offers_logout=True, logouts=[], issuer="")
    settings.OIDC = oidc_env(issuer=provider)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "kotopolku.accounts.oidc.StaffOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = "kotopolku"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    yield provider
    forget_discovery()


@pytest.fixture
def rovaniemi(db):
    return ServicePointFactory(slug="ih-rovaniemi", name="International House Rovaniemi")
