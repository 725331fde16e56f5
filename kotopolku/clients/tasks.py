"""Background work of the client registry (django-tasks; run by ``python -m kotopolku db_worker``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from kotopolku.accounts import permissions
from kotopolku.accounts.models import User
from kotopolku.audit.services import audit_record
from kotopolku.clients.selectors import retention_allowed, retention_due
from kotopolku.clients.services import client_anonymise, retention_run

RETENTION_PURPOSE = "retention period"


@task()
def clients_retention(
    service_point_ids: list[int] | None = None, requested_by: int | None = None
) -> list[str]:
    """Anonymise the clients whose case closed longer ago than their service point's retention
    period. Returns the UUIDs anonymised (each is also in the audit log).

    Without arguments (the scheduled run, the ``clients retention`` command) every service point.
    Started from the retention page, only the given service points, and only while the staff
    member who started it may still run it there; the anonymisations then name them.
    """
    if requested_by is None:
        return retention_run()
    by = User.objects.filter(pk=requested_by, is_active=True).first()
    if by is None:
        return []
    wanted = set(service_point_ids or ())
    due = [client for client in retention_due() if client.service_point_id in wanted]
    done = []
    for client in retention_allowed(user=by, clients=due):
        client_anonymise(client=client, by=by, reason=RETENTION_PURPOSE)
        done.append(str(client.uuid))
    return done


@transaction.atomic
def retention_run_request(*, by: User) -> Any:
    """Queue a retention run for the service points where ``by`` may run it (the caller has
    checked ``clients.retention``), and record the request in the audit log with it."""
    points = sorted(permissions.service_point_ids(by, "clients.retention"))
    due = len(retention_allowed(user=by, clients=retention_due()))
    result = clients_retention.enqueue(service_point_ids=points, requested_by=by.pk)
    audit_record(
        actor=by,
        action="clients.retention_run",
        purpose=RETENTION_PURPOSE,
        details={"task": str(result.id), "service_points": points, "due": due},
    )
    return result
