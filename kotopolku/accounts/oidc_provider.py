"""Where the identity provider's endpoints are: given one by one in the settings, or read from
its discovery document (``OIDC_ISSUER/.well-known/openid-configuration``, OpenID Connect
Discovery 1.0), which any conforming provider publishes (Entra ID, Keycloak, ...).

The document is fetched at the first sign-in through the provider, not at start-up (a provider
that is down must not stop password logins), and kept for the life of the process. A failed
fetch is not kept: the next sign-in tries again, and the error names the address and the cause.
"""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.urls import reverse

from kotopolku.env import OidcEnv

logger = logging.getLogger(__name__)

# The endpoints sign-in needs, as the discovery document names them.
REQUIRED = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
OPTIONAL = ("end_session_endpoint",)

_documents: dict[str, dict[str, Any]] = {}
_lock = threading.Lock()


class DiscoveryError(Exception):
    """The provider's discovery document could not be read, or does not describe it."""


def settings_config() -> OidcEnv:
    oidc = getattr(settings, "OIDC", None)
    if oidc is None:
        raise ImproperlyConfigured("OpenID Connect is not configured (OIDC_CLIENT_ID)")
    return oidc


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def _fetch(issuer: str) -> dict[str, Any]:
    url = discovery_url(issuer)
    try:
        response = requests.get(url, timeout=getattr(settings, "OIDC_TIMEOUT", 10))
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise DiscoveryError(f"OpenID Connect discovery from {url} failed: {exc}") from exc
    if not isinstance(document, dict):
        raise DiscoveryError(f"OpenID Connect discovery from {url} failed: the answer is not a JSON object")
    # The document must be the issuer's own (OpenID Connect Discovery 1.0, section 4.3).
    named = str(document.get("issuer") or "").rstrip("/")
    if named != issuer.rstrip("/"):
        raise DiscoveryError(
            f"OpenID Connect discovery from {url} failed: it names the issuer {named!r}, "
            f"not OIDC_ISSUER {issuer!r}"
        )
    return document


def discovery(issuer: str) -> dict[str, Any]:
    """The issuer's discovery document, fetched once per process."""
    with _lock:
        document = _documents.get(issuer)
        if document is None:
            document = _documents[issuer] = _fetch(issuer)
            logger.info("OpenID Connect endpoints read from %s", discovery_url(issuer))
        return document


def forget_discovery() -> None:
    """Read the document again at the next sign-in (after the provider changed its endpoints)."""
    with _lock:
        _documents.clear()


def endpoints() -> dict[str, str]:
    """The provider's endpoints: each one given in the settings wins over the discovery document,
    which is read only when one of the required ones is not given."""
    config = settings_config()
    given = {
        "authorization_endpoint": config.authorization_endpoint,
        "token_endpoint": config.token_endpoint,
        "userinfo_endpoint": config.userinfo_endpoint,
        "jwks_uri": config.jwks_uri,
        "end_session_endpoint": config.end_session_endpoint,
    }
    if all(given[name] for name in REQUIRED):
        return given
    if not config.issuer:
        raise DiscoveryError("OpenID Connect needs OIDC_ISSUER, or every endpoint given one by one")
    document = discovery(config.issuer)
    found = {name: given[name] or str(document.get(name) or "") for name in (*REQUIRED, *OPTIONAL)}
    missing = [name for name in REQUIRED if not found[name]]
    if missing:
        raise DiscoveryError(
            f"OpenID Connect discovery from {discovery_url(config.issuer)} names no {', '.join(missing)}"
        )
    return found


def logout_url(request: HttpRequest, id_token: str) -> str:
    """Where to send the browser to end the session at the provider as well (RP-initiated logout
    1.0), or "" when the provider offers no such endpoint or cannot be reached (the session
    here is ended either way)."""
    try:
        end_session = endpoints()["end_session_endpoint"]
    except DiscoveryError as exc:
        logger.warning("Logged out here only: %s", exc)
        return ""
    if not end_session:
        return ""
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings_config().client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("accounts:login")),
        }
    )
    return f"{end_session}{'&' if '?' in end_session else '?'}{query}"
