"""The hash chain that makes the audit log tamper-evident."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


def event_digest(*, prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


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


def first_broken_link(events: Iterable[Any]) -> BrokenLink | None:
    """Walk the events in id order; return the first whose link or content does not hold."""
    expected_prev = GENESIS_HASH
    for event in events:
        if event.prev_hash != expected_prev:
            return BrokenLink(event.id, "previous-hash link does not match the event before it")
        fields = hashed_fields(
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
        if event_digest(prev_hash=event.prev_hash, fields=fields) != event.hash:
            return BrokenLink(event.id, "content does not match its hash (the row was changed)")
        expected_prev = event.hash
    return None
