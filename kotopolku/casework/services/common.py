"""What every case work service shares: the client's timeline row and the audited read."""

from __future__ import annotations

from typing import Any

from kotopolku.audit.services import audit_record
from kotopolku.casework.models import (
    CaseEvent,
    Plan,
)
from kotopolku.clients.models import Client


def timeline_event(*, client: Client, kind: str, by: Any, plan: Plan | None = None, **details: Any) -> None:
    CaseEvent.objects.create(
        client=client,
        service_point_id=client.service_point_id,
        kind=kind,
        actor=by if getattr(by, "is_authenticated", False) else None,
        plan=plan,
        details=details,
    )


def casework_read(*, target: Any, by: Any, what: str) -> None:
    """An audited read of an assessment, plan or note (Information Management Act §17)."""
    audit_record(actor=by, action="casework.read", target=target, purpose=what)
