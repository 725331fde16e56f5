"""Writing the audit log. Every read, change, export and denied attempt on personal data lands here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from kotopolku.audit.chain import GENESIS_HASH, KEYED_SCHEME, event_digest, hashed_fields
from kotopolku.audit.context import current_context, normalised_ip
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.core.scoping import service_point_id_of

# Any constant works; it names the one advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_402_113_589


def _lock_chain_and_read_last_hash() -> str:
    """Serialise appends, then read the hash of the last event. On PostgreSQL both statements go
    in one round trip; each takes its own snapshot, so the read sees every append committed
    before the lock was granted."""
    if connection.vendor != "postgresql":
        return _last_hash()
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_advisory_xact_lock(%s); SELECT hash FROM {table} ORDER BY id DESC LIMIT 1",  # noqa: S608
            [_CHAIN_LOCK_KEY],
        )
        cursor.nextset()
        row = cursor.fetchone()
    return row[0] if row else GENESIS_HASH


def lock_chain() -> None:
    """Hold the chain's append lock until the transaction ends (nothing is appended meanwhile).
    On SQLite every write transaction is already exclusive."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def _last_hash() -> str:
    return AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS_HASH


def _target_of(target: Model | None, target_type: str, target_id: str) -> tuple[str, str]:
    if target is None:
        return target_type, target_id
    label = target_type or target._meta.label_lower
    ident = getattr(target, "uuid", None) or target.pk
    return label, str(ident)


def _text(value: str, limit: int) -> str:
    """Text as the database keeps it (PostgreSQL holds no NUL), so the hash covers what is stored."""
    return value.replace("\x00", "")[:limit]


# The audit log sits below the accounts app: accounts tells it, when it starts, how to name the
# organisation an actor acts for (``register_organisation_label``).
_organisation_label_of: Callable[[Any], str] | None = None


def register_organisation_label(label_of: Callable[[Any], str]) -> None:
    global _organisation_label_of
    _organisation_label_of = label_of


def _organisation_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False) or _organisation_label_of is None:
        return ""
    return _organisation_label_of(actor)


def audit_record(
    *,
    actor: Any,
    action: str,
    target: Model | None = None,
    target_type: str = "",
    target_id: str = "",
    purpose: str = "",
    outcome: Outcome = Outcome.DONE,
    details: dict[str, Any] | None = None,
    service_point_id: int | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction where there is one."""
    context = current_context()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    resolved_type, resolved_id = _target_of(target, target_type, target_id)
    occurred_at = timezone.now()
    fields = hashed_fields(
        occurred_at=occurred_at,
        actor_id=actor.pk if authenticated else None,
        actor_label=_text(actor.email if authenticated else "", 254),
        organisation_label=_text(_organisation_label(actor), 200),
        service_point_id=service_point_id if service_point_id is not None else service_point_id_of(target),
        action=_text(action, 64),
        target_type=_text(resolved_type, 64),
        target_id=_text(resolved_id, 64),
        purpose=_text(purpose, 200),
        ip=normalised_ip(context.ip) if context else None,
        request_id=context.request_id if context else "",
        outcome=str(outcome),
        details=details or {},
    )
    # Inside a service's transaction no savepoint is needed: if the append fails, the whole
    # change must roll back with it.
    with transaction.atomic(savepoint=False):
        prev_hash = _lock_chain_and_read_last_hash()
        digest = event_digest(prev_hash=prev_hash, fields=fields)
        stored = {key: value for key, value in fields.items() if key != "occurred_at"}
        event = AuditEvent(
            occurred_at=occurred_at, prev_hash=prev_hash, hash=digest, scheme=KEYED_SCHEME, **stored
        )
        event.save()
    return event
