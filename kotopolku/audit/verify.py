from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from kotopolku.audit.chain import BrokenLink, broken_links
from kotopolku.audit.checkpoints import (
    Checkpoint,
    CheckpointInvalid,
    checkpoint_mismatches,
    checkpoint_read,
    latest_checkpoint,
)
from kotopolku.audit.models import AuditEvent


class StoredEvent(NamedTuple):
    id: int
    occurred_at: datetime
    actor_id: int | None
    actor_label: str
    organisation_label: str
    service_point_id: int | None
    action: str
    target_type: str
    target_id: str
    purpose: str
    ip: str | None
    request_id: str
    outcome: str
    details: dict[str, Any]
    prev_hash: str
    hash: str
    scheme: str


@dataclass
class VerifyReport:
    checked: int = 0
    broken: list[BrokenLink] = field(default_factory=list)
    checkpoint: Checkpoint | None = None
    checkpoint_problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.broken and not self.checkpoint_problems


def audit_chain_walk() -> tuple[int, list[BrokenLink]]:
    """Check every event's link and content; return how many were checked and every broken link."""
    checked = 0

    def events():  # type: ignore[no-untyped-def]
        nonlocal checked
        # Plain rows, not model instances: a million of them are checked at a time.
        rows = AuditEvent.objects.order_by("id").values_list(*StoredEvent._fields).iterator(chunk_size=5000)
        for row in rows:
            checked += 1
            yield StoredEvent._make(row)

    broken = list(broken_links(events()))
    return checked, broken


def audit_chain_verify(
    *, checkpoint_path: Path | None = None, checkpoint_dir: Path | None = None
) -> VerifyReport:
    """The chain checked end to end and against a checkpoint: the one given, else the latest
    valid one in the checkpoint directory."""
    report = VerifyReport()
    report.checked, report.broken = audit_chain_walk()
    if checkpoint_path is not None:
        try:
            report.checkpoint = checkpoint_read(checkpoint_path)
        except CheckpointInvalid as error:
            report.checkpoint_problems.append(f"{checkpoint_path}: {error}")
    else:
        report.checkpoint, report.checkpoint_problems = latest_checkpoint(checkpoint_dir)
    if report.checkpoint is not None:
        report.checkpoint_problems.extend(checkpoint_mismatches(report.checkpoint))
    return report
