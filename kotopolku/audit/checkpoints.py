"""Signed checkpoints that anchor the audit chain outside its table.

A checkpoint states how many events the chain held and the hash of the last one, signed with an
HMAC under ``AUDIT_KEY``. It is written where a database administrator cannot quietly rewrite it:
a file in ``AUDIT_CHECKPOINT_DIR`` (a separate mount or a synced folder in production), a line
in the log stream (shipped off the host by the platform) and, when ``AUDIT_CHECKPOINT_EMAIL``
is set, an e-mail. ``audit verify`` compares the table with the latest checkpoint, so cutting the
tail, deleting the newest events or rewriting history with recomputed hashes is caught.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from kotopolku.audit.chain import GENESIS_HASH, audit_key
from kotopolku.audit.models import AuditEvent

logger = logging.getLogger("kotopolku.audit.checkpoint")

KIND = "kotopolku-audit-checkpoint"
FORMAT_VERSION = 1


class CheckpointInvalid(ValueError):
    """A checkpoint that cannot be read, or whose signature does not hold."""


@dataclass(frozen=True)
class Checkpoint:
    created_at: str
    count: int
    last_id: int
    last_hash: str
    signature: str = ""

    def signed_fields(self) -> dict[str, Any]:
        return {
            "kind": KIND,
            "version": FORMAT_VERSION,
            "created_at": self.created_at,
            "count": self.count,
            "last_id": self.last_id,
            "last_hash": self.last_hash,
        }

    def to_json(self) -> str:
        return json.dumps({**self.signed_fields(), "signature": self.signature}, sort_keys=True)


def _signature(fields: dict[str, Any]) -> str:
    message = KIND + "\n" + json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hmac.new(audit_key(), message.encode(), hashlib.sha256).hexdigest()


def checkpoint_take() -> Checkpoint:
    """The chain as it stands, read under the chain's append lock so count and last hash agree."""
    from kotopolku.audit.services import lock_chain

    with transaction.atomic():
        lock_chain()
        count = AuditEvent.objects.count()
        last = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    last_id, last_hash = last if last else (0, GENESIS_HASH)
    unsigned = Checkpoint(
        created_at=datetime.now(UTC).isoformat(timespec="microseconds"),
        count=count,
        last_id=last_id,
        last_hash=last_hash,
    )
    return Checkpoint(**{**asdict(unsigned), "signature": _signature(unsigned.signed_fields())})


def checkpoint_directory() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR)


def checkpoint_write_file(checkpoint: Checkpoint, directory: Path | None = None) -> Path:
    """Write the checkpoint as a new file (never over an older one), atomically."""
    directory = directory or checkpoint_directory()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = checkpoint.created_at.replace(":", "").replace("-", "").replace("+0000", "Z")
    path = directory / f"checkpoint-{stamp}-{checkpoint.count}.json"
    temporary = directory / f".{path.name}.tmp"
    with open(temporary, "x", encoding="utf-8") as handle:
        handle.write(checkpoint.to_json() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.link(temporary, path)  # fails rather than replace an existing checkpoint
    temporary.unlink()
    return path


def audit_checkpoint() -> tuple[Checkpoint, Path]:
    """Take a checkpoint and publish it to the file directory, the log and the e-mail address."""
    checkpoint = checkpoint_take()
    path = checkpoint_write_file(checkpoint)
    logger.info("audit checkpoint %s", checkpoint.to_json())
    if settings.AUDIT_CHECKPOINT_EMAIL:
        send_mail(
            subject=f"Kotopolku audit checkpoint: {checkpoint.count} events",
            message=(
                "Keep this message. It lets an auditor check that the audit log has not been shortened "
                "or rewritten (python -m kotopolku audit verify --checkpoint <file with the line below>).\n\n"
                f"{checkpoint.to_json()}\n"
            ),
            from_email=None,
            recipient_list=[settings.AUDIT_CHECKPOINT_EMAIL],
        )
    return checkpoint, path


def checkpoint_parse(text: str) -> Checkpoint:
    """A checkpoint from its JSON (a file, or the line copied from the log or an e-mail)."""
    start, end = text.find("{"), text.rfind("}")
    try:
        data = json.loads(text[start : end + 1]) if start >= 0 else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise CheckpointInvalid("not an audit checkpoint")
    try:
        checkpoint = Checkpoint(
            created_at=str(data["created_at"]),
            count=int(data["count"]),
            last_id=int(data["last_id"]),
            last_hash=str(data["last_hash"]),
            signature=str(data["signature"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CheckpointInvalid("an audit checkpoint with a missing or malformed field") from error
    if data.get("version") != FORMAT_VERSION or not hmac.compare_digest(
        _signature(checkpoint.signed_fields()), checkpoint.signature
    ):
        raise CheckpointInvalid("the checkpoint's signature does not hold (forged, altered or another key)")
    return checkpoint


def checkpoint_read(path: Path) -> Checkpoint:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CheckpointInvalid(f"cannot read {path}: {error}") from error
    return checkpoint_parse(text)


def latest_checkpoint(directory: Path | None = None) -> tuple[Checkpoint | None, list[str]]:
    """The newest valid checkpoint in the directory, and a problem for every file that is not one."""
    directory = directory or checkpoint_directory()
    problems: list[str] = []
    newest: Checkpoint | None = None
    for path in sorted(directory.glob("checkpoint-*.json")) if directory.is_dir() else []:
        try:
            checkpoint = checkpoint_read(path)
        except CheckpointInvalid as error:
            problems.append(f"{path.name}: {error}")
            continue
        if newest is None or (checkpoint.count, checkpoint.created_at) > (newest.count, newest.created_at):
            newest = checkpoint
    return newest, problems


def checkpoint_mismatches(checkpoint: Checkpoint) -> list[str]:
    """How the table disagrees with the checkpoint: events cut from the tail, deleted, or rewritten."""
    if checkpoint.count == 0:
        return []
    problems = []
    anchored = AuditEvent.objects.filter(id=checkpoint.last_id).values_list("hash", flat=True).first()
    if anchored is None:
        problems.append(
            f"event {checkpoint.last_id}, the last one at the checkpoint of {checkpoint.created_at}, "
            "is missing (the newest events were deleted or the table was cut)"
        )
    elif not hmac.compare_digest(anchored, checkpoint.last_hash):
        problems.append(
            f"event {checkpoint.last_id} has another hash than at the checkpoint of {checkpoint.created_at} "
            "(history up to it was rewritten)"
        )
    held = AuditEvent.objects.filter(id__lte=checkpoint.last_id).count()
    if held != checkpoint.count:
        problems.append(
            f"{held} events up to event {checkpoint.last_id}, but {checkpoint.count} at the checkpoint of "
            f"{checkpoint.created_at}"
        )
    return problems
