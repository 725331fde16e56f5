"""Logins, logouts and failed logins go to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from kotopolku.audit.enums import Outcome
from kotopolku.audit.services import audit_record


@receiver(user_logged_in)
def _audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    method = getattr(request, "login_method", "password")
    audit_record(actor=user, action="accounts.login", target=user, details={"method": method})


@receiver(user_logged_out)
def _audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, action="accounts.logout", target=user)


def _printable(value: object, limit: int) -> str:
    """What was typed, without control characters (the database keeps no NUL), cut to ``limit``."""
    return "".join(ch for ch in str(value) if ch.isprintable())[:limit]


def audit_failed_login(*, username: object, reason: str) -> None:
    """A refused login, naming the username tried (in ``details``: it may be longer than an id)."""
    tried = _printable(username or "", 254)
    audit_record(
        actor=None,
        action="accounts.login",
        target_type="accounts.user",
        target_id=tried[:64],
        outcome=Outcome.DENIED,
        details={"username": tried, "reason": reason},
    )


@receiver(user_login_failed)
def _audit_failed_login(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    if "nonce" in credentials:
        return  # an OpenID Connect callback: its view audits the refusal with the reason
    audit_failed_login(
        username=credentials.get("username") or credentials.get("email") or "", reason="wrong credentials"
    )
