from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from kotopolku.accounts.models import ApiToken, Membership, User
from kotopolku.audit.services import audit_record

TOKEN_PREFIX = "kp_"


def token_hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str, by: User | None = None) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is shown once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=raw[:10], token_hash=token_hash(raw))
    audit_record(
        actor=by or user, action="accounts.api_token_created", target=token, details={"user": str(user.uuid)}
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User | None = None) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=by or token.user, action="accounts.api_token_revoked", target=token)
    return token


def api_token_authenticate(raw_token: str) -> User | None:
    if not raw_token.startswith(TOKEN_PREFIX) or len(raw_token) > 200:
        return None
    token = ApiToken.objects.usable().select_related("user").filter(token_hash=token_hash(raw_token)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def membership_grant(*, user: User, role: str, by: User | None = None, **scope: Any) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, role=role, **scope)
    if created:
        audit_record(
            actor=by,
            action="accounts.membership_granted",
            target=user,
            details={"role": role, "scope": str(membership.scope)},
            # A role at a service point shows in that point's audit log.
            service_point_id=membership.service_point_id,
        )
    return membership
