"""Background work of the duplicates app (django-tasks; run by ``python -m kotopolku db_worker``)."""

from __future__ import annotations

from django_tasks import task

from kotopolku.duplicates.models import Sweep, SweepStatus
from kotopolku.duplicates.services import sweep_run


@task()
def duplicates_sweep(sweep_id: int) -> int:
    """Run a requested sweep; its row carries the progress. Returns the pairs found."""
    sweep = Sweep.objects.select_related("network").filter(pk=sweep_id, status=SweepStatus.QUEUED).first()
    if sweep is None:
        return 0
    return sweep_run(sweep).found
