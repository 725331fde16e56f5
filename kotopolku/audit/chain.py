"""The hash chain that makes the audit log tamper-evident.

Each event's hash covers its content and the hash of the event before it. Since the chain was
keyed, the hash is an HMAC with ``AUDIT_KEY``, which lives in the environment and never in the
database: whoever can write to the table but does not hold the key cannot recompute the chain
after changing an event. Events written before the chain was keyed keep their plain SHA-256
hash (scheme ``sha256``); they may only come before the first keyed event.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64
LEGACY_SCHEME = "sha256"
KEYED_SCHEME = "hmac-sha256"


def audit_key() -> bytes:
    from django.conf import settings

    return str(settings.AUDIT_KEY).encode()


def event_digest(*, prev_hash: str, fields: dict[str, Any], scheme: str = KEYED_SCHEME) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    message = f"{prev_hash}\n{payload}".encode()
    if scheme == LEGACY_SCHEME:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(audit_key(), message, hashlib.sha256).hexdigest()


def hashed_fields(
    *,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str,
    organisation_label: str,
    service_point_id: int | None,
    action: str,
    target_type: str,
    target_id: str,
    purpose: str,
    ip: str | None,
    request_id: str,
    outcome: str,
    details: dict[str, Any],
) -> dict[str, Any]:
    return {
        "occurred_at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "organisation_label": organisation_label,
        "service_point_id": service_point_id,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "purpose": purpose,
        "ip": ip,
        "request_id": request_id,
        "outcome": outcome,
        "details": details,
    }


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    reason: str


def fields_of(event: Any) -> dict[str, Any]:
    return hashed_fields(
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        organisation_label=event.organisation_label,
        service_point_id=event.service_point_id,
        action=event.action,
        target_type=event.target_type,
        target_id=event.target_id,
        purpose=event.purpose,
        ip=event.ip,
        request_id=event.request_id,
        outcome=event.outcome,
        details=event.details,
    )


def broken_links(events: Iterable[Any]) -> Iterator[BrokenLink]:
    """Walk the events in id order and yield every link or content that does not hold.

    After a break the walk goes on from the event as stored, so each later break is reported
    on its own and one bad event does not hide another."""
    expected_prev = GENESIS_HASH
    keyed_seen = False
    for event in events:
        if event.prev_hash != expected_prev:
            yield BrokenLink(event.id, "previous-hash link does not match the event before it")
        if event.scheme == KEYED_SCHEME:
            keyed_seen = True
        elif event.scheme != LEGACY_SCHEME or keyed_seen:
            yield BrokenLink(event.id, "unkeyed hash after the chain was keyed (the row was rewritten)")
        digest = event_digest(prev_hash=event.prev_hash, fields=fields_of(event), scheme=event.scheme)
        if not hmac.compare_digest(digest, event.hash):
            yield BrokenLink(event.id, "content does not match its hash (the row was changed)")
        expected_prev = event.hash


def first_broken_link(events: Iterable[Any]) -> BrokenLink | None:
    return next(broken_links(events), None)
