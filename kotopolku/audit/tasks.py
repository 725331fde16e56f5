"""The periodic audit checkpoint (django-tasks; run by ``python -m kotopolku db_worker``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from kotopolku.audit.checkpoints import audit_checkpoint


@task()
def audit_checkpoint_periodic() -> dict[str, object]:
    """Write a signed checkpoint, then queue the next one an interval later (also when this one
    failed, say the mail server was down: the file and the log line are written first)."""
    try:
        checkpoint, path = audit_checkpoint()
    finally:
        schedule_next_checkpoint()
    return {"count": checkpoint.count, "last_id": checkpoint.last_id, "file": str(path)}


def schedule_next_checkpoint() -> datetime:
    """Queue the next periodic checkpoint, unless one is already waiting (then its time)."""
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        waiting = (
            DBTaskResult.objects.filter(
                status=TaskResultStatus.READY, task_path=audit_checkpoint_periodic.module_path
            )
            .order_by("run_after")
            .values_list("run_after", flat=True)
            .first()
        )
        if waiting is not None:
            return waiting
        run_after = timezone.now() + timedelta(minutes=settings.AUDIT_CHECKPOINT_INTERVAL_MINUTES)
        audit_checkpoint_periodic.using(run_after=run_after).enqueue()
        return run_after
