"""Typed settings read from the environment, with safe production defaults.

``KOTOPOLKU_ENV=development`` (set by ``make run``) turns on the conveniences a developer's
machine wants; anything else is treated as production.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


class ConfigurationError(RuntimeError):
    pass


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be an integer, not {raw!r}") from exc


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _networks(name: str) -> list[str]:
    """Addresses or networks (``10.0.0.5``, ``10.0.0.0/24``, ``::1``), normalised."""
    networks = []
    for item in _list(name, []):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError as exc:
            raise ConfigurationError(f"{name} must list IP addresses or networks, not {item!r}") from exc
    return networks


@dataclass(frozen=True)
class OidcEnv:
    """Staff sign-in through the municipality's OpenID Connect provider (Entra ID, Keycloak...)."""

    provider_name: str
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    sign_algorithm: str
    scopes: str
    groups_claim: str
    # (group, role, service point's short name): a member of the group holds the role there.
    group_roles: tuple[tuple[str, str, str], ...]
    # The provider's address: endpoints not given one by one (empty above) come from its
    # discovery document, ``<issuer>/.well-known/openid-configuration``.
    issuer: str = ""
    # Where the browser is sent to log out at the provider too (RP-initiated logout); empty:
    # from the discovery document, when the provider offers one.
    end_session_endpoint: str = ""


def _group_roles(name: str) -> tuple[tuple[str, str, str], ...]:
    """``group=role@service-point, ...``; a group may be named more than once."""
    mapping = []
    for item in _list(name, []):
        group, _, grant = item.rpartition("=")
        role, _, point = grant.partition("@")
        if not group.strip() or not role.strip() or not point.strip():
            raise ConfigurationError(f"{name} items must read group=role@service-point, not {item!r}")
        mapping.append((group.strip(), role.strip(), point.strip()))
    return tuple(mapping)


def _oidc() -> OidcEnv | None:
    client_id = os.environ.get("OIDC_CLIENT_ID", "").strip()
    if not client_id:
        return None
    issuer = os.environ.get("OIDC_ISSUER", "").strip().rstrip("/")

    def endpoint(name: str) -> str:
        """Given one by one, or empty: then read from the issuer's discovery document."""
        value = os.environ.get(name, "").strip()
        if not value and not issuer:
            raise ConfigurationError(f"OIDC_CLIENT_ID is set: set OIDC_ISSUER, or {name} too")
        return value

    return OidcEnv(
        provider_name=os.environ.get("OIDC_PROVIDER_NAME", "").strip() or "OpenID Connect",
        client_id=client_id,
        client_secret=os.environ.get("OIDC_CLIENT_SECRET", ""),
        authorization_endpoint=endpoint("OIDC_AUTHORIZATION_ENDPOINT"),
        token_endpoint=endpoint("OIDC_TOKEN_ENDPOINT"),
        userinfo_endpoint=endpoint("OIDC_USERINFO_ENDPOINT"),
        jwks_uri=endpoint("OIDC_JWKS_URI"),
        sign_algorithm=os.environ.get("OIDC_SIGN_ALGORITHM", "").strip() or "RS256",
        scopes=os.environ.get("OIDC_SCOPES", "").strip() or "openid email profile",
        groups_claim=os.environ.get("OIDC_GROUPS_CLAIM", "").strip() or "groups",
        group_roles=_group_roles("OIDC_GROUP_ROLES"),
        issuer=issuer,
        end_session_endpoint=os.environ.get("OIDC_END_SESSION_ENDPOINT", "").strip(),
    )


@dataclass(frozen=True)
class Env:
    development: bool
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    behind_tls: bool
    hsts_seconds: int
    email_host: str
    email_port: int
    email_user: str
    email_password: str
    email_use_tls: bool
    default_from_email: str
    login_failure_limit: int
    login_cooloff_minutes: int
    log_level: str
    trusted_proxies: list[str]
    audit_key: str
    audit_checkpoint_dir: str
    audit_checkpoint_email: str
    audit_checkpoint_interval_minutes: int
    oidc: OidcEnv | None
    sweep_processes: int = 0  # 0: one per core the process may use


def read_env() -> Env:
    development = os.environ.get("KOTOPOLKU_ENV", "production").strip().lower() == "development"
    secret_key = os.environ.get("SECRET_KEY", "")
    if not secret_key:
        if not development:
            raise ConfigurationError(
                "SECRET_KEY is not set. Set it in the environment to a long random value "
                "(for example SECRET_KEY=$(openssl rand -base64 48)), "
                "or on a developer's machine run with KOTOPOLKU_ENV=development."
            )
        secret_key = "development-only-key-not-for-production-" + "x" * 20
    audit_key = os.environ.get("AUDIT_KEY", "")
    if not audit_key:
        if not development:
            raise ConfigurationError(
                "AUDIT_KEY is not set. Set it in the environment to a long random secret that signs the "
                "audit log, kept outside the database and its backups (for example "
                "AUDIT_KEY=$(openssl rand -base64 48)), or on a developer's machine run with "
                "KOTOPOLKU_ENV=development."
            )
        audit_key = "development-only-audit-key-not-for-production"
    default_db = "sqlite:///" + str(BASE_DIR / "var" / "kotopolku.sqlite3")
    return Env(
        development=development,
        debug=_bool("DEBUG", default=development),
        secret_key=secret_key,
        allowed_hosts=_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if development else []),
        csrf_trusted_origins=_list("CSRF_TRUSTED_ORIGINS", []),
        database_url=os.environ.get("DATABASE_URL", "") or default_db,
        behind_tls=_bool("BEHIND_TLS", default=not development),
        hsts_seconds=_int("HSTS_SECONDS", 31536000),
        email_host=os.environ.get("EMAIL_HOST", "127.0.0.1"),
        email_port=_int("EMAIL_PORT", 25),
        email_user=os.environ.get("EMAIL_HOST_USER", ""),
        email_password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
        email_use_tls=_bool("EMAIL_USE_TLS", default=False),
        default_from_email=os.environ.get("DEFAULT_FROM_EMAIL", "kotopolku@localhost"),
        login_failure_limit=_int("LOGIN_FAILURE_LIMIT", 5),
        login_cooloff_minutes=_int("LOGIN_COOLOFF_MINUTES", 15),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        trusted_proxies=_networks("TRUSTED_PROXIES"),
        audit_key=audit_key,
        audit_checkpoint_dir=os.environ.get("AUDIT_CHECKPOINT_DIR", "")
        or str(BASE_DIR / "var" / "audit-checkpoints"),
        audit_checkpoint_email=os.environ.get("AUDIT_CHECKPOINT_EMAIL", ""),
        audit_checkpoint_interval_minutes=_int("AUDIT_CHECKPOINT_INTERVAL_MINUTES", 60),
        oidc=_oidc(),
        sweep_processes=_int("SWEEP_PROCESSES", 0),
    )
