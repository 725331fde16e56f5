"""Background work of the client registry (django-tasks; run by ``python -m kotopolku db_worker``)."""

from __future__ import annotations

from django_tasks import task

from kotopolku.clients.services import retention_run


@task()
def clients_retention() -> list[str]:
    """Anonymise the clients whose case closed longer ago than their service point's retention
    period. Returns the UUIDs anonymised (each is also in the audit log)."""
    return retention_run()
